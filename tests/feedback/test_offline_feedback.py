"""Views gathered at a meeting, a workshop or on paper: recorded and answered without opening comments online or
e-mailing anyone; outcomes optional; each entry can later say what difference it made."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from feedback import services
from feedback.models import Project
from feedback.planning.reports import annual_report

from .conftest import close, publish

pytestmark = pytest.mark.django_db
DRAFT, PUBLISHED = Project.Status.DRAFT, Project.Status.PUBLISHED


@pytest.fixture
def workshop(make_project, make_entry):
    project = make_project(status=DRAFT, gathered=Project.Gathered.WORKSHOP, gathered_on=date(2026, 11, 3))
    project.opened_at = None  # never opened online
    project.save()
    make_entry(project, outcome="")
    return project


def pdf_text(response):
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_response_to_views_gathered_offline_is_published_from_the_draft(workshop):
    services.publish_response(workshop)
    workshop.refresh_from_db()
    assert workshop.status == PUBLISHED


def test_publishing_a_response_to_views_gathered_offline_emails_no_one(
    workshop, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_response(workshop)
    assert mail.outbox == []


def test_a_project_taking_comments_online_still_publishes_only_once_closed(make_project, make_entry):
    project = make_project(status=DRAFT)
    make_entry(project)
    with pytest.raises(services.NotAllowed, match="comments must be closed first"):
        services.publish_response(project)


def test_views_gathered_offline_never_open_for_comments(workshop):
    with pytest.raises(services.NotAllowed, match="its views were gathered at a workshop, not online"):
        services.open_for_comments(workshop)


def test_the_response_page_says_where_the_views_were_gathered(client, member, workshop):
    services.publish_response(workshop)
    client.force_login(member)
    page = client.get(workshop.get_response_url()).text
    assert "gathered at a workshop on 3 November 2026, not as comments on this website" in page
    assert "Go back to the project</a>" in page


def test_the_project_page_has_no_comments_section_for_views_gathered_offline(client, member, workshop):
    services.publish_response(workshop)
    client.force_login(member)
    assert "Comments (0)" not in client.get(workshop.get_absolute_url()).text


def test_an_entry_without_an_outcome_shows_no_tag(client, member, workshop):
    services.publish_response(workshop)
    client.force_login(member)
    assert "nhsuk-tag--" not in client.get(workshop.get_response_url()).text


def test_an_entry_answering_no_comment_does_not_say_answers_0_comments(client, member, workshop):
    services.publish_response(workshop)
    client.force_login(member)
    assert "Answers 0" not in client.get(workshop.get_response_url()).text


def test_an_entry_answering_comments_still_says_how_many(client, member, project, make_comment, make_entry):
    make_entry(project, comments=[make_comment(project, member)])
    publish(close(project))
    client.force_login(member)
    assert "Answers 1 comment" in client.get(project.get_response_url()).text


@pytest.fixture
def followed_up(project, make_entry):
    entry = make_entry(
        project, followed_up_on=date(2025, 9, 1), difference_made="Evening appointments started in September."
    )
    close(project)
    project.response_published_at = project.closed_at + timedelta(days=10)
    project.status = PUBLISHED
    project.save()
    return entry


def test_the_follow_up_is_on_the_response_page(client, member, followed_up):
    client.force_login(member)
    page = client.get(followed_up.project.get_response_url()).text
    assert "What changed (1 September 2025):</strong> Evening appointments started in September." in page


def test_the_follow_up_is_in_the_pdf(client, member, followed_up):
    client.force_login(member)
    text = pdf_text(client.get(reverse("feedback:project_response_pdf", args=[followed_up.project.pk])))
    assert "What changed (1 September 2025): Evening appointments started in September." in text


def test_the_annual_report_lists_follow_ups_written_in_the_year(followed_up, peg):
    report = annual_report(peg, 2025)
    assert report.changes == [followed_up]


def test_the_annual_report_leaves_out_follow_ups_from_other_years(followed_up, peg):
    assert annual_report(peg, 2024).changes == []


def test_the_annual_report_counts_views_gathered_offline_as_reviewed_in_the_year_gathered(workshop, peg):
    workshop.gathered_on = date(2025, 6, 1)
    workshop.save()
    assert annual_report(peg, 2025).projects_reviewed == 1


def test_a_follow_up_needs_a_date(project, make_entry):
    entry = make_entry(project, difference_made="It changed.")
    with pytest.raises(ValidationError, match="Enter the date of the follow-up"):
        entry.full_clean()


def test_a_follow_up_date_needs_words(project, make_entry):
    entry = make_entry(project, followed_up_on=timezone.localdate())
    with pytest.raises(ValidationError, match="Say what difference it made"):
        entry.full_clean()


def test_the_project_list_says_where_views_were_gathered_instead_of_counting_comments(client, member, workshop):
    services.publish_response(workshop)
    client.force_login(member)
    page = client.get(reverse("feedback:project_list")).text
    assert "At a workshop, 3 November 2026" in page
