"""PDF documents: WeasyPrint renders HTML templates as tagged PDF/UA-1 (title, language,
reading order); pikepdf completes the table structure WeasyPrint leaves unfinished and
appends uploaded PDF papers with bookmarks, keeping a tagged paper's structure. A file
with an untagged paper in it no longer claims PDF/UA.

Finished files are kept in private storage under a name made from a hash of
everything they are built from (the rendered HTML and each appended file), so
a document is reused until its source data changes, and rebuilt after. The
stored files are only a cache: any of them can be deleted (`delete_generated`)
and is built again the next time it is asked for.
"""

import hashlib
import io
import logging
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cached_property

import pikepdf
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from weasyprint import CSS, HTML

from .uploads import STORAGE_ERRORS

logger = logging.getLogger(__name__)

STYLESHEET = settings.BASE_DIR / "static" / "css" / "documents.css"
BUILD_LOCK_SECONDS = 15 * 60
FOLDER = "generated"


@dataclass
class Appendix:
    """An uploaded PDF to add after the rendered pages, under an outline (bookmark) heading."""

    heading: str
    title: str
    file: object  # a FieldFile
    pages: int = 0


@dataclass
class Document:
    name: str  # e.g. "meeting-pack-12"; part of the stored file name
    template: str
    context: dict
    appendices: list = field(default_factory=list)
    large: bool = False  # build in the background rather than during a web request
    html: str = ""

    def __post_init__(self):
        context = {
            "SERVICE_NAME": settings.SERVICE_NAME,
            "ORGANISATION_NAME": settings.ORGANISATION_NAME,
            "ENGAGEMENT_TEAM_EMAIL": settings.ENGAGEMENT_TEAM_EMAIL,
        }
        self.html = render_to_string(self.template, context | self.context)

    @cached_property
    def fingerprint(self):
        # Kept: each appendix's size is a storage call (a request, on S3), and serving asks
        # for the path more than once.
        digest = hashlib.sha256(self.html.encode())
        for appendix in self.appendices:
            digest.update(f"{appendix.heading}|{appendix.title}|{appendix.file.name}|{appendix.file.size}".encode())
        return digest.hexdigest()[:20]

    @property
    def path(self):
        return f"{FOLDER}/{self.name}-{self.fingerprint}.pdf"

    def render(self):
        rendered = HTML(string=self.html, base_url=str(settings.BASE_DIR)).write_pdf(
            stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
        )
        # Papers stay open until the pack is saved: pikepdf copies their page content only then.
        with pikepdf.open(io.BytesIO(rendered)) as pdf, ExitStack() as papers:
            every_page_tagged = True
            starts = []
            for number, appendix in enumerate(self.appendices, 1):
                with appendix.file.open("rb") as handle:
                    # Only papers that open without a password get this far (readable_pdf).
                    paper = papers.enter_context(pikepdf.open(io.BytesIO(handle.read()), password=""))
                starts.append(len(pdf.pages))
                every_page_tagged &= append_paper(pdf, paper, appendix.title, f"paper-{number}-")
            complete_table_structure(pdf)
            if not every_page_tagged:
                withdraw_pdf_ua_claim(pdf)
            add_bookmarks(pdf, self.appendices, starts)
            output = io.BytesIO()
            pdf.save(output)
        return output.getvalue()

    def stored(self):
        """The stored PDF's path, building it now if it is not there yet."""
        if not default_storage.exists(self.path):
            default_storage.save(self.path, ContentFile(self.render()))
        return self.path

    def is_stored(self):
        return default_storage.exists(self.path)

    def claim_build(self):
        """True for the one caller that should start a background build (others wait for it)."""
        return cache.add(f"building:{self.path}", True, BUILD_LOCK_SECONDS)


def structure_children(node):
    """The structure elements directly under `node`, leaving out marked content and annotations."""
    kids = node.get("/K")
    return [
        kid
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids])
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type", pikepdf.Name.StructElem) == pikepdf.Name.StructElem
    ]


def structure_elements(node):
    """Every structure element under `node` (a structure tree root or element), parents first.

    Each once: a partner's malformed tree can list an element twice, or loop.
    """
    seen = set()
    stack = structure_children(node)[::-1]
    while stack:
        element = stack.pop()
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        yield element
        stack.extend(reversed(structure_children(element)))


def complete_table_structure(pdf):
    """Give every table header cell without one a /Scope, and write the /IDTree of every /ID.

    WeasyPrint keeps neither the HTML scope nor writes the /IDTree that the PDF
    specification requires wherever elements have IDs (it gives each header one, listed
    in the data cells' /Headers). Our templates put row headers in rows of data cells and
    column headers in rows of headers, which is also the HTML rule for a header without
    a scope.
    """
    root = pdf.Root.StructTreeRoot
    ids = pikepdf.NameTree.new(pdf)
    for element in structure_elements(root):
        if "/ID" in element:
            ids[str(element.ID)] = element
        if element.get("/S") != pikepdf.Name.TR:
            continue
        cells = structure_children(element)
        in_data_row = any(cell.get("/S") == pikepdf.Name.TD for cell in cells)
        for cell in cells:
            if cell.get("/S") != pikepdf.Name.TH:
                continue
            attributes = table_attributes(pdf, cell)
            if "/Scope" not in attributes:
                attributes.Scope = pikepdf.Name.Row if in_data_row else pikepdf.Name.Column
    if len(ids):
        root.IDTree = ids.obj


