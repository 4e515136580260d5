"""The reminder two days before an event: to those with a place, once, whatever runs twice."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from engagement.core import notifications
from engagement.core.schedules import SCHEDULES
from feedback.events import tasks
from feedback.events.models import Registration

# Scheduled tasks run outside any request transaction, so their e-mails are queued at once, as here.
pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status


@pytest.fixture
def people(event, make_registration):
    return {
        "coming": make_registration(event, "Ann Lee", status=Status.COMING, access_needs=["bsl"]),
        "waiting": make_registration(event, "Bob Hart", status=Status.WAITING),
        "not_coming": make_registration(event, "Cat Wood", status=Status.NOT_COMING),
        "no_reply": make_registration(event, "Dan Ross"),
        "no_email": make_registration(event, "Eve Shaw", status=Status.COMING, email=""),
    }


def test_it_reminds_those_coming_two_days_before_once(event, people):
    with time_machine.travel(event.start - timedelta(days=2, hours=-1)):
        tasks.send_event_reminders()
        tasks.send_event_reminders()
    [reminder] = mail.outbox
    assert reminder.to == ["ann@example.org"] and reminder.subject.startswith("Reminder: Dementia services workshop")
    assert "A British Sign Language interpreter" in reminder.body
    assert reminder.attachments[0][0] == "event.ics"


def test_it_sends_nothing_earlier_or_after_the_window(event, people):
    with time_machine.travel(event.start - timedelta(days=3)):
        tasks.send_event_reminders()
    with time_machine.travel(event.start - timedelta(hours=12)):
        tasks.send_event_reminders()
    assert mail.outbox == []


def test_a_moved_event_reminds_again(event, people):
    with time_machine.travel(event.start - timedelta(days=2, hours=-1)):
        tasks.send_event_reminders()
    event.start += timedelta(days=7)
    event.end += timedelta(days=7)
    event.save()
    with time_machine.travel(event.start - timedelta(days=2, hours=-1)):
        tasks.send_event_reminders()
    assert len(mail.outbox) == 2


def test_someone_who_cancels_before_it_goes_is_not_reminded(event, people, monkeypatch):
    with time_machine.travel(event.start - timedelta(days=2, hours=-1)):
        ids = notifications.plan_to_subject(people["coming"], tasks.reminder_event(people["coming"]))
        Registration.objects.filter(pk=people["coming"].pk).update(status=Status.CANCELLED)
        assert notifications.deliver(ids[0]) is False
    assert mail.outbox == []


def test_the_reminder_runs_on_a_schedule():
    assert "feedback.events.tasks.send_event_reminders" in [schedule.task for schedule in SCHEDULES]
