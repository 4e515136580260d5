"""Once-only e-mail delivery, enforced by the database.

`plan` records who should hear about an event (one row per person, whatever
happens later); `deliver` claims one row atomically, sends, and records the
result. A retried, repeated or concurrent task finds the row claimed or sent
and does nothing, so no one gets the same e-mail twice.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone

from .models import Notification

# A worker that died mid-send leaves its claim behind; after this long another may take it.
STALE_CLAIM = timedelta(minutes=10)


def plan(obj, event, users):
    """Record that each e-mailable person should be told about `event` on `obj`; return the ids still to send."""
    content_type = ContentType.objects.get_for_model(obj)
    emailable = [user for user in users if user.wants_email]
    Notification.objects.bulk_create(
        [Notification(user=user, content_type=content_type, object_id=obj.pk, event=event) for user in emailable],
        ignore_conflicts=True,
    )
    return list(
        Notification.objects.filter(
            content_type=content_type, object_id=obj.pk, event=event, user__in=emailable
        ).exclude(status=Notification.Status.SENT).values_list("pk", flat=True)
    )


def claim(notification_id):
    """Take the notification for sending, or return None if it is sent or another worker has it."""
    now = timezone.now()
    claimable = Q(status__in=[Notification.Status.PENDING, Notification.Status.FAILED]) | Q(
        status=Notification.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    taken = Notification.objects.filter(claimable, pk=notification_id).update(
        status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if taken != 1:
        return None
    return Notification.objects.select_related("user", "content_type").get(pk=notification_id)


def deliver(notification_id, send):
    """Claim, call send(notification), record the outcome. Re-raises a failure so the task can retry."""
    notification = claim(notification_id)
    if notification is None:
        return False
    try:
        send(notification)
    except Exception as error:
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True
