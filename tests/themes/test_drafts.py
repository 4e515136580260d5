"""Draft "what we heard" entries from confirmed themes: made for staff to rewrite, never published as drafted."""

import pytest
from django.urls import reverse

from feedback import services as feedback_services
from feedback.models import ResponseEntry, Theme
from feedback.themes import services
from feedback.themes.drafts import draft_entries
from feedback.themes.models import DraftEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Travel and parking")


@pytest.fixture
def drafted(project, comments, theme):
    quotes = [comments[1].body, comments[0].body, comments[2].body]
    (entry,) = draft_entries(project, [(theme, quotes, comments[:4])])
    return entry


def test_it_drafts_one_entry_per_theme_listing_the_quotes(drafted, project, comments, theme):
    assert drafted.project == project and drafted.theme == theme
    assert drafted.what_we_heard.startswith("DRAFT – rewrite this in your own words before publishing.")
    assert f"“{comments[1].body}”" in drafted.what_we_heard
    assert list(drafted.comments.all()) == comments[:4]
    assert DraftEntry.objects.filter(entry=drafted).exists()


def test_it_quotes_without_phone_numbers_or_email_addresses(project, comments, theme):
    (entry,) = draft_entries(project, [(theme, ["Parking is awful, ring me on 07700 900123 or jo@example.org"], [])])
    assert "07700" not in entry.what_we_heard and "jo@example.org" not in entry.what_we_heard


def test_a_response_with_an_unrewritten_draft_cannot_be_published(drafted, project):
    with pytest.raises(feedback_services.NotAllowed) as refused:
        feedback_services.publish_response(project)
    assert "the drafted entries under “Travel and parking” must first be rewritten in your own words" in str(
        refused.value
    )


def test_whitespace_alone_is_not_a_rewrite(drafted, project):
    ResponseEntry.objects.filter(pk=drafted.pk).update(what_we_heard=drafted.what_we_heard + "\n\n  ")
    assert project.problems_publishing()


def test_a_rewritten_draft_can_be_published(drafted, project):
    drafted.what_we_heard = "Getting to the new site without a car was the main worry."
    drafted.how_we_reflected = "The clinic stays on the bus route."
    drafted.save()
    feedback_services.publish_response(project)
    project.refresh_from_db()
    assert project.status == project.Status.PUBLISHED


def test_the_publish_action_names_the_entries(client, staff, drafted, project):
    client.force_login(staff)
    response = client.post(
        reverse("admin:feedback_project_changelist"),
        {"action": "publish_response", "_selected_action": [project.pk]},
        follow=True,
    )
    assert "must first be rewritten in your own words" in response.text


def test_the_entry_form_says_to_rewrite_it(client, staff, drafted):
    client.force_login(staff)
    page = client.get(reverse("admin:feedback_responseentry_change", args=[drafted.pk]))
    assert "Rewrite this in your own words before publishing" in page.text
    project_page = client.get(reverse("admin:feedback_project_change", args=[drafted.project_id]))
    assert "Rewrite this in your own words before publishing" in project_page.text


def test_an_ordinary_entry_form_does_not(client, staff, project, theme):
    entry = ResponseEntry.objects.create(project=project, theme=theme, what_we_heard="Parking", how_we_reflected="More")
    client.force_login(staff)
    page = client.get(reverse("admin:feedback_responseentry_change", args=[entry.pk]))
    assert "Rewrite this in your own words" not in page.text


def test_staff_draft_entries_from_a_projects_confirmed_themes_once(run_for, client, staff, project, comments):
    run = run_for("project", project)
    run, _ = services.confirm(run, staff)
    client.force_login(staff)
    response = client.post(reverse("themes:drafts", args=[run.pk]))
    assert response.url == reverse("admin:feedback_project_change", args=[project.pk])
    entries = ResponseEntry.objects.filter(project=project)
    assert sorted(entries.values_list("theme__name", flat=True)) == sorted(s["label"] for s in run.suggestions)
    assert sum(entry.comments.count() for entry in entries) == len(comments)
    client.post(reverse("themes:drafts", args=[run.pk]))
    assert ResponseEntry.objects.filter(project=project).count() == len(run.suggestions)
