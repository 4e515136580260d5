"""E-mails after the event: the feedback link to those who came, and the outcome to those who agreed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.core import notifications
from engagement.core.confirm import CONFIRMED
from feedback import services as feedback_services
from feedback.events import outcomes
from feedback.events.models import Registration
from feedback.models import Project, ResponseEntry, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(make_event):
    return make_event(days=-1)


@pytest.fixture
def people(held, make_registration):
    """Two who came, one coming with the register not taken, one who did not come, one with no address."""
    Status = Registration.Status
    return [
        make_registration(held, "Priya Shah", status=Status.COMING, attended=True),
        make_registration(held, "Tom Okafor", status=Status.INVITED, attended=True),
        make_registration(held, "Ann Lee", status=Status.COMING),
        make_registration(held, "Bill Hart", status=Status.COMING, attended=False),
        make_registration(held, "Sue Kent", status=Status.NOT_COMING),
        make_registration(held, "Dev Rao", email="", status=Status.COMING, attended=True),
    ]


def email_link(client, event, **data):
    return client.post(reverse("admin:events_eventfeedback_email_link", args=[event.pk]), data)


def test_it_asks_first_with_a_count_and_the_first_e_mail(client, staff, held, people, mailoutbox):
    client.force_login(staff)
    response = email_link(client, held)
    assert response.status_code == 200
    assert "3 people will be e-mailed." in response.text
    assert "1 person who came has no e-mail address" in response.text
    assert "Your feedback, please: Dementia services workshop" in response.text
    assert held.feedback_token in response.text
    assert mailoutbox == []


def test_it_e_mails_those_who_came_once(client, staff, held, people, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = email_link(client, held, **{CONFIRMED: "1"})
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mailoutbox) == [
        "ann@example.org",
        "priya@example.org",
        "tom@example.org",
    ]
    link = reverse("events:attendee_feedback", args=[held.feedback_token])
    assert link in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        again = email_link(client, held, **{CONFIRMED: "1"})
    assert again.status_code == 200  # nothing left to send: the page says so
    assert "3 people already sent the link, left out." in again.text
    assert len(mailoutbox) == 3


def test_it_sends_nothing_before_the_event_has_started(
    client, staff, event, make_registration, mailoutbox, django_capture_on_commit_callbacks
):
    make_registration(event, status=Registration.Status.COMING)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = email_link(client, event, **{CONFIRMED: "1"})
    assert "The event has not started yet" in response.text
    assert mailoutbox == []


def test_members_cannot_e_mail_the_link(client, member, held, people, mailoutbox):
    client.force_login(member)
    response = email_link(client, held, **{CONFIRMED: "1"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert mailoutbox == []


# Sharing the outcome when the project's response is published.


@pytest.fixture
def agreed(held, make_registration):
    """Two who agreed to hear the outcome (one with no address), one who did not."""
    return [
        make_registration(held, "Priya Shah", status=Registration.Status.COMING, wants_outcomes=True),
        make_registration(held, "Dev Rao", email="", phone="01632 960000", wants_outcomes=True),
        make_registration(held, "Tom Okafor", status=Registration.Status.COMING),
    ]


@pytest.fixture
def with_response(project):
    ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="Transport"),
        what_we_heard="The bus stops too early.",
        how_we_reflected="The clinic opens earlier.",
    )
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED, closed_at=timezone.now())
    project.refresh_from_db()
    return project


def publish(project, capture):
    with capture(execute=True):
        feedback_services.publish_response(project)


def test_publishing_tells_those_who_agreed_with_a_link_to_the_public_page(
    with_response, agreed, mailoutbox, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=with_response.pk).update(publish_publicly=True)
    with_response.refresh_from_db()
    publish(with_response, django_capture_on_commit_callbacks)
    [message] = mailoutbox
    assert message.to == ["priya@example.org"]
    assert message.subject == "What came of it: Plans for dementia services"
    assert reverse("feedback:public_response", args=["peg", with_response.pk]) in message.body
    assert message.attachments == []


def test_the_outcome_comes_as_a_pdf_when_the_response_is_not_public(
    with_response, agreed, mailoutbox, django_capture_on_commit_callbacks
):
    publish(with_response, django_capture_on_commit_callbacks)
    [message] = mailoutbox
    assert "attached to this e-mail as a PDF" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"you-said-we-did-{with_response.pk}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")


def test_republishing_tells_no_one_twice(with_response, agreed, mailoutbox, django_capture_on_commit_callbacks):
    publish(with_response, django_capture_on_commit_callbacks)
    publish(with_response, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_people_at_an_event_still_to_come_are_not_told_yet(
    with_response, make_event, make_registration, mailoutbox, django_capture_on_commit_callbacks
):
    make_registration(make_event(days=7), wants_outcomes=True, status=Registration.Status.COMING)
    publish(with_response, django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_someone_who_withdrew_their_agreement_before_it_went_is_not_told(with_response, agreed, mailoutbox):
    Project.objects.filter(pk=with_response.pk).update(
        status=Project.Status.PUBLISHED, response_published_at=timezone.now() - timedelta(minutes=1)
    )
    [notification_id] = outcomes.share_outcomes(with_response)
    Registration.objects.filter(pk=agreed[0].pk).update(wants_outcomes=False)
    assert notifications.deliver(notification_id) is False
    assert mailoutbox == []
