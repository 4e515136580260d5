"""The demo events: a workshop held three weeks ago whose report reads well, a workshop to come with
invitees who replied, and a full public event with a waiting list."""

from datetime import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback.events import demo
from feedback.events.models import Event, Registration
from members.models import User
from tests.events.test_after_report import download, lines, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_the_demo_has_a_workshop_with_replies_and_a_full_public_event(seeded, mailoutbox):
    workshop = Event.objects.get(title=demo.WORKSHOP_TITLE)
    statuses = set(workshop.registrations.values_list("status", flat=True))
    assert {Registration.Status.COMING, Registration.Status.NOT_COMING, Registration.Status.INVITED} <= statuses
    assert workshop.registrations.exclude(access_needs=[]).exists()
    public = Event.objects.get(audience=Event.Audience.PUBLIC)
    assert public.registrations.filter(status=Registration.Status.COMING).count() == public.capacity
    assert public.registrations.filter(status=Registration.Status.WAITING).exists()
    assert mailoutbox == []


def test_the_past_workshops_report_reads_as_a_real_one(seeded, client):
    held = Event.objects.get(title=demo.PAST_TITLE)
    assert held.has_started
    client.force_login(User.objects.get(email="staff@example.org"))
    text = pdf_text(download(client, reverse("events:report_pdf", args=[held.pk])))
    flat = " ".join(text.split())
    # Six came, of seven invited and one walk-in: the register was taken.
    assert "Everyone 8 6 5" in lines(text)
    for theme in ["Access to care (4 things said)", "Information and language (3 things said)", "Care models (3"]:
        assert theme in flat
    assert "Very useful 3" in lines(text) and "Not very useful 1" in lines(text)
    assert "Send the slides a few days before." in flat
    assert "A hearing loop 1" in lines(text)
    assert "bring the draft to the Patient Engagement Group" in flat
    assert "not given a theme yet" not in flat and "Grace Mbeki" not in text


def test_it_duplicates_nothing_when_run_twice(seeded):
    counts = (Event.objects.count(), Registration.objects.count())
    call_command("seed_demo")
    assert (Event.objects.count(), Registration.objects.count()) == counts


@pytest.mark.parametrize(
    "today",
    [
        "2026-12-04",  # the workshop to come, three weeks on, would fall on Christmas Day
        "2026-11-27",  # the public event, five weeks on, would fall on 1 January
        "2027-01-22",  # the workshop held, three weeks ago, would have fallen on New Year's Day
        "2027-01-16",  # three weeks ago was Saturday 26 December: the Friday before it is Christmas Day
    ],
)
def test_no_demo_event_falls_on_a_christmas_or_new_year_bank_holiday(plan, stakeholders, staff, today):
    with time_machine.travel(datetime.fromisoformat(today + "T09:00+00:00")):
        demo.seed({"staff": staff})
    for event in Event.objects.all():
        day = timezone.localtime(event.start).date()
        assert (day.month, day.day) not in [(12, 25), (12, 26), (12, 28), (1, 1)], event
        assert day.weekday() < 5, event


def test_the_public_events_waiting_list_joined_in_the_past_in_order(plan, staff):
    now = timezone.now()
    demo.seed({"staff": staff})
    public = Event.objects.get(title=demo.PUBLIC_TITLE)
    waiting = list(public.registrations.filter(status=Registration.Status.WAITING).order_by("waiting_since", "pk"))
    assert [r.name for r in waiting] == [name for name, _, _ in demo.SIGN_UPS[demo.PUBLIC_CAPACITY :]]
    assert all(r.waiting_since < now for r in waiting)
    assert all(r.replied_at < now for r in public.registrations.all())


def test_each_demo_stakeholder_has_their_own_address(seeded):
    plan = Event.objects.get(title=demo.WORKSHOP_TITLE).plan
    addresses = list(plan.stakeholders.values_list("email", flat=True))
    assert len(addresses) == len(set(addresses))
