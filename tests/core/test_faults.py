"""Delivery through faults: Redis losing a task, a worker killed, the database dropping, the mail server
going away. Nothing is lost, nothing is sent twice; what cannot be known is shown to staff as unknown.

scripts/fault-proof injects the same faults into real PostgreSQL, Redis, Celery and SMTP processes.
"""

from datetime import timedelta
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends import locmem
from django.db import OperationalError
from django.db.models import QuerySet
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from engagement.core import notifications, outbox, retries, schedules, tasks
from engagement.core.models import Notification, QueuedTask
from members import services

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(hours=1)


class FaultyBackend(locmem.EmailBackend):
    """The test mail server, failing where a test says: when connecting, or once the message is handed over."""

    on_open = None
    on_send = None

    def open(self):
        if self.on_open:
            raise self.on_open
        return super().open()

    def send_messages(self, messages):
        if self.on_send:
            raise self.on_send
        return super().send_messages(messages)


@pytest.fixture
def mail_server(settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.FaultyBackend"
    monkeypatch.setattr(FaultyBackend, "on_open", None)
    monkeypatch.setattr(FaultyBackend, "on_send", None)
    return FaultyBackend


@pytest.fixture
def reset_for(member):
    """A password reset planned for the member, as the reset form plans it, not yet sent."""
    [notification_id] = notifications.plan(member, "password-reset-1", [member], whatever_their_preference=True)
    return Notification.objects.get(pk=notification_id)


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(retries.time, "sleep", lambda seconds: None)


def queued(task=tasks.apply_retention, **fields):
    return QueuedTask.objects.create(task=task.name, **fields)


def run_as_outbox_copy(task, queued_task, *args):
    return task.apply(args=args, task_id=f"{outbox.TASK_ID_PREFIX}{queued_task.pk}")


# The outbox: at least once.


def test_a_task_marks_its_row_done_when_it_finishes(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_password_reset(member)
    assert QueuedTask.objects.get().done_at is not None


def test_the_relay_sends_again_a_task_sent_but_not_done_when_its_lease_ran_out(reset_for):
    # As when Redis was restarted empty after taking the message.
    now = timezone.now()
    queued(tasks.deliver_notification, args=[reset_for.pk], dispatched_at=now - LONG_AGO, lease_until=now)
    assert outbox.relay() == 1
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_the_relay_leaves_a_task_whose_lease_has_not_run_out(reset_for):
    now = timezone.now()
    queued(tasks.deliver_notification, args=[reset_for.pk], dispatched_at=now, lease_until=now + LONG_AGO)
    assert outbox.relay() == 0


def test_the_relay_leaves_a_task_that_is_done():
    now = timezone.now()
    queued(dispatched_at=now - LONG_AGO, lease_until=now - LONG_AGO, done_at=now)
    assert outbox.relay() == 0


def test_a_task_sent_is_leased_for_the_redelivery_time(monkeypatch):
    monkeypatch.setattr(tasks.apply_retention, "apply_async", lambda **kwargs: None)
    row = queued()
    outbox.dispatch(row.pk)
    row.refresh_from_db()
    assert row.lease_until - row.dispatched_at == outbox.REDELIVER_AFTER


def test_a_started_task_is_leased_for_its_time_limit_and_a_margin(monkeypatch):
    leases = []
    monkeypatch.setattr(
        notifications, "deliver", lambda pk: leases.append(QueuedTask.objects.get().lease_until - timezone.now())
    )
    run_as_outbox_copy(tasks.deliver_notification, queued(tasks.deliver_notification), 1)
    expected = timedelta(seconds=notifications.SEND_TIME_LIMIT) + outbox.LEASE_MARGIN
    assert expected - timedelta(seconds=5) < leases[0] <= expected


def test_a_second_copy_of_a_started_task_does_nothing(monkeypatch):
    runs = []
    monkeypatch.setattr(tasks.retention, "apply", lambda: runs.append(1))
    run_as_outbox_copy(tasks.apply_retention, queued(started_at=timezone.now()))
    assert runs == []


def test_a_copy_of_a_done_task_does_nothing(monkeypatch):
    runs = []
    monkeypatch.setattr(tasks.retention, "apply", lambda: runs.append(1))
    run_as_outbox_copy(tasks.apply_retention, queued(done_at=timezone.now()))
    assert runs == []


def test_a_task_that_fails_for_good_is_done_with_its_error(monkeypatch):
    def broken():
        raise KeyError("a mistake in the code")

    monkeypatch.setattr(tasks.retention, "apply", broken)
    row = queued()
    with pytest.raises(KeyError):
        run_as_outbox_copy(tasks.apply_retention, row)
    row.refresh_from_db()
    assert (row.done_at is not None, row.last_error) == (True, "KeyError: 'a mistake in the code'")


def test_a_retried_task_frees_its_row_until_after_the_retry_is_due(monkeypatch, reset_for):
    def refused(notification):
        raise SMTPServerDisconnected("gone")

    monkeypatch.setattr(notifications, "sender_for", lambda notification: refused)
    row = queued(tasks.deliver_notification, args=[reset_for.pk])
    with pytest.raises(Retry):
        run_as_outbox_copy(tasks.deliver_notification, row, reset_for.pk)
    row.refresh_from_db()
    assert (row.started_at, row.done_at) == (None, None)
    assert row.lease_until > timezone.now() + outbox.REDELIVER_AFTER - timedelta(seconds=5)


def test_every_task_retries_a_database_error(monkeypatch):
    def database_gone():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tasks.retention, "apply", database_gone)
    with pytest.raises(Retry):
        tasks.apply_retention.apply()


def test_the_delivery_task_retries_a_database_error(monkeypatch, reset_for):
    def database_gone(notification_id):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(notifications, "claim", database_gone)
    with pytest.raises(Retry):
        tasks.deliver_notification.apply(args=[reset_for.pk])


# Sending: once, and "unknown" rather than twice.


@pytest.mark.django_db(transaction=True)
def test_when_recording_sent_fails_the_recording_is_retried_not_the_send(monkeypatch, reset_for, no_waiting):
    real_update = QuerySet.update
    failures = [OperationalError("the database restarted")]

    def update_once_failing(queryset, **fields):
        if fields.get("status") == Notification.Status.SENT and failures:
            raise failures.pop()
        return real_update(queryset, **fields)

    monkeypatch.setattr(QuerySet, "update", update_once_failing)
    assert notifications.deliver(reset_for.pk) is True
    assert (len(mail.outbox), Notification.objects.get().status) == (1, Notification.Status.SENT)


def stale(notification, **fields):
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENDING, claimed_at=timezone.now() - notifications.STALE_CLAIM * 2, **fields
    )


