"""Expense records' part of the retention schedule (engagement/core/retention.py runs it nightly)."""

from django.conf import settings
from django.db import transaction

from engagement.core.dates import add_months

from .models import ClaimLine, ExpenseClaim


def apply(now, today):
    # Kept for the legal period (HMRC: six years), counted from the activity, then deleted with
    # their receipts. Only claims that are finished. Counted in months so that 29 February goes
    # back to 28 February instead of to a date that does not exist.
    cutoff = add_months(today, -12 * settings.EXPENSE_RETENTION_YEARS)
    old_claims = ExpenseClaim.objects.filter(
        activity_date__lt=cutoff, status__in=[ExpenseClaim.Status.PAID, ExpenseClaim.Status.REJECTED]
    )
    receipts = list(
        ClaimLine.objects.filter(claim__in=old_claims).exclude(receipt="").values_list("receipt", flat=True)
    )
    claims, _ = old_claims.delete()
    transaction.on_commit(lambda: [ClaimLine.receipt.field.storage.delete(name) for name in receipts])
    return {"expense records": claims}
