"""The public sign-up page for an event: no account, a capacity, a waiting list, a rate limit."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from feedback.events import services
from feedback.events.models import Event, Registration
from feedback.events.views import SIGN_UPS_PER_HOUR

pytestmark = pytest.mark.django_db

Status = Registration.Status


def url(event):
    return reverse("events:sign_up", args=[event.pk])


def thanks_url(event):
    return reverse("events:signed_up", args=[event.pk])


def form(name="Sam Reed", **fields):
    return {
        "name": name,
        "email": f"{name.split()[0].lower()}@example.org",
        "phone": "",
        "organisation": "",
        "category": "",
        "access_needs": ["step_free"],
        "access_details": "",
        "anything_else": "",
        **fields,
    }


def sign_up(client, event, captured, **fields):
    with captured(execute=True):
        return client.post(url(event), form(**fields))


def test_it_shows_the_event_with_its_access_information(client, public_event):
    page = client.get(url(public_event)).text
    assert public_event.title in page
    assert "Community Hub" in page and "Step-free access" in page and "Hearing loop" in page
    assert "Sign up" in page


@pytest.mark.parametrize(
    "fields", [{"audience": Event.Audience.INVITED, "sign_up_open": False}, {"sign_up_open": False}]
)
def test_an_invited_only_or_closed_event_is_not_found(client, make_event, fields):
    event = make_event(audience=Event.Audience.PUBLIC, sign_up_open=True)
    Event.objects.filter(pk=event.pk).update(**fields)
    assert client.get(url(event)).status_code == 404
    assert client.post(url(event), form()).status_code == 404


def test_signing_up_gives_a_place_and_e_mails_a_confirmation_with_a_calendar_file(
    client, public_event, django_capture_on_commit_callbacks
):
    response = sign_up(client, public_event, django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    assert response.url == thanks_url(public_event)
    assert (registration.status, registration.access_needs, registration.category) == (
        Status.COMING,
        ["step_free"],
        "other",
    )
    [message] = mail.outbox
    assert message.to == ["sam@example.org"] and message.subject.startswith("Your place is booked")
    assert registration.get_reply_url() in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    assert "SUMMARY:Dementia services: public drop-in" in content


def test_the_reply_page_says_they_have_a_place(client, public_event, django_capture_on_commit_callbacks):
    sign_up(client, public_event, django_capture_on_commit_callbacks)
    assert "You have a place." in client.get(Registration.objects.get().get_reply_url()).text


def test_when_every_place_is_taken_they_join_the_waiting_list_and_are_told_plainly(
    client, public_event, django_capture_on_commit_callbacks
):
    for name in ["Ann Lee", "Bob Hart"]:
        sign_up(client, public_event, django_capture_on_commit_callbacks, name=name)
    assert "Every place is taken" in client.get(url(public_event)).text
    sign_up(client, public_event, django_capture_on_commit_callbacks, name="Cat Wood")
    cat = Registration.objects.get(name="Cat Wood")
    assert (cat.status, cat.waiting_since is not None) == (Status.WAITING, True)
    assert mail.outbox[-1].subject.startswith("You are on the waiting list") and not mail.outbox[-1].attachments
    page = client.get(cat.get_reply_url()).text
    assert "You are on the waiting list. You do not have a place yet." in page


def test_signing_up_again_with_the_same_address_keeps_one_registration_and_e_mails_the_link_again(
    client, public_event, django_capture_on_commit_callbacks
):
    sign_up(client, public_event, django_capture_on_commit_callbacks)
    sign_up(client, public_event, django_capture_on_commit_callbacks, email="SAM@example.org", access_needs=[])
    registration = Registration.objects.get()
    assert registration.access_needs == ["step_free"]
    again = mail.outbox[-1]
    assert again.subject == "Your link for Dementia services: public drop-in"
    assert "You are already on our list" in again.body and registration.get_reply_url() in again.body


def test_the_page_says_the_same_whether_or_not_the_address_was_already_signed_up(
    client, public_event, make_registration, django_capture_on_commit_callbacks
):
    make_registration(public_event, "Ann Lee", status=Status.COMING)
    new = sign_up(client, public_event, django_capture_on_commit_callbacks, name="Sam Reed")
    new_page = client.get(new.url).text
    again = sign_up(
        client, public_event, django_capture_on_commit_callbacks, name="Someone Else", email="ann@example.org"
    )
    again_page = client.get(again.url).text
    assert new.url == again.url == thanks_url(public_event)
    said = "If you have already signed up, we have e-mailed your link again."
    assert said in new_page and said in again_page
    for page in [new_page, again_page]:
        assert "ann@example.org" not in page and "Ann Lee" not in page and "/reply/" not in page


def test_signing_up_again_e_mails_the_link_at_most_once_a_day(
    public_event, make_registration, mailoutbox, django_capture_on_commit_callbacks
):
    """Someone typing another person's address over and over cannot flood their inbox."""
    ann = make_registration(public_event, "Ann Lee", status=Status.COMING)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.sign_up(public_event, name="Ann Lee", email="ann@example.org") == ann
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    assert Registration.objects.count() == 1


