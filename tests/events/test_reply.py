"""Each person's private reply page: coming or not, access needs; used again to change or cancel."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback.events.models import Event, Registration

pytestmark = pytest.mark.django_db

Status = Registration.Status


def answer(coming="yes", **fields):
    return {
        "coming": coming,
        "access_needs": [],
        "access_details": "",
        "anything_else": "",
        **fields,
    }


def reply(client, registration, captured, **fields):
    with captured(execute=True):
        return client.post(registration.get_reply_url(), answer(**fields))


@pytest.fixture
def invitee(event, stakeholders, make_registration):
    priya = stakeholders[0]
    return make_registration(event, priya.name, email=priya.email, stakeholder=priya, category=priya.category)


def test_it_shows_the_event_with_its_venue_and_access_information(client, invitee):
    page = client.get(invitee.get_reply_url()).text
    assert "Dementia services workshop" in page
    assert "Tell us what works now and what should change." in page
    assert "1 High Street" in page and "Step-free access" in page and "Hearing loop" in page
    assert "Can you come?" in page


def test_an_online_event_shows_its_link(client, make_event, make_registration):
    event = make_event(venue=None, online_link="https://meet.example.org/workshop")
    page = client.get(make_registration(event).get_reply_url()).text
    assert "https://meet.example.org/workshop" in page and "Getting in and around" not in page


def test_an_unknown_link_is_not_found(client, db):
    response = client.get(reverse("events:reply", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "This link does not work" in response.text


def test_coming_with_access_needs_is_recorded(client, invitee, django_capture_on_commit_callbacks):
    reply(
        client,
        invitee,
        django_capture_on_commit_callbacks,
        access_needs=["bsl", "dietary"],
        access_details="Gluten free, please.",
        wants_outcomes="on",
    )
    invitee.refresh_from_db()
    assert (invitee.status, invitee.access_needs, invitee.access_details, invitee.wants_outcomes) == (
        Status.COMING,
        ["bsl", "dietary"],
        "Gluten free, please.",
        True,
    )
    assert invitee.replied_at is not None
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Your place is booked"]


def test_using_the_link_again_shows_the_answers_to_change(client, invitee, django_capture_on_commit_callbacks):
    reply(client, invitee, django_capture_on_commit_callbacks, access_needs=["hearing_loop"], anything_else="Hi")
    page = client.get(invitee.get_reply_url()).text
    assert "You have a place." in page and "Save your changes" in page
    assert 'value="hearing_loop" checked' in page.replace("\n", " ") or 'checked value="hearing_loop"' in page
    assert "Hi</textarea>" in page


def test_changing_the_answer_the_second_time_keeps_one_registration_and_one_confirmation(
    client, invitee, django_capture_on_commit_callbacks
):
    reply(client, invitee, django_capture_on_commit_callbacks)
    reply(client, invitee, django_capture_on_commit_callbacks, access_needs=["step_free"])
    invitee.refresh_from_db()
    assert (Registration.objects.count(), invitee.status, invitee.access_needs) == (1, Status.COMING, ["step_free"])
    assert len(mail.outbox) == 1


def test_not_coming_is_recorded_and_sends_nothing(client, invitee, django_capture_on_commit_callbacks):
    response = reply(client, invitee, django_capture_on_commit_callbacks, coming="no")
    invitee.refresh_from_db()
    assert invitee.status == Status.NOT_COMING and mail.outbox == []
    assert "Thank you for letting us know you cannot come." in client.get(response.url).text


def test_a_reply_without_an_answer_is_asked_for(client, invitee):
    response = client.post(invitee.get_reply_url(), answer(coming=""))
    assert "Select yes if you can come, or no if you cannot" in response.text
    invitee.refresh_from_db()
    assert invitee.status == Status.INVITED


def test_an_invitee_coming_when_the_event_is_full_goes_on_the_waiting_list(
    client, invitee, make_registration, django_capture_on_commit_callbacks
):
    event = invitee.event
    event.capacity = 1
    event.save()
    make_registration(event, "Ann Lee", status=Status.COMING)
    response = reply(client, invitee, django_capture_on_commit_callbacks)
    invitee.refresh_from_db()
    assert invitee.status == Status.WAITING
    assert "Every place is taken, so you are on the waiting list." in client.get(response.url).text
    assert mail.outbox[0].subject.startswith("You are on the waiting list")


def test_cancelling_frees_the_place_for_the_first_on_the_waiting_list(
    client, public_event, make_registration, django_capture_on_commit_callbacks
):
    now = public_event.start - timedelta(days=5)
    leaving = make_registration(public_event, "Ann Lee", status=Status.COMING)
    make_registration(public_event, "Bob Hart", status=Status.COMING)
    second = make_registration(public_event, "Cat Wood", status=Status.WAITING, waiting_since=now + timedelta(hours=1))
    first = make_registration(public_event, "Dan Ross", status=Status.WAITING, waiting_since=now)
    response = reply(client, leaving, django_capture_on_commit_callbacks, coming="no")
    assert "Your place is cancelled." in client.get(response.url).text
    statuses = dict(public_event.registrations.values_list("name", "status"))
    assert statuses == {
        "Ann Lee": Status.CANCELLED,
        "Bob Hart": Status.COMING,
        "Dan Ross": Status.COMING,
        "Cat Wood": Status.WAITING,
    }
    [offer] = mail.outbox
    assert offer.to == [first.email] and offer.subject.startswith("A place has come up")
    assert offer.attachments and second.email not in offer.to


def test_leaving_the_waiting_list_offers_nothing(
    client, public_event, make_registration, django_capture_on_commit_callbacks
):
    make_registration(public_event, "Ann Lee", status=Status.COMING)
    make_registration(public_event, "Bob Hart", status=Status.COMING)
    waiting = make_registration(public_event, "Cat Wood", status=Status.WAITING)
    reply(client, waiting, django_capture_on_commit_callbacks, coming="no")
    waiting.refresh_from_db()
    assert waiting.status == Status.NOT_COMING and mail.outbox == []


def test_after_the_event_the_page_says_it_has_happened_and_takes_no_changes(client, invitee):
    with time_machine.travel(invitee.event.end + timedelta(days=1)):
        page = client.get(invitee.get_reply_url()).text
        assert "This event has happened" in page and "Can you come?" not in page
        response = client.post(invitee.get_reply_url(), answer(), follow=True)
        assert "already happened" in response.text
    invitee.refresh_from_db()
    assert invitee.status == Status.INVITED


def test_the_calendar_file_comes_from_the_private_link(client, invitee):
    Registration.objects.filter(pk=invitee.pk).update(status=Status.COMING)
    response = client.get(reverse("events:calendar", args=[invitee.token]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Dementia services workshop" in response.content
    assert client.get(reverse("events:calendar", args=["made-up"])).status_code == 404


def calendar(client, registration):
    return client.get(reverse("events:calendar", args=[registration.token]))


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.NOT_COMING, Status.INVITED])
def test_there_is_no_calendar_file_for_someone_not_coming_or_waiting(client, invitee, status):
    Registration.objects.filter(pk=invitee.pk).update(status=status)
    assert calendar(client, invitee).status_code == 404


def test_someone_waiting_gets_the_calendar_file(client, invitee):
    Registration.objects.filter(pk=invitee.pk).update(status=Status.WAITING)
    assert b"STATUS:CONFIRMED" in calendar(client, invitee).content


def test_once_the_event_is_cancelled_anyone_gets_the_cancelled_calendar_file(client, invitee):
    Registration.objects.filter(pk=invitee.pk).update(status=Status.CANCELLED)
    Event.objects.filter(pk=invitee.event_id).update(cancelled_at=timezone.now())
    assert b"STATUS:CANCELLED" in calendar(client, invitee).content


def test_leaving_the_waiting_list_says_they_are_off_it(
    client, public_event, make_registration, django_capture_on_commit_callbacks
):
    make_registration(public_event, "Ann Lee", status=Status.COMING)
    make_registration(public_event, "Bob Hart", status=Status.COMING)
    waiting = make_registration(public_event, "Cat Wood", status=Status.WAITING, waiting_since=timezone.now())
    page = client.get(reply(client, waiting, django_capture_on_commit_callbacks, coming="no").url).text
    assert "You are off the waiting list." in page
    assert "Your place is cancelled" not in page and "You cancelled your place" not in page


def test_the_caption_names_someone_whose_name_is_their_organisation_once(client, event, make_registration):
    group = make_registration(event, "Carers Together", organisation="Carers Together")
    assert "For Carers Together</span>" in client.get(group.get_reply_url()).text


@pytest.fixture
def cancelled_invitee(invitee):
    Event.objects.filter(pk=invitee.event_id).update(
        cancelled_at=timezone.now(), online_link="https://meet.example.org/workshop"
    )
    return invitee


def test_a_cancelled_events_reply_page_says_so_before_the_details(client, cancelled_invitee):
    page = client.get(cancelled_invitee.get_reply_url()).text
    assert page.index("This event has been cancelled") < page.index("1 High Street")


def test_a_cancelled_events_reply_page_offers_no_joining_link(client, cancelled_invitee):
    page = client.get(cancelled_invitee.get_reply_url()).text
    assert "meet.example.org" not in page and "Join the event online" not in page


def test_a_cancelled_events_reply_page_is_titled_cancelled(client, cancelled_invitee):
    assert "<title>Cancelled: Dementia services workshop" in client.get(cancelled_invitee.get_reply_url()).text


@pytest.mark.parametrize("came", [{"attended": True}, {"attended": None, "status": Status.COMING}])
def test_after_the_event_those_who_came_are_given_the_feedback_link(client, invitee, came):
    Registration.objects.filter(pk=invitee.pk).update(**came)
    link = reverse("events:attendee_feedback", args=[invitee.event.feedback_token])
    with time_machine.travel(invitee.event.start + timedelta(hours=4)):
        assert f'href="{link}"' in client.get(invitee.get_reply_url()).text


@pytest.mark.parametrize("absent", [{"attended": False, "status": Status.COMING}, {"status": Status.NOT_COMING}])
def test_after_the_event_those_who_did_not_come_are_not_asked_for_feedback(client, invitee, absent):
    Registration.objects.filter(pk=invitee.pk).update(**absent)
    link = reverse("events:attendee_feedback", args=[invitee.event.feedback_token])
    with time_machine.travel(invitee.event.start + timedelta(hours=4)):
        assert link not in client.get(invitee.get_reply_url()).text


# The reply page: 1 the registration with its event, the event's plan, project and venue. Nothing else.
REPLY_QUERIES = 1


def test_the_reply_page_takes_one_query(client, invitee, django_assert_num_queries):
    with django_assert_num_queries(REPLY_QUERIES):
        assert client.get(invitee.get_reply_url()).status_code == 200
