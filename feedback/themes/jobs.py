"""Runs of the theme engine as background jobs, with their progress.

As with imports (engagement/core/imports.py): starting stores a Run and queues the task after the
commit; the task claims the run first, so a doubled or retried task does nothing; while it runs
its progress goes to the cache, because the run's row is written once, at the end. Every run,
however small, goes through the job (with no Redis the task runs in-process, at once).

Staff's edits and the confirm are in services.py.
"""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from .models import Run
from .sources import SOURCES

logger = logging.getLogger(__name__)
Status = Run.Status
# A run still "running" after this has stopped (its worker was restarted): reported as stopped.
STALE_AFTER = timedelta(minutes=15)
TIME_LIMIT = 10 * 60
SOFT_TIME_LIMIT = 9 * 60
BROKE = "Something went wrong on our side and no themes were suggested. Try again, or ask an administrator for help."
STOPPED = "This stopped before it finished. Start it again."
NO_TEXTS = "There is nothing to theme yet: no texts were found."


def _progress_key(run_id):
    return f"themes-run-progress-{run_id}"


def items_of(run):
    """The run's texts as the source gives them now: (id, text) pairs."""
    source = SOURCES[run.source]
    obj = source.model.objects.filter(pk=run.object_id).first()
    return source.texts(obj, run.part) if obj is not None else []


def find(run_id):
    """The task's work: suggest themes for the run's texts."""
    now = timezone.now()
    if Run.objects.filter(pk=run_id, status=Status.QUEUED).update(status=Status.RUNNING, started_at=now) != 1:
        return
    run = Run.objects.get(pk=run_id)
    from . import engine  # scikit-learn: loaded by the worker that needs it, not by every page

    try:
        items = items_of(run)
        result = engine.suggest(
            items,
            run.min_themes,
            run.max_themes,
            progress=lambda done, total: cache.set(_progress_key(run_id), (done, total), 3600),
        )
    except Exception:
        # Logged for an administrator; the page says it stopped rather than waiting for ever.
        logger.exception("Suggesting themes for run %s failed", run_id)
        Run.objects.filter(pk=run_id).update(status=Status.FAILED, problem=BROKE, finished_at=timezone.now())
        return
    Run.objects.filter(pk=run_id, status=Status.RUNNING).update(
        status=Status.READY if items else Status.FAILED,
        problem="" if items else NO_TEXTS,
        texts_total=len(items),
        suggestions=[
            {"key": key, "label": s.label, "words": s.words, "ids": s.ids, "quotes": s.quotes}
            for key, s in enumerate(result.suggestions, 1)
        ],
        unassigned=result.unassigned,
        finished_at=timezone.now(),
    )


def progress(run):
    """(numbers of themes tried, to try), or (0, 0) before the first."""
    if not run.is_running:
        return 0, 0
    return cache.get(_progress_key(run.pk), (0, 0))


def give_up_if_stopped(run):
    if run.is_running and run.created < timezone.now() - STALE_AFTER:
        Run.objects.filter(pk=run.pk, status=run.status).update(
            status=Status.FAILED, problem=STOPPED, finished_at=timezone.now()
        )
        run.refresh_from_db()
    return run
