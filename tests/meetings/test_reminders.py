"""Meeting e-mails: each sent once per person per event, whatever runs twice or at once."""

import threading
from datetime import timedelta

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.db import connection

from engagement.core import notifications
from engagement.core.models import Notification
from meetings import services, tasks
from meetings.models import Reply
from members.models import Membership, User
from tests.conftest import make_person

# Scheduled tasks run outside any request transaction, so their e-mails are queued at once, as here.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def group_members(peg, member):
    people = [member]
    for i in range(3):
        person = make_person(f"m{i}@example.org", f"Member {i}")
        Membership.objects.create(user=person, group=peg)
        people.append(person)
    return people


def subjects():
    return sorted(message.subject.split(":")[0] for message in mail.outbox)


def test_a_new_meeting_invites_each_member_once_with_a_calendar_file(make_meeting, group_members):
    meeting = make_meeting(days=30)
    tasks.plan_meeting_emails()
    tasks.plan_meeting_emails()
    assert len(mail.outbox) == 4
    message = mail.outbox[0]
    assert message.subject.startswith("Meeting invitation")
    assert message.attachments[0][0] == "meeting.ics"
    assert meeting.when_in_words in message.body
    assert "Step-free access" in message.body
    assert "/meetings/reply/" in message.body
    html = message.alternatives[0][0]
    assert "Send my apologies" in html


def test_staff_observers_and_people_on_leave_are_not_invited(make_meeting, group_members, staff, peg):
    Membership.objects.create(user=staff, group=peg, role=Membership.Role.STAFF)
    Membership.objects.filter(user=group_members[1]).update(status=Membership.Status.ON_LEAVE)
    make_meeting(days=30)
    tasks.plan_meeting_emails()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in group_members if u != group_members[1])


def test_post_and_phone_members_are_not_emailed(make_meeting, group_members):
    User.objects.filter(pk=group_members[0].pk).update(communication_preference="post")
    make_meeting(days=30)
    tasks.plan_meeting_emails()
    assert group_members[0].email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 3


def test_reminders_go_seven_days_and_one_day_before_to_those_without_apologies(make_meeting, group_members):
    meeting = make_meeting(days=30)
    tasks.plan_meeting_emails()
    Reply.objects.create(meeting=meeting, user=group_members[0], response=Reply.Response.APOLOGIES)
    mail.outbox.clear()
    with time_machine.travel(meeting.start - timedelta(days=6, hours=23)):
        tasks.plan_meeting_emails()
        tasks.plan_meeting_emails()
    assert len(mail.outbox) == 3
    assert all("in 7 days" in m.subject for m in mail.outbox)
    mail.outbox.clear()
    with time_machine.travel(meeting.start - timedelta(hours=20)):
        tasks.plan_meeting_emails()
    assert len(mail.outbox) == 3
    assert all("tomorrow" in m.subject for m in mail.outbox)


def test_reminder_days_are_set_per_group(make_meeting, group_members, peg):
    peg.reminder_days = "3"
    peg.save()
    meeting = make_meeting(days=30)
    with time_machine.travel(meeting.start - timedelta(days=6)):
        tasks.plan_meeting_emails()
    assert not any("Reminder" in m.subject for m in mail.outbox)
    with time_machine.travel(meeting.start - timedelta(days=2, hours=12)):
        tasks.plan_meeting_emails()
    assert sum("in 3 days" in m.subject for m in mail.outbox) == 4


def test_issuing_papers_tells_members_once(make_meeting, group_members, django_capture_on_commit_callbacks):
    meeting = make_meeting(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_papers(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_papers(meeting)
    assert sum(m.subject.startswith("Papers are ready") for m in mail.outbox) == 4


def test_moving_a_meeting_tells_only_those_already_told(
    make_meeting, group_members, django_capture_on_commit_callbacks
):
    meeting = make_meeting(days=20)
    tasks.plan_meeting_emails()
    latecomer = make_person("late@example.org", "Late Joiner")
    Membership.objects.create(user=latecomer, group=meeting.group)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(meeting, meeting.start + timedelta(days=1), meeting.end + timedelta(days=1))
    assert len(mail.outbox) == 4
    assert latecomer.email not in [m.to[0] for m in mail.outbox]
    assert all(m.subject.startswith("Meeting moved") for m in mail.outbox)
    assert "SEQUENCE:1" in mail.outbox[0].attachments[0][1]


def test_cancelling_tells_those_already_told(make_meeting, group_members, django_capture_on_commit_callbacks):
    meeting = make_meeting(days=20)
    tasks.plan_meeting_emails()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(meeting)
        meeting.refresh_from_db()
    assert len(mail.outbox) == 4
    assert "STATUS:CANCELLED" in mail.outbox[0].attachments[0][1]
    mail.outbox.clear()
    tasks.plan_meeting_emails()
    assert mail.outbox == []


def test_a_failed_send_is_recorded_for_staff_and_does_not_block_others(make_meeting, group_members, monkeypatch):
    from engagement.celery import app
    from engagement.core import notifications
    from meetings import emails

    real = emails.send_invitation

    def refuse_one(notification):
        if notification.user == group_members[0]:
            raise ConnectionRefusedError("SMTP server refused")
        real(notification)

    monkeypatch.setitem(notifications._senders, ("meetings.meeting", "invitation"), refuse_one)
    make_meeting(days=30)
    # As on a real worker: one task's failure is its own, not its caller's.
    app.conf.task_eager_propagates = False
    try:
        tasks.plan_meeting_emails()
    finally:
        app.conf.task_eager_propagates = True
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in group_members[1:])
    failed = Notification.objects.get(user=group_members[0])
    assert failed.status == Notification.Status.FAILED
    assert failed.attempts == 9  # the first try and eight retries
    assert "SMTP server refused" in failed.last_error


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite locks whole tables; CI runs this on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_beat_runs_at_once_send_one_email_per_person(make_meeting, group_members):
    make_meeting(days=30)
    barrier = threading.Barrier(3)
    errors = []

    def run():
        barrier.wait()
        try:
            tasks.plan_meeting_emails()
        except Retry as retry:
            # Another run held that e-mail while sending it: in a worker the task tries again later and
            # finds it sent (core/notifications.Held). Any other reason is a fault.
            if not isinstance(retry.exc, notifications.Held):
                errors.append(retry)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in group_members)
