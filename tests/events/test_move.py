"""Moving an event (a new time, venue or online link): asked first, then everyone expecting it is told once per
change, with the new details and a calendar file that updates their entry."""

from datetime import UTC, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from engagement.core.confirm import CONFIRMED
from feedback.events import services
from feedback.events.models import Registration

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def expecting(public_event, make_registration):
    return [
        make_registration(public_event, "Ann Lee", status=Status.COMING),
        make_registration(public_event, "Bob Hart", status=Status.WAITING),
        make_registration(public_event, "Cat Wood", status=Status.NOT_COMING),
        make_registration(public_event, "Dan Ross", email="", phone="01632 960555", status=Status.COMING),
    ]


def change_form(event, start):
    """The event's change form as staff send it, with the event moved to `start` (same length)."""
    start, end = timezone.localtime(start), timezone.localtime(start + (event.end - event.start))
    registrations = list(event.registrations.order_by("name", "pk"))
    data = {
        "plan": event.plan_id,
        "step": event.step,
        "title": event.title,
        "purpose": event.purpose,
        "start_0": start.strftime("%d/%m/%Y"),
        "start_1": start.strftime("%H:%M:%S"),
        "end_0": end.strftime("%d/%m/%Y"),
        "end_1": end.strftime("%H:%M:%S"),
        "venue": event.venue_id,
        "online_link": event.online_link,
        "capacity": event.capacity or "",
        "audience": event.audience,
        "sign_up_open": "on" if event.sign_up_open else "",
        "registrations-TOTAL_FORMS": str(len(registrations)),
        "registrations-INITIAL_FORMS": str(len(registrations)),
        "feedback-TOTAL_FORMS": "0",
        "feedback-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    for i, registration in enumerate(registrations):
        data[f"registrations-{i}-id"] = registration.pk
        data[f"registrations-{i}-event"] = event.pk
    return data


def post(client, event, data, **extra):
    return client.post(reverse("admin:events_event_change", args=[event.pk]), data | extra, follow=True)


def test_moving_asks_first_with_a_count_a_preview_and_who_to_phone(client, staff, public_event, expecting, mailoutbox):
    client.force_login(staff)
    response = post(client, public_event, change_form(public_event, public_event.start + timedelta(days=7)))
    assert "2 people will be e-mailed" in response.text
    assert "Changed: Dementia services: public drop-in is now" in response.text
    assert "Dan Ross (01632 960555)" in response.text
    assert Registration.objects.get(pk=expecting[0].pk).event.sequence == 0 and mailoutbox == []


def test_moving_tells_everyone_expecting_it_once_with_the_new_time_and_calendar_file(
    client, staff, public_event, expecting, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    new_start = public_event.start + timedelta(days=7)
    data = change_form(public_event, new_start)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, public_event, data, **{CONFIRMED: "1"})
        post(client, public_event, data, **{CONFIRMED: "1"})  # sent again, e.g. from the back button
    assert "2 people e-mailed the new details. 1 person has no e-mail address" in response.text
    public_event.refresh_from_db()
    assert (public_event.start, public_event.sequence) == (new_start, 1)
    assert sorted(m.to[0] for m in mailoutbox) == ["ann@example.org", "bob@example.org"]
    message = mailoutbox[0]
    assert message.subject.startswith("Changed: Dementia services: public drop-in is now")
    assert f"{timezone.localtime(new_start):%-d %B %Y}" in message.body
    [(_, calendar, _)] = message.attachments
    assert "SEQUENCE:1" in calendar and f"DTSTART:{new_start.astimezone(UTC):%Y%m%dT%H%M%SZ}" in calendar


def test_an_e_mail_overtaken_by_a_later_change_is_not_sent(
    public_event, expecting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.move(public_event, start=public_event.start + timedelta(days=1), end=public_event.end)
        services.move(public_event, start=public_event.start + timedelta(hours=2), end=public_event.end)
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mailoutbox) == ["ann@example.org", "bob@example.org"]
    assert all("SEQUENCE:2" in m.attachments[0][1] for m in mailoutbox)


def test_moving_an_event_that_has_started_tells_no_one(public_event, expecting, mailoutbox):
    with time_machine.travel(public_event.start + timedelta(minutes=5)):
        assert services.move(public_event, end=public_event.end + timedelta(hours=1)) == 0
    public_event.refresh_from_db()
    assert public_event.sequence == 1 and mailoutbox == []


def test_an_invitee_who_has_not_replied_gets_the_new_details_to_reply_by(
    event, make_registration, mailoutbox, django_capture_on_commit_callbacks
):
    priya = make_registration(event, "Priya Shah")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.move(event, online_link="https://meet.example.org/workshop") == 1
    [message] = mailoutbox
    assert "Join online: https://meet.example.org/workshop" in message.body
    assert priya.get_reply_url() in message.body and "Please tell us whether you can come" in message.body
    assert not message.attachments  # no calendar entry for an event they have not said they will come to