def test_an_event_without_a_capacity_never_fills(client, make_event, django_capture_on_commit_callbacks):
    event = make_event(audience=Event.Audience.PUBLIC, sign_up_open=True)
    for name in ["Ann Lee", "Bob Hart", "Cat Wood"]:
        sign_up(client, event, django_capture_on_commit_callbacks, name=name)
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.COMING}


def test_a_missing_name_and_e_mail_are_asked_for(client, public_event):
    response = client.post(url(public_event), form(name="X", email="") | {"name": ""})
    assert "Enter your full name" in response.text and "Enter your e-mail address" in response.text
    assert not Registration.objects.exists()


def test_sign_up_closes_when_the_event_starts(client, public_event):
    with time_machine.travel(public_event.start + timedelta(minutes=1)):
        assert "Sign-up has closed" in client.get(url(public_event)).text
        assert client.post(url(public_event), form()).status_code == 403
    assert not Registration.objects.exists()


def test_the_rate_limit_refuses_a_sign_up_and_keeps_the_answers(client, make_event):
    event = make_event(audience=Event.Audience.PUBLIC, sign_up_open=True)
    for i in range(SIGN_UPS_PER_HOUR):
        assert client.post(url(event), form(name=f"Person{i} Reed")).status_code == 302
    response = client.post(url(event), form(name="Late Comer"))
    assert response.status_code == 429
    assert "Try again in an hour" in response.text and 'value="Late Comer"' in response.text
    assert Registration.objects.count() == SIGN_UPS_PER_HOUR


def test_the_rate_limit_counts_bots_and_a_bot_stores_nothing(client, make_event):
    event = make_event(audience=Event.Audience.PUBLIC, sign_up_open=True)
    for _ in range(SIGN_UPS_PER_HOUR):
        assert client.post(url(event), form(website="spam")).status_code == 302
    assert not Registration.objects.exists()
    assert client.post(url(event), form()).status_code == 429


def test_a_double_click_signs_up_once(client, public_event):
    data = form() | {"form_token": "a" * 30}
    first = client.post(url(public_event), data)
    second = client.post(url(public_event), data)
    assert Registration.objects.count() == 1
    assert first.url == second.url


