"""The members app's part of the retention schedule (engagement/core/retention.py runs it nightly)."""

from datetime import timedelta

from . import imports
from .models import FormSubmission


def apply(now, today):
    # A form is sent twice within minutes (a double click, a resend); a month is ample.
    forms, _ = FormSubmission.objects.filter(created__lt=now - timedelta(days=30)).delete()
    # Imports: the uploaded file (people's details) and its row-by-row problems, a few days after upload.
    return {"sent forms": forms, "imports": imports.delete_expired(now)}
