from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from engagement.core import outbox

from . import emails, imports, invitations, twostep
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


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def send_two_step_link(user_id):
    user = User.objects.filter(pk=user_id, is_active=True, is_staff=True).first()
    if user is not None:
        emails.send_two_step_link(user, twostep.set_up_link(user))


def queue_two_step_link(user):
    outbox.enqueue(send_two_step_link, user.pk)


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def send_password_reset(user_id):
    user = User.objects.filter(pk=user_id, is_active=True).first()
    # Checked again here: the password may have been made unusable (or the person erased) since.
    if user is not None and user.has_usable_password():
        emails.send_password_reset(user)


@shared_task(time_limit=imports.TIME_LIMIT, soft_time_limit=imports.SOFT_TIME_LIMIT)
def check_import(job_id):
    """Read and check every row of an uploaded import file, changing nothing (members/imports.py)."""
    imports.check(job_id)


@shared_task(time_limit=imports.TIME_LIMIT, soft_time_limit=imports.SOFT_TIME_LIMIT)
def run_import(job_id):
    """Import a checked file the importer has confirmed: every row, or none (members/imports.py)."""
    imports.run(job_id)


def queue_import_check(job):
    outbox.enqueue(check_import, job.pk)


def queue_import(job):
    outbox.enqueue(run_import, job.pk)
