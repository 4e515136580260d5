"""Expense e-mails: the claimant hears about every status change, once.

Planning records one Notification per change (the event's id is in its name),
so a repeated or retried task finds it planned or sent and sends nothing twice.
"""

from smtplib import SMTPException

from celery import shared_task

from engagement.core import notifications

from . import emails
from .models import ClaimEvent


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, OSError, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_expense_email(self, notification_id):
    notifications.deliver(notification_id, emails.send_for_notification)


@shared_task
def announce_status(event_id):
    """Queued by the claim's workflow after the change commits."""
    event = ClaimEvent.objects.select_related("claim__claimant").get(pk=event_id)
    ids = notifications.plan(event.claim, f"status-{event.pk}", [event.claim.claimant])
    for notification_id in ids:
        send_expense_email.delay(notification_id)
    return len(ids)
