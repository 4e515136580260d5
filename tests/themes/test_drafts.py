"""Draft "what we heard" entries from confirmed themes: made for staff to rewrite, never published as drafted."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from feedback import services as feedback_services
from feedback.models import ResponseEntry, Theme
from feedback.themes import services
from feedback.themes.drafts import TO_REFLECT, draft_entries
from feedback.themes.models import DraftEntry

from .conftest import named

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


def test_a_drafted_entry_says_the_project_team_writes_how_it_was_reflected(drafted):
    assert drafted.how_we_reflected == TO_REFLECT


class ShownForm(HTMLParser):
    """What a browser would send back from the page's main form, untouched."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea = {}, None, None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.add(name, attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = name
            self.add(name, "")

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def test_the_project_can_be_saved_with_its_drafts_untouched(client, staff, drafted, project):
    client.force_login(staff)
    url = reverse("admin:feedback_project_change", args=[project.pk])
    shown = ShownForm()
    shown.feed(client.get(url).text)
    data = {name: values for name, values in shown.data.items() if "__prefix__" not in name}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    drafted.refresh_from_db()
    assert drafted.how_we_reflected == TO_REFLECT


def test_whitespace_alone_is_not_a_rewrite(drafted, project):
    ResponseEntry.objects.filter(pk=drafted.pk).update(what_we_heard=drafted.what_we_heard + "\n\n  ")
    assert project.problems_publishing()


def test_a_draft_still_copying_its_quotes_is_not_rewritten(drafted, project, comments):
    # The warning line gone, the members' words left as they were: still their words, not a summary.
    copied = drafted.what_we_heard.split("\n", 1)[1].upper().replace(" ", "  ")
    ResponseEntry.objects.filter(pk=drafted.pk).update(what_we_heard=copied, how_we_reflected="A new bus route.")
    assert project.problems_publishing() == [
        "the drafted entries under “Travel and parking” must first be rewritten in your own words: "
        "summarise the quotes rather than copying members’ comments"
    ]


def test_a_draft_keeping_one_quote_word_for_word_is_not_rewritten(drafted, project, comments):
    summary = f"Most worried about parking. One said: {comments[2].body}"
    ResponseEntry.objects.filter(pk=drafted.pk).update(what_we_heard=summary, how_we_reflected="A new bus route.")
    assert project.problems_publishing()


def test_a_response_whose_draft_does_not_yet_say_how_it_was_reflected_cannot_be_published(drafted, project):
    ResponseEntry.objects.filter(pk=drafted.pk).update(what_we_heard="Getting to the new site was the main worry.")
    assert project.problems_publishing() == [
        "the drafted entries under “Travel and parking” must first say how you reflected this, or why not"
    ]


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


def test_the_entry_form_says_to_replace_the_placeholder_of_how_it_was_reflected(client, staff, drafted):
    client.force_login(staff)
    page = client.get(reverse("admin:feedback_responseentry_change", args=[drafted.pk]))
    assert "replace this with what changed because of it, or why not" in page.text


def test_an_ordinary_entry_form_does_not(client, staff, project, theme):
    entry = ResponseEntry.objects.create(project=project, theme=theme, what_we_heard="Parking", how_we_reflected="More")
    client.force_login(staff)
    page = client.get(reverse("admin:feedback_responseentry_change", args=[entry.pk]))
    assert "Rewrite this in your own words" not in page.text


def test_staff_draft_entries_from_a_projects_confirmed_themes_once(run_for, client, staff, project, comments):
    run, _ = services.confirm(named(run_for("project", project)), staff)
    client.force_login(staff)
    response = client.post(reverse("themes:drafts", args=[run.pk]))
    assert response.url == reverse("admin:feedback_project_change", args=[project.pk])
    entries = ResponseEntry.objects.filter(project=project)
    assert sorted(entries.values_list("theme__name", flat=True)) == sorted(s["label"] for s in run.suggestions)
    assert sum(entry.comments.count() for entry in entries) == len(comments)
    client.post(reverse("themes:drafts", args=[run.pk]))
    assert ResponseEntry.objects.filter(project=project).count() == len(run.suggestions)
