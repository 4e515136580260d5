"""PDF documents: WeasyPrint renders HTML templates as tagged PDF/UA-1 (title, language,
reading order), pypdf appends uploaded PDF papers with bookmarks.

Finished files are kept in private storage under a name made from a hash of
everything they are built from (the rendered HTML and each appended file), so
a document is reused until its source data changes, and rebuilt after. The
stored files are only a cache: any of them can be deleted (`delete_generated`)
and is built again the next time it is asked for.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from weasyprint import CSS, HTML

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
        context = {"SERVICE_NAME": settings.SERVICE_NAME, "ORGANISATION_NAME": settings.ORGANISATION_NAME}
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
        pdf = HTML(string=self.html, base_url=str(settings.BASE_DIR)).write_pdf(
            stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
        )
        if not self.appendices:
            return pdf
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
        parents = {}
        for appendix in self.appendices:
            with appendix.file.open("rb") as handle:
                reader = PdfReader(io.BytesIO(handle.read()))
            if reader.is_encrypted:
                reader.decrypt("")  # only papers that open without a password are appended
            start = len(writer.pages)
            writer.append(reader, import_outline=False)
            if appendix.heading not in parents:
                parents[appendix.heading] = writer.add_outline_item(title=appendix.heading, page_number=start)
            writer.add_outline_item(title=appendix.title, page_number=start, parent=parents[appendix.heading])
        output = io.BytesIO()
        writer.write(output)
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
        return pdf_response(document.stored(), filename)
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
