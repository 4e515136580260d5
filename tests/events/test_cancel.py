"""Cancelling an event: asked first, everyone still expecting it told once, and every page says so."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from engagement.core.confirm import CONFIRMED
from feedback.events import services, tasks
from feedback.events.models import Event, Registration

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


def cancel(client, event, **extra):
    return client.post(
        reverse("admin:events_event_changelist"), {"action": "cancel_events", "_selected_action": [event.pk], **extra}
    )


def test_cancelling_asks_first_with_a_preview_and_who_to_phone(client, staff, public_event, expecting, mailoutbox):
    client.force_login(staff)
    response = cancel(client, public_event)
    assert "2 people will be e-mailed" in response.text
    assert "Cancelled: Dementia services: public drop-in" in response.text
    assert "Dan Ross (01632 960555)" in response.text
    public_event.refresh_from_db()
    assert public_event.cancelled_at is None and mailoutbox == []


def test_cancelling_tells_everyone_expecting_it_once(
    client, staff, public_event, expecting, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(client, public_event, **{CONFIRMED: "1"})
        cancel(client, public_event, **{CONFIRMED: "1"})
    public_event.refresh_from_db()
    assert public_event.is_cancelled and public_event.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["ann@example.org", "bob@example.org"]
    assert "STATUS:CANCELLED" in mailoutbox[0].attachments[0][1]


def test_the_cancellation_e_mail_gives_no_joining_link(
    client, staff, public_event, expecting, mailoutbox, django_capture_on_commit_callbacks
):
    Event.objects.filter(pk=public_event.pk).update(online_link="https://meet.example.org/drop-in")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(client, public_event, **{CONFIRMED: "1"})
    message = mailoutbox[0]
    assert "meet.example.org" not in message.body and "meet.example.org" not in message.alternatives[0][0]


def test_a_cancelled_event_says_so_and_takes_no_sign_ups_or_replies(client, public_event, expecting):
    services.cancel(public_event)
    assert "This event has been cancelled" in client.get(reverse("events:sign_up", args=[public_event.pk])).text
    assert client.post(reverse("events:sign_up", args=[public_event.pk]), {"name": "X"}).status_code == 403
    assert "This event has been cancelled" in client.get(expecting[0].get_reply_url()).text
    client.post(expecting[2].get_reply_url(), {"coming": "yes"})
    assert Registration.objects.get(pk=expecting[2].pk).status == Status.NOT_COMING
    assert public_event.get_public_url() not in client.get(reverse("home")).text


def test_no_reminder_goes_for_a_cancelled_event(public_event, expecting, mailoutbox):
    services.cancel(public_event)
    with time_machine.travel(public_event.start - timedelta(days=2, hours=-1)):
        assert tasks.send_event_reminders() == 0


def cancelled_on(event):
    event.refresh_from_db()
    return f"This event was cancelled on {date_format(timezone.localtime(event.cancelled_at), 'l j F Y')}."


def test_a_cancelled_event_takes_no_invitations(
    client, staff, event, stakeholders, mailoutbox, django_capture_on_commit_callbacks
):
    services.cancel(event)
    client.force_login(staff)
    invite = reverse("admin:events_event_invite", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite, {"categories": ["healthwatch"], CONFIRMED: "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["No one invited: the event was cancelled."]
    assert not event.registrations.exists() and mailoutbox == []


def test_a_cancelled_events_invitation_page_offers_no_form(client, staff, event, stakeholders):
    services.cancel(event)
    client.force_login(staff)
    response = client.get(reverse("admin:events_event_invite", args=[event.pk]))
    assert "No one can be invited to a cancelled event." in response.text
    assert "form" not in response.context


def test_invitations_are_refused_for_a_cancelled_event(event, stakeholders):
    services.cancel(event)
    with pytest.raises(services.Closed):
        services.invite(event, stakeholders)
    assert not event.registrations.exists()


# Not "page": that name is pytest-playwright's fixture, and borrowing it parametrises the test by browser.
@pytest.mark.parametrize("which", ["invite", "registrations", "register", "change"])
def test_the_events_staff_pages_say_it_was_cancelled(client, staff, event, which):
    services.cancel(event)
    client.force_login(staff)
    assert cancelled_on(event) in client.get(reverse(f"admin:events_event_{which}", args=[event.pk])).text


def test_the_event_list_says_which_events_are_cancelled(client, staff, event, make_event):
    make_event(title="Still on")
    services.cancel(event)
    client.force_login(staff)
    response = client.get(reverse("admin:events_event_changelist"))
    rows = {row.title: row for row in response.context["cl"].result_list}
    admin_site = response.context["cl"].model_admin
    assert (admin_site.coming(rows["Dementia services workshop"]), admin_site.coming(rows["Still on"])) == (
        "Cancelled",
        0,
    )
    assert ">Cancelled</td>" in response.text


def test_the_register_of_a_cancelled_event_is_not_taken(client, staff, event, make_registration):
    ann = make_registration(event, "Ann Lee", status=Status.COMING)
    services.cancel(event)
    client.force_login(staff)
    with time_machine.travel(event.start):
        response = client.post(reverse("admin:events_event_register", args=[event.pk]), {"present": [ann.pk]})
    assert response.status_code == 302
    ann.refresh_from_db()
    assert ann.attended is None


def test_the_cancellation_e_mail_to_someone_who_never_replied_mentions_no_calendar(
    client, staff, public_event, mailoutbox, make_registration, django_capture_on_commit_callbacks
):
    make_registration(public_event, "Ann Lee", status=Status.INVITED)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(client, public_event, **{CONFIRMED: "1"})
    [message] = mailoutbox
    assert "calendar" not in message.body and "calendar" not in message.alternatives[0][0]
    assert message.attachments == []
