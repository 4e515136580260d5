"""Public events on the home page and on the public pages of the project's groups."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from feedback.events.models import Event

pytestmark = pytest.mark.django_db


def group_page(group):
    return reverse("meetings:public_group", args=[group.slug])


def test_the_home_page_lists_events_you_can_come_to(client, public_event, event):
    page = client.get(reverse("home")).text
    assert "Events you can come to" in page
    assert public_event.get_public_url() in page
    assert "Dementia services workshop" not in page  # invited only


def test_the_home_page_says_when_there_are_none(client, event):
    assert "There are no public events to sign up for at the moment." in client.get(reverse("home")).text


def test_closed_cancelled_and_past_events_are_not_listed(client, public_event, make_event):
    closed = make_event(title="Closed one", audience=Event.Audience.PUBLIC, sign_up_open=False)
    Event.objects.filter(pk=public_event.pk).update(cancelled_at=public_event.start)
    page = client.get(reverse("home")).text
    assert public_event.title not in page and closed.title not in page
    Event.objects.filter(pk=public_event.pk).update(cancelled_at=None)
    with time_machine.travel(public_event.start + timedelta(hours=1)):
        assert public_event.title not in client.get(reverse("home")).text


def test_the_groups_public_page_lists_its_projects_events(client, peg, panel, public_event):
    assert public_event.get_public_url() in client.get(group_page(peg)).text
    panel.is_public = True
    panel.save()
    page = client.get(group_page(panel)).text
    assert public_event.get_public_url() not in page
    assert "There are no public events to sign up for at the moment." in page
