"""The retention schedule (README, "Retention"): personal data is deleted when it is no longer needed.

Run daily by Celery beat (members.tasks.apply_retention and
members.tasks.expire_generated_documents). Recruitment has its own schedule
for applications (members.recruitment).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import documents, imports
from .dates import add_months
from .models import FormSubmission, Notification, QueuedTask


@transaction.atomic
def apply(today=None):
    """Delete what has passed its retention period; returns how many of each were deleted."""
    from members.expenses.models import ClaimLine, ExpenseClaim

    now = timezone.now()
    today = today or timezone.localdate()
    # Expense records are kept for the legal period (HMRC: six years), counted from the
    # activity, then deleted with their receipts. Only claims that are finished. Counted in
    # months so that 29 February goes back to 28 February instead of to a date that does not exist.
    cutoff = add_months(today, -12 * settings.EXPENSE_RETENTION_YEARS)
    old_claims = ExpenseClaim.objects.filter(
        activity_date__lt=cutoff, status__in=[ExpenseClaim.Status.PAID, ExpenseClaim.Status.REJECTED]
    )
    receipts = list(ClaimLine.objects.filter(claim__in=old_claims).exclude(receipt="").values_list("receipt", flat=True))
    claims, _ = old_claims.delete()
    transaction.on_commit(lambda: [ClaimLine.receipt.field.storage.delete(name) for name in receipts])
    notifications, _ = Notification.objects.filter(
        created__lt=now - timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    ).delete()
    queued, _ = QueuedTask.objects.filter(dispatched_at__lt=now - timedelta(days=30)).delete()
    # A form is sent twice within minutes (a double click, a resend); a month is ample.
    forms, _ = FormSubmission.objects.filter(created__lt=now - timedelta(days=30)).delete()
    # Imports: the uploaded file (people's details) and its row-by-row problems, a few days after upload.
    import_jobs = imports.delete_expired(now)
    return {
        "expense records": claims, "e-mail records": notifications, "sent tasks": queued, "sent forms": forms,
        "imports": import_jobs,
    }


def expire_generated_documents():
    """Delete generated PDFs past their period. Not in apply(): files are not part of a database
    transaction, and one still wanted is simply built again."""
    cutoff = timezone.now() - timedelta(days=settings.GENERATED_DOCUMENT_RETENTION_DAYS)
    return {"generated documents": documents.delete_generated(before=cutoff)}