def table_attributes(pdf, cell):
    """The cell's table attribute dictionary (owner /Table), added if it has none."""
    attributes = cell.get("/A")
    candidates = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
    for candidate in candidates:
        if isinstance(candidate, pikepdf.Dictionary) and candidate.get("/O") == pikepdf.Name.Table:
            return candidate
    table = pdf.make_indirect(pikepdf.Dictionary(O=pikepdf.Name.Table))
    if attributes is None:
        cell.A = table
    elif isinstance(attributes, pikepdf.Array):
        attributes.append(table)
    else:
        cell.A = pikepdf.Array([attributes, table])
    return table


def is_tagged(pdf):
    return "/StructTreeRoot" in pdf.Root and bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False))


def append_paper(pdf, paper, title, id_prefix):
    """Add a paper's pages to `pdf`, with its structure tree if it has one; True if it had.

    A tagged paper's structure goes under a Part element named after it. Its structure
    parent keys (on pages, annotations and forms) are moved past ours, as both files
    number them from 0, and its element IDs get `id_prefix`, as IDs must be unique.
    """
    start = len(pdf.pages)
    pdf.pages.extend(paper.pages)
    holders = list(structure_key_holders(pdf.pages[start:]))
    structure = None
    if is_tagged(paper):
        try:
            structure = copy_structure(pdf, paper, title, id_prefix)
        except (pikepdf.PdfError, AttributeError, KeyError, TypeError, ValueError):
            # A partner's broken structure tree should not stop the whole pack: the
            # paper goes in as an untagged one.
            structure = None
    if structure is None:
        # Keys left on an untagged paper's pages would point at our elements.
        for holder, name in holders:
            del holder[name]
        return False
    part, parent_entries, maps = structure
    ours = pdf.Root.StructTreeRoot
    document = ours.K[0] if isinstance(ours.K, pikepdf.Array) else ours.K
    part.P = document
    document.K.append(part)
    parent_tree = pikepdf.NumberTree(ours.ParentTree)
    offset = max(parent_tree.keys(), default=-1) + 1
    for key, value in parent_entries:
        parent_tree[key + offset] = value
    ours.ParentTreeNextKey = max(parent_tree.keys(), default=-1) + 1
    for holder, name in holders:
        holder[name] = int(holder[name]) + offset
    for name, entries in maps.items():
        merged = ours.get(name, pikepdf.Dictionary())
        for key, value in entries.items():
            if key not in merged:
                merged[key] = value
        ours[name] = merged
    return True


def structure_key_holders(pages):
    """(object, key name) for each structure parent key on these pages, their annotations and forms."""
    seen = set()
    for page in pages:
        xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
        for holder in [page.obj, *page.obj.get("/Annots", []), *xobjects.values()]:
            # A form used on several pages is one object: its key must move once.
            if not isinstance(holder, pikepdf.Dictionary | pikepdf.Stream) or holder.objgen in seen:
                continue
            if holder.is_indirect:
                seen.add(holder.objgen)
            for name in ("/StructParent", "/StructParents"):
                if name in holder:
                    yield holder, name


def copy_structure(pdf, paper, title, id_prefix):
    """Copy a tagged paper's structure into `pdf`, changing nothing of ours yet.

    Returns its Part element, its parent tree entries (paper's keys, copied values) and
    its role and class maps.
    """
    theirs = paper.Root.StructTreeRoot
    # Changed in the paper before anything is copied, so that the copies have the new
    # IDs and their top elements' parent is the Part (not the paper's own tree root,
    # which copying would bring along).
    prefix_ids(paper, id_prefix)
    kids = structure_children(theirs)
    part = paper.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Part, T=pikepdf.String(title), K=pikepdf.Array(kids)
        )
    )
    if "/Lang" in paper.Root:
        part.Lang = paper.Root.Lang
    for kid in kids:
        kid.P = part
    part = pdf.copy_foreign(part)
    parent_entries = []
    if "/ParentTree" in theirs:
        parent_entries = [
            (key, copy_from(paper, value, pdf)) for key, value in pikepdf.NumberTree(theirs.ParentTree).items()
        ]
    maps = {
        name: {key: copy_from(paper, value, pdf) for key, value in theirs[name].items()}
        for name in ("/RoleMap", "/ClassMap")
        if name in theirs
    }
    return part, parent_entries, maps