def test_a_stale_claim_handed_to_the_mail_server_becomes_unknown_and_is_not_sent_again(reset_for):
    stale(reset_for, handed_at=timezone.now() - LONG_AGO)
    assert notifications.deliver(reset_for.pk) is False
    assert (mail.outbox, Notification.objects.get().status) == ([], Notification.Status.UNKNOWN)


def test_a_stale_claim_never_handed_over_is_sent(reset_for):
    stale(reset_for)
    assert notifications.deliver(reset_for.pk) is True
    assert len(mail.outbox) == 1


def test_a_claim_a_live_worker_holds_is_tried_again_later(reset_for):
    Notification.objects.filter(pk=reset_for.pk).update(status=Notification.Status.SENDING, claimed_at=timezone.now())
    with pytest.raises(notifications.Held):
        notifications.deliver(reset_for.pk)


def test_the_delivery_task_retries_while_another_worker_holds_the_claim(reset_for):
    Notification.objects.filter(pk=reset_for.pk).update(status=Notification.Status.SENDING, claimed_at=timezone.now())
    with pytest.raises(Retry):
        tasks.deliver_notification.apply(args=[reset_for.pk])


def test_a_connection_dropped_after_handing_over_is_unknown_not_retried(mail_server, reset_for):
    mail_server.on_send = SMTPServerDisconnected("Connection unexpectedly closed")
    assert notifications.deliver(reset_for.pk) is False
    row = Notification.objects.get()
    assert (row.status, row.handed_at is not None) == (Notification.Status.UNKNOWN, True)


def test_a_message_the_server_refused_is_failed_and_retried(mail_server, reset_for):
    mail_server.on_send = SMTPRecipientsRefused({"member@example.org": (550, b"No such user")})
    with pytest.raises(SMTPRecipientsRefused):
        notifications.deliver(reset_for.pk)
    row = Notification.objects.get()
    assert (row.status, row.handed_at) == (Notification.Status.FAILED, None)


def test_a_hung_mail_server_fails_before_anything_is_handed_over_and_is_retried(mail_server, reset_for):
    mail_server.on_open = TimeoutError("timed out")
    with pytest.raises(TimeoutError):
        notifications.deliver(reset_for.pk)
    assert (Notification.objects.get().status, Notification.objects.get().handed_at) == (
        Notification.Status.FAILED,
        None,
    )
    mail_server.on_open = None
    assert notifications.deliver(reset_for.pk) is True


def test_the_unknown_state_reads_plainly_for_staff():
    assert Notification.Status.UNKNOWN.label == "Unknown: may have been sent, check with the person"


# The relay's timing (item 9).


def relay_schedule():
    return PeriodicTask.objects.get(task="engagement.core.tasks.relay_outbox")


def test_the_relay_runs_every_10_seconds():
    interval = relay_schedule().interval
    assert (interval.every, interval.period) == (10, IntervalSchedule.SECONDS)


def test_a_relay_still_on_the_old_minute_moves_to_10_seconds():
    minute, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.filter(pk=relay_schedule().pk).update(interval=minute)
    schedules.sync()
    assert relay_schedule().interval.every == 10


def test_a_relay_a_superuser_retimed_keeps_its_timing():
    thirty, _ = IntervalSchedule.objects.get_or_create(every=30, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.filter(pk=relay_schedule().pk).update(interval=thirty)
    schedules.sync()
    assert relay_schedule().interval_id == thirty.pk
