"""Celery beat keeps running through a database outage and plans again when the database returns."""

import logging
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask, PeriodicTasks
from django_celery_beat.schedulers import DatabaseScheduler

from engagement.celery import app
from engagement.core.beat import ResilientDatabaseScheduler

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(monkeypatch):
    """The schedules beat sends to the workers, by name (nothing reaches a broker)."""
    names = []
    monkeypatch.setattr(
        ResilientDatabaseScheduler, "apply_entry", lambda self, entry, producer=None: names.append(entry.name)
    )
    return names


@pytest.fixture
def scheduler(sent):
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="Every second", task="meetings.tasks.plan_meeting_emails", interval=every_second)
    scheduler = ResilientDatabaseScheduler(app=app, lazy=True)
    scheduler.tick()  # the first read of the schedule, with the database up
    yield scheduler
    # Otherwise it writes its schedule when pytest exits, after the test database has gone.
    scheduler._finalize.cancel()


@pytest.fixture
def database_away(scheduler):
    """The database refuses every query, as PostgreSQL does while it is stopped, and the schedule is due
    a full read; `.undo()` brings the database back."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    outage = pytest.MonkeyPatch()
    outage.setattr(DatabaseScheduler, "schedule_changed", refuse)
    outage.setattr(DatabaseScheduler, "enabled_models", refuse)
    scheduler._last_full_sync = datetime.now() - timedelta(minutes=10)
    yield outage
    outage.undo()


def test_it_is_the_scheduler_beat_runs():
    assert settings.CELERY_BEAT_SCHEDULER == "engagement.core.beat:ResilientDatabaseScheduler"


def test_the_unprotected_scheduler_lets_the_outage_end_beat(database_away, scheduler):
    # What this class exists for: the same tick raises out of django-celery-beat's own scheduler.
    with pytest.raises(OperationalError):
        DatabaseScheduler.tick(scheduler)


def test_it_waits_one_interval_when_the_database_is_away(database_away, scheduler):
    assert scheduler.tick() == scheduler.max_interval


def test_it_logs_the_outage(database_away, scheduler, caplog):
    with caplog.at_level(logging.WARNING, logger="engagement.core.beat"):
        scheduler.tick()
    assert "Beat could not reach the database" in caplog.text


def test_it_keeps_waiting_on_a_closed_connection(monkeypatch, scheduler):
    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(DatabaseScheduler, "schedule_changed", closed)
    assert scheduler.tick() == scheduler.max_interval


def test_it_plans_again_when_the_database_returns(database_away, scheduler, sent):
    scheduler.tick()
    database_away.undo()
    sent.clear()
    # Last run an hour ago, as the database says, so the schedule read when the database returns is due at once.
    PeriodicTask.objects.filter(name="Every second").update(last_run_at=timezone.now() - timedelta(hours=1))
    PeriodicTasks.update_changed()
    for _ in range(10):
        scheduler.tick()
    assert "Every second" in sent
