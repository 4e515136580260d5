"""Once-only e-mail delivery, enforced by the database.

`plan` records who should hear about an event (one row per person, whatever
happens later); `deliver` claims one row atomically, sends, and records the
result. A retried, repeated or concurrent task finds the row claimed or sent
and does nothing, so no one gets the same e-mail twice.

Which e-mail a row stands for is looked up in a registry that each app fills
in its AppConfig.ready(): `register(Model, "event", send)`, where an event
ending in "*" stands for every event that starts with the text before it
("reminder-*" for reminder-7 and reminder-1). One Celery task,
engagement.core.tasks.deliver_notification, sends them all.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone

from .models import Notification

# A worker that died mid-send leaves its claim behind; after this long another may take it.
STALE_CLAIM = timedelta(minutes=10)


_senders = {}


class NotWanted(Exception):
    """Raised by a sender when the e-mail is no longer wanted (the account was closed since it was planned)."""


def register(model, event, send):
    """Make send(notification) the e-mail for `event` on a `model` record."""
    key = (model._meta.label_lower, event)
    if key in _senders and _senders[key] is not send:
        raise ValueError(f"Two e-mails registered for {key}")
    _senders[key] = send


def sender_for(notification):
    model = notification.content_type.model_class()._meta.label_lower
    event = notification.event
    if (model, event) in _senders:
        return _senders[(model, event)]
    prefixes = [key for key in _senders if key[0] == model and key[1].endswith("*") and event.startswith(key[1][:-1])]
    if not prefixes:
        raise LookupError(f"No e-mail registered for {event!r} on {model}")
    return _senders[max(prefixes, key=lambda key: len(key[1]))]


def plan(obj, event, users, whatever_their_preference=False):
    """Record that each person should be told about `event` on `obj`; return the ids still to send.

    People who asked for post or phone are left out, except for e-mails about their account
    itself (an invitation, a password reset): those go by e-mail whatever their preference.
    """
    content_type = ContentType.objects.get_for_model(obj)
    emailable = [user for user in users if whatever_their_preference or user.wants_email]
    Notification.objects.bulk_create(
        [Notification(user=user, content_type=content_type, object_id=obj.pk, event=event) for user in emailable],
        ignore_conflicts=True,
    )
    return list(
        Notification.objects.filter(content_type=content_type, object_id=obj.pk, event=event, user__in=emailable)
        .exclude(status=Notification.Status.SENT)
        .values_list("pk", flat=True)
    )


def plan_to_subject(obj, event):
    """Record that the address `obj` itself holds (an applicant, a survey invitee, a project's lead:
    people with no account) should be told about `event`; return the id if it is still to send."""
    content_type = ContentType.objects.get_for_model(obj)
    Notification.objects.bulk_create(
        [Notification(user=None, content_type=content_type, object_id=obj.pk, event=event)], ignore_conflicts=True
    )
    return list(
        Notification.objects.filter(content_type=content_type, object_id=obj.pk, event=event, user=None)
        .exclude(status=Notification.Status.SENT)
        .values_list("pk", flat=True)
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


def deliver(notification_id, send=None):
    """Claim, call send(notification) (the registered e-mail unless given), record the outcome.
    Re-raises a failure so the task can retry."""
    notification = claim(notification_id)
    if notification is None:
        return False
    send = send or sender_for(notification)
    try:
        send(notification)
    except NotWanted as reason:
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.NOT_SENT, last_error=f"Not sent: {reason}"[:2000]
        )
        return False
    except Exception as error:
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True
