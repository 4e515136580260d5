"""The reminder before an event, on a schedule (engagement/core/schedules.py). Each reminder is a
once-only notification on the registration, so a second run, or two at once, sends nothing more."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from engagement.core import notifications
from engagement.core.tasks import send_notifications

from .models import Registration

REMINDER_BEFORE = timedelta(days=2)
# Due from two days before until a day after that, so a beat outage of less than a day still sends it,
# but someone who signs up the day before is not reminded straight after their confirmation.
REMINDER_WINDOW = timedelta(days=1)


def reminder_event(registration: Registration) -> str:
    # Keyed on the start, so a moved event reminds people again, once.
    return f"reminder-{registration.event.start:%Y%m%dT%H%M}"


@shared_task
def send_event_reminders():
    """Remind everyone with a place (and an e-mail address) at an event starting in about two days."""
    now = timezone.now()
    due = (
        Registration.objects.filter(
            status=Registration.Status.COMING,
            event__cancelled_at=None,
            event__start__gt=now + REMINDER_BEFORE - REMINDER_WINDOW,
            event__start__lte=now + REMINDER_BEFORE,
        )
        .exclude(email="")
        .select_related("event")
    )
    return send_notifications(
        [
            nid
            for registration in due
            for nid in notifications.plan_to_subject(registration, reminder_event(registration))
        ]
    )
