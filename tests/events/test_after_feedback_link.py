"""The feedback link attendees use after the event: no account, open once the event has started."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from feedback.events import feedback_views
from feedback.events.models import Evaluation, Event, EventFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(make_event):
    return make_event(days=-1)


def link(event):
    return reverse("events:attendee_feedback", args=[event.feedback_token])


ANSWERS = {"text": "More time for questions, please.", "usefulness": "3", "what_to_change": "Start later."}


def test_it_is_not_open_before_the_event_starts(client, event):
    response = client.get(link(event))
    assert response.status_code == 403
    assert "Feedback opens when the event starts" in response.text
    assert client.post(link(event), ANSWERS).status_code == 403
    assert not Evaluation.objects.exists()


def test_it_opens_when_the_event_starts(client, event):
    with time_machine.travel(event.start + timedelta(minutes=1)):
        response = client.get(link(event))
    assert response.status_code == 200
    assert "How useful was the event for you?" in response.text


def test_it_is_not_open_for_a_cancelled_event(client, started):
    started.cancelled_at = timezone.now()
    started.save()
    response = client.get(link(started))
    assert response.status_code == 403
    assert "This event was cancelled" in response.text


def test_it_saves_the_feedback_and_an_anonymous_evaluation(client, started):
    response = client.post(link(started), ANSWERS)
    assert response.url == reverse("events:attendee_feedback_thanks", args=[started.feedback_token])
    [feedback] = EventFeedback.objects.all()
    assert (feedback.event, feedback.text, feedback.source, feedback.entered_by) == (
        started,
        "More time for questions, please.",
        EventFeedback.Source.ONLINE,
        None,
    )
    [evaluation] = Evaluation.objects.all()
    assert (evaluation.event, evaluation.usefulness, evaluation.what_to_change) == (started, 3, "Start later.")
    assert "Thank you for your feedback" in client.get(response.url).text


def test_it_saves_only_the_evaluation_when_nothing_else_is_said(client, started):
    client.post(link(started), {"usefulness": "4"})
    assert not EventFeedback.objects.exists()
    assert Evaluation.objects.get().usefulness == 4


def test_it_keeps_what_was_typed_when_usefulness_is_not_chosen(client, started):
    response = client.post(link(started), ANSWERS | {"usefulness": ""})
    assert response.status_code == 200
    assert "Choose how useful the event was for you" in response.text
    assert "More time for questions, please.</textarea>" in response.text
    assert "Start later.</textarea>" in response.text
    assert not EventFeedback.objects.exists()


def test_it_keeps_the_chosen_answer_when_shown_again(client, started):
    response = client.post(link(started), {"usefulness": "2", "text": "x" * 6000})
    assert re.search(r'value="2"[^>]* checked', response.text)
    assert "What you want to tell us must be 5000 characters or fewer" in response.text


def test_a_made_up_link_is_not_found(client, started):
    assert client.get(reverse("events:attendee_feedback", args=["not-a-real-token"])).status_code == 404


def test_it_limits_how_many_one_connection_can_send(client, started, monkeypatch):
    monkeypatch.setattr(feedback_views, "FEEDBACK_PER_HOUR", 2)
    for _ in range(2):
        assert client.post(link(started), {"usefulness": "4"}).status_code == 302
    response = client.post(link(started), ANSWERS)
    assert response.status_code == 429
    assert "What you wrote is kept on this page" in response.text
    assert "More time for questions, please.</textarea>" in response.text
    assert Evaluation.objects.count() == 2


def test_a_double_click_sends_once(client, started):
    form = client.get(link(started)).text
    token = form.split('name="form_token" value="')[1].split('"')[0]
    client.post(link(started), ANSWERS | {"form_token": token})
    client.post(link(started), ANSWERS | {"form_token": token})
    assert Evaluation.objects.count() == 1


def test_a_mistyped_link_gets_the_link_problem_page(client, db):
    response = client.get(reverse("events:attendee_feedback", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "This link does not work" in response.text


def test_a_mistyped_thank_you_link_gets_the_link_problem_page(client, db):
    response = client.get(reverse("events:attendee_feedback_thanks", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "This link does not work" in response.text


def test_before_the_event_it_gives_the_time_in_words(client, make_event):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(
        start=datetime(2026, 12, 18, 13, 30, tzinfo=timezone.get_default_timezone()),
        end=datetime(2026, 12, 18, 16, tzinfo=timezone.get_default_timezone()),
    )
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=timezone.get_default_timezone())):
        page = client.get(link(event)).text
    assert "The event is on Friday 18 December 2026, 1:30pm to 4pm." in page


def test_it_says_who_the_feedback_goes_to_in_plain_words(client, started):
    page = client.get(link(started)).text
    assert "goes to the team planning the project “Plans for dementia services”" in page
    assert "the people planning Plans" not in page
