"""Uploaded files are served with the type their content shows, so none can pass itself off as a page of this site.

A file that starts with "%PDF" but is an HTML page (say, a fake sign-in form) must be
downloaded, never shown in the browser, whatever name it was stored under.
"""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from feedback.models import Partner, Project
from meetings.models import Meeting, Paper
from members.expenses.models import ClaimLine, ExpenseClaim
from tests.sample_files import one_page_pdf

pytestmark = pytest.mark.django_db

HTML_DRESSED_AS_PDF = b'%PDF-1.4\n<html><body><form action="https://evil.example/">Sign in</form></body></html>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def password_protected_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def project_paper(peg):
    """Stores a paper on an open project of the member's group, skipping the upload checks as an old file would."""
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside County Council"),
        lead_name="Priyanka Bhatt",
        summary="How you book appointments is changing.",
        status=Project.Status.OPEN,
        closes_on=timezone.localdate() + timedelta(days=7),
    )
    project.groups.set([peg])

    def add(name, content):
        paper = project.papers.create(title="Briefing", file=SimpleUploadedFile(name, content))
        return reverse("feedback:download_paper", args=[project.pk, paper.pk])

    return add


@pytest.fixture
def meeting_paper(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PAPERS_ISSUED)

    def add(name, content):
        paper = Paper.objects.create(
            item=meeting.items.first(), title="Briefing", file=SimpleUploadedFile(name, content)
        )
        return paper.get_absolute_url()

    return add


@pytest.fixture
def receipt(member, peg):
    def add(name, content):
        claim = ExpenseClaim.objects.create(
            claimant=member, group=peg, activity_date=timezone.localdate() - timedelta(days=7), description="Bus fare"
        )
        line = ClaimLine.objects.create(
            claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal("4.50"), receipt=SimpleUploadedFile(name, content)
        )
        return line.get_receipt_url()

    return add


def test_a_project_paper_that_is_html_dressed_as_a_pdf_is_downloaded_not_shown(client, member, project_paper):
    client.force_login(member)
    response = client.get(project_paper("sign-in.html", HTML_DRESSED_AS_PDF))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="sign-in.bin"'


def test_a_meeting_paper_that_is_html_dressed_as_a_pdf_is_downloaded_not_shown(client, member, meeting_paper):
    client.force_login(member)
    response = client.get(meeting_paper("briefing.pdf", HTML_DRESSED_AS_PDF))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="briefing.bin"'


def test_a_receipt_that_is_html_dressed_as_a_pdf_is_downloaded_not_shown(client, member, receipt):
    client.force_login(member)
    response = client.get(receipt("ticket.pdf", HTML_DRESSED_AS_PDF))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="ticket.bin"'


def test_a_real_pdf_is_shown_in_the_browser(client, member, project_paper):
    client.force_login(member)
    response = client.get(project_paper("briefing.pdf", one_page_pdf()))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="briefing.pdf"'


def test_a_password_protected_pdf_is_still_a_pdf(client, member, meeting_paper):
    client.force_login(member)
    response = client.get(meeting_paper("locked.pdf", password_protected_pdf()))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="locked.pdf"'


def test_the_download_name_ends_as_the_content_is(client, member, project_paper):
    client.force_login(member)
    response = client.get(project_paper("briefing.html", one_page_pdf()))
    assert response["Content-Disposition"] == 'inline; filename="briefing.pdf"'


def test_an_image_receipt_is_shown_in_the_browser(client, member, receipt):
    client.force_login(member)
    response = client.get(receipt("ticket.png", PNG))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="ticket.png"'


def test_a_word_paper_is_downloaded(client, member, meeting_paper):
    client.force_login(member)
    response = client.get(meeting_paper("notes.docx", word_document()))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="notes.docx"'


def test_downloads_tell_the_browser_not_to_guess_the_type(client, member, meeting_paper):
    client.force_login(member)
    response = client.get(meeting_paper("briefing.pdf", one_page_pdf()))
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_whole_file_is_served(client, member, meeting_paper):
    content = one_page_pdf()
    client.force_login(member)
    response = client.get(meeting_paper("briefing.pdf", content))
    assert b"".join(response.streaming_content) == content
    assert response["Content-Length"] == str(len(content))
