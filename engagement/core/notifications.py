"""Once-only delivery of e-mails, text messages and letters, enforced by the database.

`plan` records who should hear about an event, and how (one row per person and
channel, whatever happens later: engagement/core/channels.py); `deliver` claims
one row atomically, sends, and records the result. A retried, repeated or
concurrent task finds the row claimed or sent and does nothing, so no one gets
the same message twice. Letters wait for staff approval before they can be
claimed (engagement/core/letter_approval.py).

The row also records the moment the message is handed to the mail server or to
GOV.UK Notify. If the worker or the database goes away after that and before
"sent" is recorded, the message may or may not have gone. Notify holds every
message under its row's reference (Notification.reference), so the next attempt asks Notify
first: found, the row is marked sent; not found, it is sent. A mail server
cannot be asked, so its row becomes "unknown" for staff to check, rather than
being sent again. A row that was never handed over is sent again. So each
message goes at most once, and one that cannot be known to have gone is shown
to staff instead of being lost silently.

Which e-mail a row stands for is looked up in a registry that each app fills
in its AppConfig.ready(): `register(Model, "event", send)`, where an event
ending in "*" stands for every event that starts with the text before it
("reminder-*" for reminder-7 and reminder-1). One Celery task,
engagement.core.tasks.deliver_notification, sends them all.
"""

import logging
from collections.abc import Callable
from datetime import timedelta
from smtplib import SMTPRecipientsRefused, SMTPResponseException

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone

from . import channels, notify
from .emails import NotWanted, delivering, handing_over
from .models import Notification
from .retries import keep_trying

logger = logging.getLogger(__name__)

# The delivery task's hard time limit (engagement/core/tasks.py), in seconds: a mail server timeout (20 s) and some.
SEND_TIME_LIMIT = 30
# A claim older than the time limit belongs to no live worker: Celery has ended it.
STALE_CLAIM = timedelta(seconds=SEND_TIME_LIMIT + 10)
# Errors after the message was handed over that leave it unknown whether the server accepted it: the
# connection dropped or timed out (SMTPException is an OSError), or the task's time ran out mid-conversation...
MAYBE_SENT = (OSError, SoftTimeLimitExceeded)
# ...except the server's answer refusing the message, which means it was not accepted.
REFUSED = (SMTPResponseException, SMTPRecipientsRefused)


_senders = {}


class Held(Exception):
    """Another worker is sending this e-mail: try again later, when it has finished or its claim has gone stale."""


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
    """Record that each person should be told about `event` on `obj`, by each channel that suits them;
    return the ids still to send.

    E-mail goes to people who asked for it, and to everyone for e-mails about their account itself
    (an invitation, a password reset); text messages and letters as channels.py chooses. Letters
    wait for staff approval, so their ids are not returned.
    """
    content_type = ContentType.objects.get_for_model(obj)
    ways = channels.chooser(obj._meta.label_lower, event, whatever_their_preference)
    wanted = {(user.pk, channel): user for user in users for channel in ways(user)}
    Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                content_type=content_type,
                object_id=obj.pk,
                event=event,
                channel=channel,
                status=Notification.Status.AWAITING_APPROVAL
                if channel == Notification.Channel.LETTER
                else Notification.Status.PENDING,
            )
            for (_, channel), user in wanted.items()
        ],
        ignore_conflicts=True,
    )
    planned = (
        Notification.objects.filter(
            content_type=content_type, object_id=obj.pk, event=event, user__in={pk for pk, _ in wanted}
        )
        .exclude(status__in=[Notification.Status.SENT, Notification.Status.AWAITING_APPROVAL])
        .values_list("pk", "user_id", "channel")
    )
    return [pk for pk, user_id, channel in planned if (user_id, channel) in wanted]


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


def _through_notify():
    """The channels GOV.UK Notify sends by, which can be asked whether it has a message."""
    email = [Notification.Channel.EMAIL] if notify.enabled() else []
    return [Notification.Channel.SMS, Notification.Channel.LETTER, *email]


def claim(notification_id: int) -> Notification | None:
    """Take the notification for sending, or return None if it is finished (sent, not wanted, unknown,
    waiting for approval). Raises Held while another worker has it.

    `handed_at` is kept: if it is set, an earlier attempt handed the message to Notify and did not
    hear back, and `deliver` asks Notify for it before sending it again."""
    now = timezone.now()
    stale = Q(status=Notification.Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    claimable = Q(status__in=[Notification.Status.PENDING, Notification.Status.FAILED]) | (
        stale & (Q(handed_at=None) | Q(channel__in=_through_notify()))
    )
    taken = Notification.objects.filter(claimable, pk=notification_id).update(
        status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if taken == 1:
        return Notification.objects.select_related("user", "content_type").get(pk=notification_id)
    # A worker that died, or lost the database, after handing the message to a mail server: it may have gone.
    unknown = (
        Notification.objects.filter(stale, pk=notification_id)
        .exclude(handed_at=None)
        .update(
            status=Notification.Status.UNKNOWN, last_error="Handed to the mail server; the answer was not recorded."
        )
    )
    if not unknown and Notification.objects.filter(pk=notification_id, status=Notification.Status.SENDING).exists():
        raise Held(notification_id)
    return None


def _record(notification, **fields):
    keep_trying(lambda: Notification.objects.filter(pk=notification.pk).update(**fields))


def _hand_over(notification):
    handed_at = timezone.now()
    _record(notification, handed_at=handed_at)
    notification.handed_at = handed_at


def deliver(notification_id: int, send: Callable[[Notification], None] | None = None) -> bool:
    """Claim, call send(notification) (the registered sender unless given), record the outcome.
    Re-raises a failure so the task can retry, unless the message may have gone by a mail server."""
    notification = claim(notification_id)
    if notification is None:
        return False
    send = send or sender_for(notification)
    try:
        if notification.handed_at is not None:
            if found := notify.find(notification.reference):
                _record(
                    notification,
                    status=Notification.Status.SENT,
                    sent_at=timezone.now(),
                    provider_id=found["id"],
                    delivery_status=found.get("status", ""),
                    last_error="",
                )
                return True
            _record(notification, handed_at=None)
            notification.handed_at = None
        with handing_over(lambda: _hand_over(notification)), delivering(notification):
            send(notification)
    except NotWanted as reason:
        _record(notification, status=Notification.Status.NOT_SENT, last_error=f"Not sent: {reason}"[:2000])
        return False
    except Exception as error:
        by_notify = notification.channel in _through_notify()
        if notification.handed_at is not None and by_notify and not isinstance(error, notify.Refused):
            # Kept as handed over: the retry asks Notify for it by its reference before sending it again.
            _record(
                notification, status=Notification.Status.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
            )
            raise
        if notification.handed_at is not None and isinstance(error, MAYBE_SENT) and not isinstance(error, REFUSED):
            logger.warning("Not known whether %s was sent: %s", notification, error)
            _record(
                notification,
                status=Notification.Status.UNKNOWN,
                last_error=f"Handed to the mail server, then {type(error).__name__}: {error}"[:2000],
            )
            return False
        _record(
            notification,
            status=Notification.Status.FAILED,
            handed_at=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    # Kept trying rather than retried: running the task again would send the message again.
    _record(
        notification,
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        provider_id=notification.provider_id,
        last_error="",
    )
    return True