def prefix_ids(pdf, prefix):
    """Put `prefix` before every element ID, and every reference to one in a cell's /Headers."""
    for element in structure_elements(pdf.Root.StructTreeRoot):
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        for candidate in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(candidate, pikepdf.Dictionary) and "/Headers" in candidate:
                candidate.Headers = pikepdf.Array([pikepdf.String(prefix + str(h)) for h in candidate.Headers])


def copy_from(source, value, pdf):
    """`value` from `source`, copied into `pdf` with everything it refers to."""
    if not isinstance(value, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
        return value
    # qpdf copies only indirect objects, each once per source, so references shared with
    # objects copied before (pages, other elements) point at the same copies.
    return pdf.copy_foreign(value if value.is_indirect else source.make_indirect(value))


def withdraw_pdf_ua_claim(pdf):
    """PDF/UA requires every page to be tagged: a pack with an untagged paper must not claim it."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
        del metadata["pdfuaid:part"]


def add_bookmarks(pdf, appendices, starts):
    """A bookmark for each appendix, under one for its heading, after the rendered pages' own."""
    with pdf.open_outline() as outline:
        parents = {}
        for appendix, start in zip(appendices, starts):
            if appendix.heading not in parents:
                parents[appendix.heading] = pikepdf.OutlineItem(appendix.heading, start)
                outline.root.append(parents[appendix.heading])
            parents[appendix.heading].children.append(pikepdf.OutlineItem(appendix.title, start))


def delete_generated(before=None):
    """Delete stored PDFs last written before `before` (all of them if None); returns how many.

    Listed through the storage API, so it works the same on local disk and in an S3 bucket.
    """
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:  # local disk, before the first document is built
        return 0
    deleted = 0
    for name in names:
        path = f"{FOLDER}/{name}"
        if before is None or default_storage.get_modified_time(path) < before:
            default_storage.delete(path)
            deleted += 1
    return deleted


def readable_pdf(file):
    """(page count, None) for a PDF that can be appended, or (0, reason) in plain words."""
    if not file.name.lower().endswith(".pdf"):
        return 0, "This paper is not a PDF, so it is not included here. Open it from the meeting page."
    try:
        with file.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            if reader.is_encrypted and not reader.decrypt(""):
                return (
                    0,
                    "This paper is password-protected, so it could not be included. Open it from the meeting page.",
                )
            return len(reader.pages), None
    except (PdfReadError, OSError, ValueError, KeyError, TypeError):
        return 0, "This paper could not be read, so it is not included. Ask the engagement team for a new copy."


def pdf_response(path, filename):
    return FileResponse(default_storage.open(path, "rb"), content_type="application/pdf", filename=filename)


def serve(request, document, filename, queue_build, back_url):
    """Send the PDF if it is ready or quick to make; otherwise start one background build and say so.

    The "being prepared" page asks the same address with ?ready=check every few seconds
    (static/js/document-ready.js) and offers the download once the file is stored.
    """
    if request.GET.get("ready") == "check":
        return JsonResponse(
            {"ready": not document.large or document.is_stored()}, headers={"Cache-Control": "no-store"}
        )
    if not document.large or document.is_stored():
        try:
            path = document.stored()
        except STORAGE_ERRORS:
            # The stored copy is only a cache: when it cannot be written, the PDF is sent without one.
            logger.exception("Could not store %s, so it was sent without keeping a copy", document.path)
            return FileResponse(io.BytesIO(document.render()), content_type="application/pdf", filename=filename)
        return pdf_response(path, filename)
    if document.claim_build():
        queue_build()
    return render(
        request,
        "documents/preparing.html",
        {"filename": filename, "back_url": back_url, "pdf_url": request.get_full_path()},
        status=202,
    )


def download(request, named_documents, archive_name):
    """One PDF as it is, or several in a ZIP: for admin actions on selected records.

    `named_documents` holds (filename, document, queue_build). A large document not
    built yet is built in the background instead (its builder e-mails a link), so an
    admin request never waits for a long WeasyPrint run; None sends staff back to the list.
    """
    waiting = [
        (document, queue_build)
        for _, document, queue_build in named_documents
        if document.large and not document.is_stored()
    ]
    if waiting:
        for document, queue_build in waiting:
            if document.claim_build():
                queue_build()
        one = len(waiting) == 1
        messages.info(
            request,
            f"{len(waiting)} of the {len(named_documents)} selected PDFs {'is' if one else 'are'} large, "
            f"so we are making {'it' if one else 'them'} in the background and will e-mail you "
            f"{'a link' if one else 'a link to each'}. "
            "Choose the same action again in a few minutes to download them all together.",
        )
        return None
    files = [(filename, document.stored()) for filename, document, _ in named_documents]
    if len(files) == 1:
        return pdf_response(files[0][1], files[0][0])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for filename, path in files:
            with default_storage.open(path, "rb") as handle:
                zipped.writestr(filename, handle.read())
    response = HttpResponse(archive.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive_name}"'
    return response


def large_print_asked(request):
    """Whether a download asks for the large-print copy (?print=large; documents/download_links.html)."""
    return request.GET.get("print") == "large"
