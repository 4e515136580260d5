"""Queue Celery tasks through the database so that none is lost, whatever happens to Redis.

`enqueue` records the task in the current transaction and sends it to Celery
once the transaction commits. The row is done only when the task itself says
so (`OutboxTask`, the base of every task). Until then it holds a lease: when
the lease runs out, `relay_outbox` (Celery beat, every 10 seconds) sends the
task again. So a task is lost neither when Redis is down at the commit, nor
when Redis is restarted empty or evicts it, nor when the worker running it is
killed: every task runs at least once. A copy that arrives after another has
started or finished does nothing, and the tasks are once-only by their own
rows besides (engagement/core/notifications.py).
"""

import logging
from datetime import timedelta

from celery import Task
from celery.exceptions import Retry
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from engagement.celery import app

from .models import QueuedTask
from .retries import DATABASE_ERRORS, keep_trying

logger = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, ConnectionError, OSError)
TASK_ID_PREFIX = "outbox-"
# A task sent but not started after this long is taken to be lost by Redis and sent again.
REDELIVER_AFTER = timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER)
# Leaves the commit's own dispatch the first go at a new row.
RELAY_AFTER = timedelta(seconds=10)
# A started task past its hard time limit has been ended by Celery; this covers the clocks' drift.
LEASE_MARGIN = timedelta(seconds=15)


def enqueue(task, *args):
    queued = QueuedTask.objects.create(task=task.name, args=list(args))
    transaction.on_commit(lambda: dispatch(queued.pk))
    return queued


def dispatch(queued_id: int) -> bool:
    """Send one queued task to Celery; True if it went. Claimed first, so it is sent by one caller only."""
    now = timezone.now()
    due = Q(dispatched_at=None) | Q(lease_until__lt=now)
    claimed = QueuedTask.objects.filter(due, pk=queued_id, done_at=None).update(
        dispatched_at=now, started_at=None, lease_until=now + REDELIVER_AFTER
    )
    if claimed != 1:
        return False
    queued = QueuedTask.objects.get(pk=queued_id)
    try:
        # retry=False: fail at once when the broker is down; the relay tries again later.
        app.tasks[queued.task].apply_async(args=queued.args, task_id=f"{TASK_ID_PREFIX}{queued.pk}", retry=False)
    except BROKER_ERRORS as error:
        logger.warning("Could not queue %s, will retry: %s", queued, error)
        QueuedTask.objects.filter(pk=queued_id).update(
            dispatched_at=None, lease_until=None, attempts=F("attempts") + 1, last_error=str(error)[:1000]
        )
        return False
    except Exception as error:
        if not app.conf.task_always_eager:
            raise
        # In-process (no REDIS_URL: a demo) the task has just run here, inside the request that saved its
        # data, and failed or asked to be retried. On a worker that is the task's own business, never the
        # request's: so here too, it is logged, not an error page. A retried task's row stays leased
        # (OutboxTask.release), so the relay sends it again.
        logger.warning("%s failed in-process and will be sent again if it is retried: %s", queued, error)
        return False
    return True


def relay(older_than: timedelta = RELAY_AFTER) -> int:
    """Send what could not be sent when it was saved, and again what was sent but not done in time.
    Returns how many went."""
    now = timezone.now()
    due = QueuedTask.objects.filter(done_at=None).filter(
        Q(dispatched_at=None, created__lt=now - older_than) | Q(lease_until__lt=now)
    )
    return sum(dispatch(pk) for pk in due.values_list("pk", flat=True)[:500])


def queued_id_of(task_id: str | None) -> int | None:
    if task_id and task_id.startswith(TASK_ID_PREFIX):
        return int(task_id.removeprefix(TASK_ID_PREFIX))
    return None


def start(queued_id: int, run_limit: timedelta) -> bool:
    """Take the row for this run; False if another copy has started it or it is done."""
    now = timezone.now()
    return (
        QueuedTask.objects.filter(pk=queued_id, done_at=None, started_at=None).update(
            started_at=now, lease_until=now + run_limit + LEASE_MARGIN
        )
        == 1
    )


def finish(queued_id: int, error: Exception | None = None) -> None:
    # Kept trying: a task done but not marked so would run again after its lease.
    keep_trying(
        lambda: QueuedTask.objects.filter(pk=queued_id).update(
            done_at=timezone.now(),
            lease_until=None,
            last_error=f"{type(error).__name__}: {error}"[:1000] if error else "",
        )
    )


class OutboxTask(Task):
    """The base of every task (engagement/celery.py).

    A copy sent through the outbox takes its row before running, so a second
    copy does nothing, and marks it done when it finishes, so the relay stops
    sending it. Database errors are retried with a growing wait, so a
    PostgreSQL restart delays work instead of failing it.
    """

    autoretry_for = DATABASE_ERRORS
    retry_backoff = 2
    retry_backoff_max = 120
    max_retries = 10

    def __call__(self, *args, **kwargs):
        queued_id = queued_id_of(self.request.id)
        if queued_id is None:
            return super().__call__(*args, **kwargs)
        try:
            if not start(queued_id, self.run_limit()):
                return None
        except DATABASE_ERRORS as error:
            raise self.retry(
                exc=error,
                countdown=get_exponential_backoff_interval(
                    self.retry_backoff, self.request.retries, self.retry_backoff_max, full_jitter=True
                ),
            ) from error
        try:
            result = super().__call__(*args, **kwargs)
        except Retry:
            raise
        except Exception as error:
            finish(queued_id, error)
            raise
        finish(queued_id)
        return result

    def retry(self, *args, countdown=None, eta=None, **kwargs):
        queued_id = queued_id_of(self.request.id)
        if queued_id is not None:
            self.release(queued_id, countdown, eta)
        return super().retry(*args, countdown=countdown, eta=eta, **kwargs)

    def release(self, queued_id, countdown, eta):
        """Free the row for the retried copy, leased until a while after it is due."""
        due = eta or timezone.now() + timedelta(seconds=self.default_retry_delay if countdown is None else countdown)
        try:
            QueuedTask.objects.filter(pk=queued_id).update(started_at=None, lease_until=due + REDELIVER_AFTER)
        except DATABASE_ERRORS as error:
            # The retried copy will find the row taken and stop; the relay sends it again when the lease ends.
            logger.warning("Could not free %s for its retry: %s", queued_id, error)

    def run_limit(self):
        return timedelta(seconds=self.time_limit or self.app.conf.task_time_limit or 3600)
