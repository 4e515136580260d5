from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from . import emails
from .models import Invitation


@shared_task(
    bind=True,
    autoretry_for=(SMTPException, OSError, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_survey_invitation(self, invitation_id):
    """E-mail one person their private survey link, once.

    Claimed before sending, so a repeated or doubled task cannot send it twice;
    released if sending fails, so the retry can.
    """
    claimed = Invitation.objects.filter(pk=invitation_id, emailed_at=None, used_at=None).update(
        emailed_at=timezone.now()
    )
    if claimed != 1:
        return False
    invitation = Invitation.objects.select_related("survey").get(pk=invitation_id)
    try:
        emails.send_survey_invitation(invitation)
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(emailed_at=None)
        raise
    return True