def test_two_sign_ups_one_after_the_other_for_the_last_place_give_it_to_one(public_event, make_registration):
    """The path two sign-ups at once take, serialised by the event's row lock (see the threaded test below)."""
    make_registration(public_event, "Ann Lee", status=Status.COMING)
    first = services.sign_up(public_event, name="Bob Hart", email="bob@example.org")
    second = services.sign_up(public_event, name="Cat Wood", email="cat@example.org")
    assert (first.status, second.status) == (Status.COMING, Status.WAITING)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite has no row locks; CI runs this on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_at_once_for_the_last_place_do_not_both_get_it(public_event, make_registration):
    make_registration(public_event, "Ann Lee", status=Status.COMING)
    barrier = threading.Barrier(2)
    errors = []

    def run(name):
        barrier.wait()
        try:
            services.sign_up(public_event, name=name, email=f"{name.split()[0].lower()}@example.org")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(name,)) for name in ["Bob Hart", "Cat Wood"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(public_event.registrations.exclude(name="Ann Lee").values_list("status", flat=True))
    assert statuses == [Status.COMING, Status.WAITING]


# The sign-up page for a visitor: 1 the event with its venue, 2 how many have a place (is it full).
SIGN_UP_QUERIES = 2


def test_the_sign_up_page_takes_the_same_queries_however_many_have_signed_up(
    client, public_event, make_registration, django_assert_num_queries
):
    make_registration(public_event, "Ann Lee", status=Status.COMING)
    with django_assert_num_queries(SIGN_UP_QUERIES):
        assert client.get(url(public_event)).status_code == 200
    for i in range(20):
        make_registration(public_event, f"Person{i} Reed", status=Status.WAITING, waiting_since=timezone.now())
    with django_assert_num_queries(SIGN_UP_QUERIES):
        assert client.get(url(public_event)).status_code == 200


def test_the_confirmation_gives_the_venue_address_on_one_line(
    client, public_event, venue, django_capture_on_commit_callbacks
):
    venue.address = "12 Quay Street\r\nRiverside\r\nZZ3 1CC"
    venue.save()
    sign_up(client, public_event, django_capture_on_commit_callbacks)
    assert "Where: Community Hub, 12 Quay Street, Riverside, ZZ3 1CC\n" in mail.outbox[0].body


def test_after_signing_up_the_page_thanks_them_without_a_second_form(
    client, public_event, django_capture_on_commit_callbacks
):
    response = sign_up(client, public_event, django_capture_on_commit_callbacks)
    page = client.get(response.url).text
    assert "Thank you for signing up" in page and "Check your e-mail" in page
    assert "<form" not in page and "Join the waiting list" not in page
    assert f'href="{url(public_event)}">Sign up someone else' in page


def test_a_bot_gets_the_same_thank_you_page(client, public_event):
    assert client.post(url(public_event), form(website="spam")).url == thanks_url(public_event)


@pytest.mark.parametrize("phone", ["0123", "01632 96", "call me", "01632 960001 ext"])
def test_a_phone_number_that_cannot_be_one_is_refused_plainly(client, public_event, phone):
    response = client.post(url(public_event), form(phone=phone))
    assert "Enter a phone number, like 01632 960 001 or 07700 900 982" in response.text
    assert not Registration.objects.exists()


@pytest.mark.parametrize("phone", ["01632 960001", "07700 900982", "+44 (0)7700 900982", "01632-960-001"])
def test_a_phone_number_as_people_write_it_is_taken(client, public_event, phone, django_capture_on_commit_callbacks):
    sign_up(client, public_event, django_capture_on_commit_callbacks, phone=phone)
    assert Registration.objects.get().phone == phone


def test_the_public_form_describes_people_in_plain_words(client, public_event):
    page = client.get(url(public_event)).text
    for plain in ["A member of the public", "A carer", "A patient group member", "Someone who works in health or care"]:
        assert plain in page
    for jargon in ["wayfinder", "locality staff", "scrutiny committee", "Healthwatch"]:
        assert jargon not in page


def test_a_carer_is_counted_as_a_carer(client, public_event, django_capture_on_commit_callbacks):
    sign_up(client, public_event, django_capture_on_commit_callbacks, category="carer")
    registration = Registration.objects.get()
    assert (registration.category, registration.get_category_display()) == ("carer", "Carer")


@pytest.fixture
def cancelled(public_event):
    Event.objects.filter(pk=public_event.pk).update(
        cancelled_at=timezone.now(), online_link="https://meet.example.org/drop-in"
    )
    return public_event


def test_a_cancelled_events_page_says_so_before_the_details(client, cancelled):
    page = client.get(url(cancelled)).text
    assert page.index("This event has been cancelled") < page.index("Community Hub")


def test_a_cancelled_events_page_offers_no_joining_link(client, cancelled):
    page = client.get(url(cancelled)).text
    assert "meet.example.org" not in page and "Join the event online" not in page


def test_a_cancelled_events_page_is_titled_cancelled(client, cancelled):
    assert "<title>Cancelled: Dementia services: public drop-in" in client.get(url(cancelled)).text
