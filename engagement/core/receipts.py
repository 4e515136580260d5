"""What became of each message sent through GOV.UK Notify: its delivery receipts, recorded on its row.

Notify posts a receipt to `callback` when a message is delivered or fails, if the service's
callback is set up (README, "GOV.UK Notify"). `poll` (Celery beat, every 10 minutes) asks Notify
about the messages it has not reported on, so a receipt that never arrived (no callback set up, the
site down when Notify called) is still recorded. Messages that did not reach their person are on the
staff's page of failed messages (failed_emails.py).
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import notify
from .models import Notification

logger = logging.getLogger(__name__)

# Notify keeps a message's details for 7 days; after that there is nothing to ask for.
POLL_FOR = timedelta(days=7)
# Messages asked about per run, oldest check first, so a large send is caught up over a few runs.
POLL_BATCH = 200
# Our mark for a message Notify says it does not have: it will have nothing more to say about it.
NOT_FOUND = "not-found"


def record(provider_id: str, reference: str, status: str) -> int:
    """Record Notify's status on the message it has under this id; how many rows that was (0 or 1).
    Matched by the reference (Notification.reference) too: the receipt can come before the row records
    Notify's id. A late receipt for a message sent again since matches neither: its id and reference are the
    earlier sending's."""
    match = Q(provider_id=provider_id)
    if (same := Notification.with_reference(reference)) is not None:
        match |= same & Q(provider_id="")
    return Notification.objects.filter(match).update(
        provider_id=provider_id, delivery_status=status[:30], delivery_checked_at=timezone.now()
    )


@csrf_exempt  # Notify cannot hold a CSRF token; the bearer token proves the receipt is Notify's.
@require_POST
def callback(request):
    expected = settings.NOTIFY_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "")
    if not expected or not constant_time_compare(given, f"Bearer {expected}"):
        return HttpResponseForbidden()
    try:
        receipt = json.loads(request.body)
        provider_id, status = str(receipt["id"]), str(receipt["status"])
        reference = str(receipt.get("reference") or "")
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest()
    record(provider_id, reference, status)
    return HttpResponse(status=204)


def waiting():
    """Messages Notify has taken and not yet finished with, recent enough for Notify to know them."""
    return (
        Notification.objects.filter(status=Notification.Status.SENT, sent_at__gte=timezone.now() - POLL_FOR)
        .exclude(provider_id="")
        .exclude(delivery_status__in=[*notify.FINAL, NOT_FOUND])
    )


def poll() -> int:
    """Ask Notify about each message still waiting for a final status; how many were checked."""
    if not notify.enabled():
        return 0
    checked = 0
    oldest_check_first = [F("delivery_checked_at").asc(nulls_first=True), "pk"]
    for pk, provider_id in waiting().order_by(*oldest_check_first).values_list("pk", "provider_id")[:POLL_BATCH]:
        try:
            status = notify.status(provider_id)
        except notify.Unavailable as error:
            logger.warning("Could not ask GOV.UK Notify about message %s; the next run will: %s", pk, error)
            break
        except notify.Refused as error:  # Notify no longer has it: it will not have more to say
            logger.warning("GOV.UK Notify has no message %s: %s", provider_id, error)
            status = NOT_FOUND
        # Only if it is still that message: staff may have had it sent again meanwhile (failed_emails.try_again).
        Notification.objects.filter(pk=pk, provider_id=provider_id).update(
            delivery_status=status, delivery_checked_at=timezone.now()
        )
        checked += 1
    return checked
