"""'You Said, We Did' read back as a reader gets it: inside the margins, each theme named on every page
its table runs onto, type sizes, large print, and the Word copy."""

import io
import subprocess

import docx
import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from feedback import documents as feedback_documents
from feedback.models import Theme
from tests.pdf_reading import type_sizes, words

from .conftest import close, publish

pytestmark = pytest.mark.django_db

MARGIN = 18 / 25.4 * 72  # 18mm, documents.css


@pytest.fixture
def long_report(project, make_entry):
    publish(close(project))
    strategy = Theme.objects.create(name="Strategy", position=0)
    voice = Theme.objects.create(name="Patient voice", position=1)
    for row in range(14):
        make_entry(
            project,
            theme=strategy,
            what_we_heard=f"Heard {row}: " + "people want to be asked before plans are made " * 6,
            how_we_reflected="The plan now has a stage for asking people first. " * 4,
            where_addressed="Section 4.2, engagement-and-involvement-arrangements-for-primary-care-networks",
        )
    make_entry(project, theme=voice, what_we_heard="Use plain English.")
    return project


def test_no_text_runs_outside_the_page_margins(long_report):
    pdf = feedback_documents.project_report(long_report).render()
    placed = words(pdf)
    assert placed
    for word in placed:
        assert MARGIN - 1 <= word.x_min and word.x_max <= word.page_width - MARGIN + 1, word


def test_a_theme_continued_onto_a_new_page_repeats_its_name(long_report):
    pages = [
        page.extract_text()
        for page in PdfReader(io.BytesIO(feedback_documents.project_report(long_report).render())).pages
    ]
    strategy_pages = [text for text in pages[1:] if "Heard " in text]
    assert len(strategy_pages) >= 2
    for text in strategy_pages:
        assert "Strategy\nWhat we heard How we reflected this Where this is addressed" in text


def test_a_theme_continued_onto_a_new_page_is_named_as_continued_at_its_top(long_report):
    pdf = feedback_documents.project_report(long_report).render()
    # poppler, not pypdf: pypdf leaves out the running header, which is marked as an artifact.
    pages = [
        subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-", "-"], input=pdf, capture_output=True
        ).stdout.decode()
        for number in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1)
    ]
    strategy_pages = [text for text in pages[1:] if "Heard " in text]
    assert "Strategy, continued" not in strategy_pages[0]
    # A page where the next theme starts is headed by neither: first-except names a theme only on pages after its start.
    continued = [text for text in strategy_pages[1:] if "Patient voice" not in text]
    assert continued
    assert all("Strategy, continued" in text for text in continued)


@pytest.mark.parametrize(("large_print", "smallest"), [(False, 12), (True, 16)])
def test_no_text_in_the_report_is_smaller_than_the_body_size(long_report, large_print, smallest):
    sizes = type_sizes(feedback_documents.project_report(long_report, large_print).render())
    assert min(sizes.values()) >= smallest


def test_the_large_print_report_gives_each_view_one_under_another(long_report):
    pdf = feedback_documents.project_report(long_report, large_print=True).render()
    assert PdfReader(io.BytesIO(pdf)).metadata.title == f"You said, we did (large print): {long_report.title}"
    lefts = {round(word.x_min) for word in words(pdf) if word.text in ("What", "How", "Where")}
    assert len(lefts) == 1  # every heading starts at the same left edge: one column


def test_a_member_downloads_the_report_in_large_print(client, member, long_report):
    client.force_login(member)
    response = client.get(reverse("feedback:project_response_pdf", args=[long_report.pk]) + "?print=large")
    assert response["Content-Disposition"].endswith('-large-print.pdf"')
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert "(large print)" in reader.metadata.title


def test_a_large_print_report_built_in_the_background_is_linked_in_large_print(
    client, member, long_report, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(feedback_documents, "LARGE_REPORT_ROWS", 3)
    client.force_login(member)
    url = reverse("feedback:project_response_pdf", args=[long_report.pk]) + "?print=large"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202
    assert "in large print" in mail.outbox[0].subject
    assert url in mail.outbox[0].body


def test_the_report_as_a_word_document_has_theme_headings_and_header_rows(client, member, long_report):
    client.force_login(member)
    response = client.get(reverse("feedback:project_response_docx", args=[long_report.pk]))
    document = docx.Document(io.BytesIO(response.content))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", f"You said, we did: {long_report.title}"),
        ("Heading 2", "Strategy"),
        ("Heading 2", "Patient voice"),
    ]
    facts, strategy, voice = document.tables
    for table in (strategy, voice):
        header = table.rows[0]
        assert [cell.text for cell in header.cells] == [
            "What we heard",
            "How we reflected this",
            "Where this is addressed",
        ]
        assert header._tr.trPr.xpath("./w:tblHeader")
    assert len(strategy.rows) == 1 + 14
    assert voice.rows[1].cells[0].text == "Use plain English."
    assert document.core_properties.language == "en-GB"


def test_the_group_report_as_a_word_document_follows_the_pages_choices(client, member, long_report, peg):
    client.force_login(member)
    response = client.get(reverse("feedback:you_said_we_did_docx") + f"?group={peg.slug}")
    assert response["Content-Disposition"] == 'attachment; filename="you-said-we-did-peg.docx"'
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == f"You said, we did: {peg.name}"
    assert long_report.title in document.tables[1].rows[1].cells[0].text


def test_an_unpublished_response_has_no_word_copy_for_members(client, member, project, make_entry):
    make_entry(project)
    client.force_login(member)
    assert client.get(reverse("feedback:project_response_docx", args=[project.pk])).status_code == 404


def test_another_group_cannot_download_the_word_copy(client, panel_member, long_report):
    client.force_login(panel_member)
    assert client.get(reverse("feedback:project_response_docx", args=[long_report.pk])).status_code == 404
