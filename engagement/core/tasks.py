import socket
from smtplib import SMTPException

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from . import documents, imports, notifications, notify, outbox, receipts, retention
from .retries import DATABASE_ERRORS


# Not retried: the next run, ten seconds later, is the retry.
@shared_task(autoretry_for=())
def relay_outbox():
    """Celery beat, every 10 seconds: send tasks that could not be queued when they were made,
    and again those sent but not done in time (lost by Redis or by a killed worker)."""
    return outbox.relay()


@shared_task
def apply_retention():
    """Celery beat, daily: delete personal data past its retention period (engagement/core/retention.py)."""
    return retention.apply()


@shared_task
def expire_generated_documents():
    """Celery beat, daily: delete generated PDFs past their retention period."""
    return retention.expire_generated_documents()


@shared_task
def delete_generated_documents():
    """After a person is erased: any generated PDF may show their name, and all are rebuilt on demand."""
    return documents.delete_generated()


# Worth trying again later: the mail server, GOV.UK Notify, the network or the database, not a mistake in
# the code; or another worker holding the message, which may die before sending it.
DELIVERY_ERRORS = (
    SMTPException,
    notify.Unavailable,
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    SoftTimeLimitExceeded,
    notifications.Held,
    *DATABASE_ERRORS,
)


@shared_task(
    autoretry_for=DELIVERY_ERRORS,
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
    time_limit=notifications.SEND_TIME_LIMIT,
    soft_time_limit=notifications.SEND_TIME_LIMIT - 5,
)
def deliver_notification(notification_id):
    """The one task that sends an e-mail: the one a Notification stands for, once (core/notifications.py)."""
    return notifications.deliver(notification_id)


# Not retried: the next run is the retry.
@shared_task(autoretry_for=())
def check_deliveries():
    """Celery beat, every 10 minutes: ask GOV.UK Notify what became of the messages it has not yet
    reported on by its callback (receipts.py)."""
    return receipts.poll()


def send_notifications(notification_ids):
    """Queue each planned e-mail through the outbox, so none is lost if Redis is down when it is planned."""
    for notification_id in notification_ids:
        outbox.enqueue(deliver_notification, notification_id)
    return len(notification_ids)


@shared_task(time_limit=imports.TIME_LIMIT, soft_time_limit=imports.SOFT_TIME_LIMIT)
def check_import(job_id):
    """Read and check every row of an uploaded import file, changing nothing (imports.py)."""
    imports.check(job_id)


@shared_task(time_limit=imports.TIME_LIMIT, soft_time_limit=imports.SOFT_TIME_LIMIT)
def run_import(job_id):
    """Import a checked file the importer has confirmed: every row, or none (imports.py)."""
    imports.run(job_id)


def queue_import_check(job):
    outbox.enqueue(check_import, job.pk)


def queue_import(job):
    outbox.enqueue(run_import, job.pk)
