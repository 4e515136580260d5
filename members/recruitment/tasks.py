"""Recruitment e-mails and the daily deletion of old applications.

E-mail tasks claim their row before sending (a timestamp set only if still
empty), so a retried, repeated or doubled task cannot send twice.
"""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from . import emails, retention
from .models import Application, OutcomeEmail

RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


@shared_task(**RETRY)
def send_confirmation(application_id):
    applications = Application.objects.filter(pk=application_id)
    if applications.filter(confirmation_sent_at=None).update(confirmation_sent_at=timezone.now()) != 1:
        return
    try:
        emails.send_confirmation(applications.select_related("round__group").get())
    except Exception:
        # Give the claim back so the retry can send.
        applications.update(confirmation_sent_at=None)
        raise


@shared_task(**RETRY)
def send_not_appointed_email(outcome_email_id):
    outcome = OutcomeEmail.objects.filter(pk=outcome_email_id)
    if outcome.filter(sent_at=None).update(sent_at=timezone.now()) != 1:
        return
    try:
        emails.send_not_appointed(outcome.select_related("application", "round").get())
    except Exception:
        outcome.update(sent_at=None)
        raise


@shared_task
def delete_expired_applications():
    """Celery beat, daily."""
    return sum(record.deleted for record in retention.delete_expired_applications())
