"""Every beat schedule is declared in engagement/core/schedules.py and added after migrate."""

import pytest
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from engagement.core import schedules

pytestmark = pytest.mark.django_db


def test_every_declared_schedule_is_in_the_database_after_migrate():
    assert set(PeriodicTask.objects.values_list("name", flat=True)) >= {s.name for s in schedules.SCHEDULES}


def test_every_declared_schedule_runs_a_task_celery_knows():
    from engagement.celery import app

    app.loader.import_default_modules()
    assert [s.task for s in schedules.SCHEDULES if s.task not in app.tasks] == []


def test_a_deleted_schedule_comes_back_at_the_next_migrate():
    PeriodicTask.objects.filter(name=schedules.SCHEDULES[1].name).delete()
    schedules.sync()
    assert PeriodicTask.objects.get(name=schedules.SCHEDULES[1].name).task == schedules.SCHEDULES[1].task


def test_a_retimed_or_paused_schedule_keeps_the_superusers_changes():
    nightly = CrontabSchedule.objects.create(minute="0", hour="1", timezone="Europe/London")
    PeriodicTask.objects.filter(name=schedules.SCHEDULES[1].name).update(crontab=nightly, enabled=False)
    schedules.sync()
    task = PeriodicTask.objects.get(name=schedules.SCHEDULES[1].name)
    assert (task.crontab_id, task.enabled) == (nightly.pk, False)


def test_a_schedule_follows_its_task_when_the_task_moves():
    PeriodicTask.objects.filter(name=schedules.SCHEDULES[1].name).update(task="old.module.task")
    schedules.sync()
    assert PeriodicTask.objects.get(name=schedules.SCHEDULES[1].name).task == schedules.SCHEDULES[1].task
