"""Expense e-mails: one template set, worded for the status the claim has moved to."""

from django.conf import settings

from engagement.core.emails import send_templated_email

from .models import ClaimEvent, ExpenseClaim

HEADLINES = {
    ExpenseClaim.Status.SUBMITTED: "we have received it",
    ExpenseClaim.Status.QUERIED: "we have a question",
    ExpenseClaim.Status.APPROVED: "approved",
    ExpenseClaim.Status.REJECTED: "we cannot pay it",
    ExpenseClaim.Status.PAID: "paid",
}


def send_late_acceptance(notification):
    """Staff accepted a claim after the deadline (event "accepted-late"); registered in apps.py."""
    claim = ExpenseClaim.objects.get(pk=notification.object_id)
    send_templated_email(
        "expense_accepted_late",
        [notification.user.email],
        {"user": notification.user, "claim": claim, "claim_url": settings.SITE_URL + claim.get_absolute_url()},
    )


def send_status(notification):
    """A claim's status has changed (event "status-<ClaimEvent id>"); registered in apps.py."""
    event_id = int(notification.event.removeprefix("status-"))
    event = ClaimEvent.objects.get(pk=event_id, claim_id=notification.object_id)
    claim = ExpenseClaim.objects.with_totals().select_related("group", "meeting").get(pk=notification.object_id)
    send_templated_email(
        "expense_status",
        [notification.user.email],
        {
            "user": notification.user,
            "claim": claim,
            "event": event,
            "headline": HEADLINES[event.to_status],
            "claim_url": settings.SITE_URL + claim.get_absolute_url(),
        },
    )
