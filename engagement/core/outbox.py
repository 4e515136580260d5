"""Queue Celery tasks through the database so that nothing is lost while Redis is unavailable.

`enqueue` records the task in the current transaction and sends it to Celery
once the transaction commits. If sending fails, the row stays undispatched and
`relay_outbox` (Celery beat, every minute) sends it later.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from engagement.celery import app

from .models import QueuedTask

logger = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, ConnectionError, OSError)


def enqueue(task, *args):
    queued = QueuedTask.objects.create(task=task.name, args=list(args))
    transaction.on_commit(lambda: dispatch(queued.pk))
    return queued


def dispatch(queued_id):
    """Send one queued task to Celery; True if it went. Claimed first, so it is sent by one caller only."""
    now = timezone.now()
    if QueuedTask.objects.filter(pk=queued_id, dispatched_at=None).update(dispatched_at=now) != 1:
        return False
    queued = QueuedTask.objects.get(pk=queued_id)
    try:
        # retry=False: fail at once when the broker is down; the relay tries again later.
        app.tasks[queued.task].apply_async(args=queued.args, retry=False)
    except BROKER_ERRORS as error:
        logger.warning("Could not queue %s, will retry: %s", queued, error)
        QueuedTask.objects.filter(pk=queued_id).update(
            dispatched_at=None, attempts=queued.attempts + 1, last_error=str(error)[:1000]
        )
        return False
    return True


def relay(older_than=timedelta(seconds=30)):
    """Send everything still waiting; returns how many went."""
    waiting = QueuedTask.objects.filter(dispatched_at=None, created__lt=timezone.now() - older_than)
    return sum(dispatch(pk) for pk in waiting.values_list("pk", flat=True)[:500])
