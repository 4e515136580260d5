"""Expense e-mails: the claimant hears about every status change, once.

Planning records one Notification per change (the event's id is in its name),
so a repeated or retried task finds it planned or sent and sends nothing twice.
"""

from celery import shared_task

from engagement.core import notifications
from engagement.core.tasks import send_notifications

from .models import ClaimEvent, ExpenseClaim


@shared_task
def announce_status(event_id):
    """Queued by the claim's workflow after the change commits."""
    event = ClaimEvent.objects.select_related("claim__claimant").get(pk=event_id)
    return send_notifications(notifications.plan(event.claim, f"status-{event.pk}", [event.claim.claimant]))


@shared_task
def announce_late_acceptance(claim_id):
    """Queued when staff accept a claim after the deadline: the member can now submit it. Once per claim."""
    claim = ExpenseClaim.objects.select_related("claimant").get(pk=claim_id)
    return send_notifications(notifications.plan(claim, "accepted-late", [claim.claimant]))
