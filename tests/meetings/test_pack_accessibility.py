"""The meeting pack's structure read back with pikepdf: what it claims, its tables, links and bookmarks,
and the structure of the partner papers appended to it."""

import io
import re
from urllib.parse import unquote

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.utils.timezone import localtime
from weasyprint import HTML

from engagement.core.documents import Document, structure_elements
from meetings import documents as meeting_documents
from meetings.models import Action, Paper
from tests.meetings.test_documents import blank_pdf

pytestmark = pytest.mark.django_db

PDF_UA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"


def tagged_pdf(heading="Partner briefing"):
    """A small paper as a partner with accessible tools would send it: tagged, with a table and a link."""
    return HTML(
        string=f"""<html lang="en-GB"><head><title>{heading}</title></head><body><h1>{heading}</h1>
        <table><tr><th scope="col">Site</th><th scope="col">Hours</th></tr><tr><td>Hub</td><td>9 to 5</td></tr></table>
        <p><a href="https://example.org/briefing">Read the full briefing</a></p></body></html>"""
    ).write_pdf(pdf_variant="pdf/ua-1")


def add_paper(item, title, content, **fields):
    paper = Paper(item=item, title=title, **fields)
    paper.file.save("paper.pdf", ContentFile(content), save=False)
    paper.save()
    return paper


def render(meeting):
    document = meeting_documents.meeting_pack(meeting)
    return document, pikepdf.open(io.BytesIO(document.render()))


def claims_pdf_ua(pdf):
    return PDF_UA_PART in pdf.open_metadata()


def elements(pdf, kind):
    return [e for e in structure_elements(pdf.Root.StructTreeRoot) if e.S == pikepdf.Name(kind)]


def table_attributes(cell):
    attributes = cell.A
    for candidate in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if candidate.get("/O") == pikepdf.Name.Table:
            return candidate
    raise AssertionError("no table attributes")


@pytest.fixture
def full_meeting(meeting, member, make_meeting):
    """A meeting whose pack has every kind of table and link: facts, agenda, matters arising, contents, papers."""
    meeting.online_link = "https://meet.example.org/peg/a-long-address-that-would-wrap-across-two-lines-if-shown"
    meeting.save()
    earlier = make_meeting(days=-50)
    Action.objects.create(meeting=earlier, description="Write to the practice", owner=member, due=meeting.start.date())
    return meeting


def test_it_does_not_claim_pdf_ua_for_a_pack_with_an_untagged_paper(meeting):
    welcome, gp = meeting.items.order_by("position")
    add_paper(welcome, "Terms of reference", tagged_pdf())
    add_paper(gp, "GP access briefing", blank_pdf(2))
    _document, pdf = render(meeting)
    assert not claims_pdf_ua(pdf)


def test_it_claims_pdf_ua_when_every_paper_is_tagged(meeting):
    welcome, gp = meeting.items.order_by("position")
    add_paper(welcome, "Terms of reference", tagged_pdf())
    add_paper(gp, "GP access briefing", tagged_pdf())
    _document, pdf = render(meeting)
    assert pdf.open_metadata()[PDF_UA_PART] == "1"


def test_a_tagged_paper_keeps_its_structure_under_a_part_named_after_it(meeting):
    add_paper(meeting.items.first(), "Terms of reference", tagged_pdf("Our terms"))
    _document, pdf = render(meeting)
    (part,) = elements(pdf, "/Part")
    assert str(part.T) == "Terms of reference"
    assert part.P == pdf.Root.StructTreeRoot.K[0]
    last_page = pdf.pages[-1]
    headings = [e for e in structure_elements(part) if e.S == pikepdf.Name.H1]
    assert [h.Pg.objgen for h in headings] == [last_page.obj.objgen]


def test_a_tagged_papers_content_is_found_from_its_page(meeting):
    add_paper(meeting.items.first(), "Terms of reference", tagged_pdf())
    _document, pdf = render(meeting)
    parent_tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    keys = [int(page.StructParents) for page in pdf.pages]
    assert len(set(keys)) == len(keys)
    part = elements(pdf, "/Part")[0]
    in_part = {e.objgen for e in structure_elements(part)}
    assert {element.objgen for element in parent_tree[keys[-1]]} <= in_part
    (link,) = pdf.pages[-1].Annots
    assert parent_tree[int(link.StructParent)].S == pikepdf.Name.Link


def rewritten(content, change):
    with pikepdf.open(io.BytesIO(content)) as pdf:
        change(pdf)
        output = io.BytesIO()
        pdf.save(output)
    return output.getvalue()


def test_a_paper_with_a_broken_structure_tree_goes_in_untagged(meeting):
    def break_role_map(pdf):
        pdf.Root.StructTreeRoot.RoleMap = 5

    add_paper(meeting.items.first(), "Terms of reference", rewritten(tagged_pdf(), break_role_map))
    _document, pdf = render(meeting)
    assert not elements(pdf, "/Part")
    assert not claims_pdf_ua(pdf)
    assert "/StructParents" not in pdf.pages[-1]


