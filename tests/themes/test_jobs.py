"""The background job: claimed once, and a failure or a stopped worker is reported, never waited on for ever."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.themes import engine, jobs
from feedback.themes.models import Run

pytestmark = pytest.mark.django_db


def test_a_second_copy_of_the_task_does_nothing(run_for, project, comments):
    run = run_for("project", project)
    Run.objects.filter(pk=run.pk).update(suggestions=[])
    jobs.find(run.pk)
    run.refresh_from_db()
    assert run.status == Run.Status.READY and run.suggestions == []


def test_a_failure_is_recorded_and_shown(run_for, project, comments, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(engine, "suggest", broken)
    run = run_for("project", project)
    assert run.status == Run.Status.FAILED
    assert run.problem == jobs.BROKE


def test_a_run_whose_worker_stopped_is_reported_as_stopped(staff, project):
    run = Run.objects.create(created_by=staff, source="project", object_id=project.pk, title="Comments")
    Run.objects.filter(pk=run.pk).update(created=timezone.now() - jobs.STALE_AFTER - timedelta(minutes=1))
    run = jobs.give_up_if_stopped(Run.objects.get(pk=run.pk))
    assert run.status == Run.Status.FAILED and run.problem == jobs.STOPPED
