from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from . import emails, invitations, outbox, retention
from .models import User


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def send_invitation(user_id):
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    # A new invitation time makes any earlier invitation link stop working.
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    emails.send_invitation(user, invitations.make_token(user))


def queue_invitation(user):
    """Send the invitation once the transaction that created the person commits."""
    outbox.enqueue(send_invitation, user.pk)


@shared_task
def relay_outbox():
    """Celery beat, every minute: send tasks that could not be queued when they were made."""
    return outbox.relay()


@shared_task
def apply_retention():
    """Celery beat, daily: delete personal data past its retention period (members/retention.py)."""
    return retention.apply()
