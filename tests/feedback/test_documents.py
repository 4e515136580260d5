"""'You Said, We Did' reports rendered for real by WeasyPrint and read back with pypdf."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from feedback import documents as feedback_documents
from feedback.models import ResponseEntry, Theme

from .conftest import close, publish

pytestmark = pytest.mark.django_db

THEMES = ["Strategy", "Patient voice", "Plans for transforming primary care", "Care models and access to care"]


def read(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(content))


def text(reader):
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def published(project, make_entry):
    publish(close(project))
    outcomes = list(ResponseEntry.Outcome)
    for i, name in enumerate(THEMES):
        theme = Theme.objects.create(name=name, position=i)
        for row in range(2):
            make_entry(
                project, theme=theme, what_we_heard=f"Heard {name} {row}", outcome=outcomes[(i + row) % len(outcomes)]
            )
    return project


def test_the_project_report_has_every_row_under_its_theme(client, member, published):
    client.force_login(member)
    reader = read(client.get(reverse("feedback:project_response_pdf", args=[published.pk])))
    content = text(reader)
    for heading in [
        "You said, we did",
        "About this report",
        "What we heard",
        "How we reflected this",
        "Where this is addressed",
    ]:
        assert heading in content
    positions = [content.index(name) for name in THEMES]
    assert positions == sorted(positions)
    for i, name in enumerate(THEMES):
        next_theme = positions[i + 1] if i + 1 < len(THEMES) else len(content)
        assert positions[i] < content.index(f"Heard {name} 0") < content.index(f"Heard {name} 1") < next_theme
    assert reader.metadata.title == f"You said, we did: {published.title}"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_group_report_covers_the_period_and_outcome_chosen(client, member, published, peg):
    client.force_login(member)
    response = client.get(
        reverse("feedback:you_said_we_did_pdf"), {"group": peg.pk, "period": "all", "outcome": "adopted"}
    )
    content = text(read(response))
    assert "Adopted only" in content
    assert published.title in content
    assert "Not adopted" not in content.replace("Not adopted only", "")


def test_headers_repeat_on_every_page_of_a_long_report(published, make_entry, theme):
    for row in range(60):
        make_entry(published, theme=theme, what_we_heard=f"Long row {row} " + "words " * 40)
    # Long enough to be built in the background, as the task builds it.
    reader = PdfReader(io.BytesIO(feedback_documents.project_report(published).render()))
    table_pages = [page.extract_text() for page in reader.pages[1:]]
    assert len(table_pages) >= 3
    assert all("What we heard" in page for page in table_pages)
    assert all("You said, we did" in page and "Page" in page for page in table_pages)


def test_an_unpublished_response_pdf_is_hidden_from_members(client, member, project, make_entry):
    make_entry(project)
    client.force_login(member)
    assert client.get(reverse("feedback:project_response_pdf", args=[project.pk])).status_code == 404


def test_another_group_cannot_download_the_report(client, panel_member, published):
    client.force_login(panel_member)
    assert client.get(reverse("feedback:project_response_pdf", args=[published.pk])).status_code == 404


def test_a_large_report_is_built_in_the_background(
    client, member, published, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(feedback_documents, "LARGE_REPORT_ROWS", 3)
    client.force_login(member)
    url = reverse("feedback:project_response_pdf", args=[published.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 202
    assert mail.outbox[-1].subject.startswith("Your PDF is ready")
    assert url in mail.outbox[-1].body
    assert client.get(url).status_code == 200


def test_staff_download_reports_of_selected_projects_from_the_admin(client, staff, published, make_project):
    import zipfile

    other = make_project(title="Second project")
    client.force_login(staff)
    response = client.post(
        reverse("admin:feedback_project_changelist"),
        {"action": "download_reports", "_selected_action": [published.pk, other.pk]},
    )
    assert response["Content-Type"] == "application/zip"
    assert sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == sorted(
        [f"you-said-we-did-{published.pk}.pdf", f"you-said-we-did-{other.pk}.pdf"]
    )


def test_the_being_prepared_page_checks_for_the_pdf_without_reloading(client, member, published, monkeypatch):
    monkeypatch.setattr(feedback_documents, "LARGE_REPORT_ROWS", 3)
    client.force_login(member)
    url = reverse("feedback:project_response_pdf", args=[published.pk])
    page = client.get(url)
    assert f'data-document-ready="{url}"' in page.text
    assert "js/document-ready" in page.text
    assert 'http-equiv="refresh"' not in page.text


def test_the_ready_check_says_whether_the_large_pdf_is_stored(client, member, published, monkeypatch):
    monkeypatch.setattr(feedback_documents, "LARGE_REPORT_ROWS", 3)
    client.force_login(member)
    url = reverse("feedback:project_response_pdf", args=[published.pk])
    assert client.get(url, {"ready": "check"}).json() == {"ready": False}
    feedback_documents.project_report(published).stored()
    assert client.get(url, {"ready": "check"}).json() == {"ready": True}


def test_a_large_report_chosen_in_the_admin_is_built_in_the_background(
    client, staff, published, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(feedback_documents, "LARGE_REPORT_ROWS", 3)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:feedback_project_changelist"),
            {"action": "download_reports", "_selected_action": [published.pk]},
            follow=True,
        )
    assert "1 of the 1 selected PDFs is large" in response.text
    assert mail.outbox[-1].subject.startswith("Your PDF is ready")
    assert feedback_documents.project_report(published).is_stored()