def test_an_untagged_papers_pages_do_not_point_into_the_packs_structure(meeting):
    def unmark(pdf):
        del pdf.Root.MarkInfo

    add_paper(meeting.items.first(), "Terms of reference", rewritten(tagged_pdf(), unmark))
    _document, pdf = render(meeting)
    last = pdf.pages[-1]
    assert "/StructParents" not in last
    assert all("/StructParent" not in annotation for annotation in last.Annots)


def test_every_table_header_has_a_scope(full_meeting):
    add_paper(full_meeting.items.first(), "Terms of reference", tagged_pdf())
    _document, pdf = render(full_meeting)
    headers = elements(pdf, "/TH")
    assert len(headers) > 10
    assert all("/Scope" in table_attributes(th) for th in headers)


def test_headers_beside_data_are_row_headers_and_headers_above_are_column_headers(full_meeting):
    _document, pdf = render(full_meeting)
    scopes = [str(table_attributes(th).Scope) for th in elements(pdf, "/TH")]
    assert scopes.count("/Row") == 4  # the cover's When, Where, Access and Join online
    assert scopes.count("/Column") == 2 + 4 + 4  # the contents, the agenda and the open actions


def test_the_id_tree_holds_every_id_used(full_meeting):
    add_paper(full_meeting.items.first(), "Terms of reference", tagged_pdf())
    _document, pdf = render(full_meeting)
    root = pdf.Root.StructTreeRoot
    with_ids = {str(e.ID): e.objgen for e in structure_elements(root) if "/ID" in e}
    referenced = {str(header) for td in elements(pdf, "/TD") for header in table_attributes(td).get("/Headers", [])}
    assert with_ids and referenced <= set(with_ids)
    tree = pikepdf.NameTree(root.IDTree)
    assert {key: tree[key].objgen for key in tree.keys()} == with_ids


def test_ids_stay_unique_when_two_papers_use_the_same_ones(meeting):
    add_paper(meeting.items.first(), "Terms of reference", tagged_pdf())
    add_paper(meeting.items.last(), "The same terms again", tagged_pdf())
    _document, pdf = render(meeting)
    ids = [str(e.ID) for e in structure_elements(pdf.Root.StructTreeRoot) if "/ID" in e]
    assert len(ids) == len(set(ids)) > 2


def test_each_link_is_one_annotation(full_meeting):
    add_paper(full_meeting.items.first(), "A paper with a long title about the future of GP access", blank_pdf(1))
    document, pdf = render(full_meeting)
    links_in_html = len(re.findall(r"<a\s[^>]*href=", document.html))
    annotations = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == pikepdf.Name.Link]
    assert links_in_html >= 4  # joining online, the contents, two offers of an accessible copy
    assert len(annotations) == links_in_html


def test_a_link_reaching_the_end_of_a_line_moves_to_the_next_whole():
    document = Document(name="links", template="documents/base.html", context={})
    document.html = (
        '<html lang="en-GB"><head><title>Links</title></head><body><p>'
        + "Words before the link. " * 3
        + '<a href="https://example.org/">a link whose text would otherwise run on to the next line</a></p></body></html>'
    )
    pdf = pikepdf.open(io.BytesIO(document.render()))
    assert len(pdf.pages[0].Annots) == 1


def test_the_pack_links_say_where_they_go_rather_than_showing_the_address(full_meeting):
    document, _pdf = render(full_meeting)
    assert ">Join the meeting online</a>" in document.html
    assert f">{full_meeting.online_link}<" not in document.html


def test_bookmarks_keep_the_space_between_lines_of_a_heading(meeting):
    _document, pdf = render(meeting)
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert f"{meeting.group.name} {meeting.title}" in titles


def test_the_contents_offer_an_accessible_copy_of_a_paper_by_e_mail(settings, meeting):
    add_paper(meeting.items.first(), "Terms & conditions", blank_pdf(1))
    _document, pdf = render(meeting)
    mailtos = [
        unquote(str(a.A.URI))
        for page in pdf.pages
        for a in page.get("/Annots", [])
        if str(a.get("/A", {}).get("/URI", "")).startswith("mailto:")
    ]
    subject = f'Accessible copy of "Terms & conditions" ({meeting.title}, {localtime(meeting.start):%-d %B %Y})'
    assert mailtos == [f"mailto:{settings.ENGAGEMENT_TEAM_EMAIL}?subject={subject}"] * 2


def test_a_paper_with_an_accessible_version_has_no_offer(meeting):
    add_paper(meeting.items.first(), "Terms of reference", tagged_pdf(), accessible_version_received=True)
    document, _pdf = render(meeting)
    assert "may not work with a screen reader" not in document.html
