"""Action reminders: each open action's owner is e-mailed once the group's number of days before it is due
and once on the day, by the daily job (meetings.tasks.plan_action_reminders)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils.timezone import localtime
from django_celery_beat.models import PeriodicTask

from engagement.core import notifications, schedules
from engagement.core.models import Notification
from meetings import tasks
from meetings.models import Action

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DUE = date(2027, 3, 15)
WEEK_BEFORE = date(2027, 3, 8)


@pytest.fixture
def action(meeting, member):
    return Action.objects.create(meeting=meeting, description="Read the leaflet about GP access", owner=member, due=DUE)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the daily job on a day, as beat would at 8 in the morning."""

    def run_on(day):
        with (
            time_machine.travel(datetime(day.year, day.month, day.day, 8, 0, tzinfo=LONDON)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            tasks.plan_action_reminders()

    return run_on


def test_it_reminds_the_owner_a_week_before_once_however_often_the_job_runs(run, action):
    run(WEEK_BEFORE)
    run(WEEK_BEFORE)
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["member@example.org"], "Action due Monday 15 March: Read the leaflet about GP access")
    ]


def test_it_reminds_the_owner_on_the_due_date(run, action):
    run(DUE)
    assert [message.subject for message in mail.outbox] == ["Action due today: Read the leaflet about GP access"]


def test_it_sends_nothing_on_the_days_between(run, action):
    for day in (date(2027, 3, 6), date(2027, 3, 10), date(2027, 3, 14), date(2027, 3, 16)):
        run(day)
    assert mail.outbox == []


def test_it_still_reminds_a_week_before_the_day_after_a_missed_run(run, action):
    run(date(2027, 3, 9))
    assert len(mail.outbox) == 1


def test_a_changed_due_date_reminds_again(run, action):
    run(WEEK_BEFORE)
    action.due = date(2027, 3, 22)
    action.save()
    run(date(2027, 3, 15))
    assert [message.subject for message in mail.outbox] == [
        "Action due Monday 15 March: Read the leaflet about GP access",
        "Action due Monday 22 March: Read the leaflet about GP access",
    ]


def test_it_does_not_remind_of_a_done_action(run, action):
    action.mark_done()
    run(WEEK_BEFORE)
    run(DUE)
    assert mail.outbox == []


def test_a_reminder_planned_before_the_action_was_done_is_not_sent(action):
    (notification_id,) = notifications.plan(action, f"due-on-{DUE.isoformat()}", [action.owner])
    action.mark_done()
    notifications.deliver(notification_id)
    assert mail.outbox == []
    assert Notification.objects.get(pk=notification_id).status == Notification.Status.NOT_SENT


def test_a_reminder_planned_for_the_old_due_date_is_not_sent(action):
    (notification_id,) = notifications.plan(action, f"due-on-{DUE.isoformat()}", [action.owner])
    Action.objects.filter(pk=action.pk).update(due=date(2027, 4, 1))
    notifications.deliver(notification_id)
    assert mail.outbox == []


def test_a_group_that_turned_reminders_off_gets_none(run, peg, action):
    peg.action_reminders = False
    peg.save()
    run(WEEK_BEFORE)
    run(DUE)
    assert mail.outbox == []


def test_it_reminds_the_number_of_days_before_the_group_chose(run, peg, action):
    peg.action_reminder_days = 3
    peg.save()
    run(WEEK_BEFORE)
    assert mail.outbox == []
    run(date(2027, 3, 12))
    assert len(mail.outbox) == 1


def test_a_group_that_chose_no_days_before_is_reminded_on_the_day_only(run, peg, action):
    peg.action_reminder_days = 0
    peg.save()
    for day in (WEEK_BEFORE, date(2027, 3, 14), DUE):
        run(day)
    assert [message.subject for message in mail.outbox] == ["Action due today: Read the leaflet about GP access"]


def test_the_email_says_what_from_which_meeting_and_when_and_links_to_the_meeting(run, action, meeting, settings):
    run(WEEK_BEFORE)
    body = mail.outbox[0].body
    assert "due by Monday 15 March 2027" in body
    assert f"agreed at Group meeting of Public Engagement Group on {localtime(meeting.start):%-d %B %Y}" in body
    assert "Read the leaflet about GP access" in body
    assert f"See the meeting: {settings.SITE_URL}{meeting.get_absolute_url()}" in body


def test_a_reminder_planned_before_reminders_named_the_due_date_still_sends(action):
    (notification_id,) = notifications.plan(action, "due-soon", [action.owner])
    notifications.deliver(notification_id)
    assert len(mail.outbox) == 1


def test_the_three_day_schedule_is_renamed_rather_than_left_running_beside_the_new_one():
    (reminders,) = [s for s in schedules.SCHEDULES if s.task == "meetings.tasks.plan_action_reminders"]
    PeriodicTask.objects.filter(name=reminders.name).update(name=reminders.formerly_named, enabled=False)
    schedules.sync()
    assert list(PeriodicTask.objects.filter(task=reminders.task).values_list("name", "enabled")) == [
        (reminders.name, False)
    ]
