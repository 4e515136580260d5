"""Staff turn an event's themed feedback into draft "what we heard" entries of the project's response."""

import pytest
from django.urls import reverse

from engagement.core.confirm import CONFIRMED
from feedback.events import outcomes
from feedback.events.models import EventFeedback
from feedback.models import ResponseEntry, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def themed(event):
    transport, carers = Theme.objects.create(name="Transport"), Theme.objects.create(name="Carers")
    for text, theme in [
        ("The last bus is at 6pm", transport),
        ("Parking costs too much", transport),
        ("Carers need a named contact", carers),
        ("Not themed yet", None),
    ]:
        EventFeedback.objects.create(event=event, text=text, theme=theme)
    return transport, carers


def drafts_page(event):
    return reverse("admin:events_eventfeedback_drafts", args=[event.pk])


def test_it_groups_the_themed_feedback_by_theme(event, themed):
    transport, carers = themed
    assert outcomes.themed_groups(event) == [
        (carers, ["Carers need a named contact"], []),
        (transport, ["The last bus is at 6pm", "Parking costs too much"], []),
    ]


def test_it_asks_first_and_makes_nothing(client, staff, event, themed):
    client.force_login(staff)
    response = client.get(drafts_page(event))
    assert "Transport: 2 things said" in response.text
    assert "1 item without a theme is left out." in response.text
    assert not ResponseEntry.objects.exists()


def test_it_makes_one_draft_entry_per_theme_with_what_was_said(client, staff, event, themed):
    client.force_login(staff)
    response = client.post(drafts_page(event), {CONFIRMED: "1"}, follow=True)
    entries = {entry.theme.name: entry for entry in ResponseEntry.objects.filter(project=event.project)}
    assert set(entries) == {"Transport", "Carers"}
    assert "“The last bus is at 6pm”" in entries["Transport"].what_we_heard
    assert "“Parking costs too much”" in entries["Transport"].what_we_heard
    assert "Not themed yet" not in entries["Transport"].what_we_heard + entries["Carers"].what_we_heard
    assert "2 draft “what we heard” entries added" in response.text


def test_it_makes_nothing_when_no_feedback_has_a_theme(client, staff, event):
    EventFeedback.objects.create(event=event, text="Not themed yet")
    client.force_login(staff)
    response = client.post(drafts_page(event), {CONFIRMED: "1"})
    assert "None of this event’s feedback has a theme yet" in response.text
    assert not ResponseEntry.objects.exists()


def test_members_cannot_make_drafts(client, member, event, themed):
    client.force_login(member)
    response = client.post(drafts_page(event), {CONFIRMED: "1"})
    assert response.status_code == 302
    assert not ResponseEntry.objects.exists()
