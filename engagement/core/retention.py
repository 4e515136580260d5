"""The retention schedule (README, "Retention"): personal data is deleted when it is no longer needed.

Each app that keeps records past their use has a `retention.py` module with
    apply(now, today) -> {"what was deleted": how many}
found the way `privacy.py` modules are, so core names no domain app. All of it
runs in one transaction, every night, from Celery beat (engagement/core/schedules.py).
"""

import importlib
import importlib.util
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import documents, imports
from .models import FormSubmission, Notification, QueuedTask


def _app_modules():
    for config in apps.get_app_configs():
        name = f"{config.name}.retention"
        if config.name != __package__ and importlib.util.find_spec(name):
            module = importlib.import_module(name)
            if hasattr(module, "apply"):
                yield module


@transaction.atomic
def apply(today=None):
    """Delete what has passed its retention period; returns how many of each were deleted."""
    now = timezone.now()
    today = today or timezone.localdate()
    notifications, _ = Notification.objects.filter(
        created__lt=now - timedelta(days=settings.NOTIFICATION_RETENTION_DAYS)
    ).delete()
    queued, _ = QueuedTask.objects.filter(dispatched_at__lt=now - timedelta(days=30)).delete()
    # A form is sent twice within minutes (a double click, a resend); a month is ample.
    forms, _ = FormSubmission.objects.filter(created__lt=now - timedelta(days=30)).delete()
    counts = {
        "e-mail records": notifications,
        "sent tasks": queued,
        "sent forms": forms,
        # Imports: the uploaded file (people's details) and its row-by-row problems, a few days after upload.
        "imports": imports.delete_expired(now),
    }
    for module in _app_modules():
        counts.update(module.apply(now=now, today=today))
    return counts


def expire_generated_documents():
    """Delete generated PDFs past their period. Not in apply(): files are not part of a database
    transaction, and one still wanted is simply built again."""
    cutoff = timezone.now() - timedelta(days=settings.GENERATED_DOCUMENT_RETENTION_DAYS)
    return {"generated documents": documents.delete_generated(before=cutoff)}
