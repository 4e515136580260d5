"""Deleting unsuccessful applications after the retention period set for the deployment."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagement.core.dates import add_months

from .models import Application, RetentionRecord, Round


def delete_expired_applications(today=None):
    """Delete unsuccessful applications (and their answers, scores and history) once the retention period is over.

    Runs per round, leaving a record with the count and no personal data.
    Appointed applications are kept: they explain how a member was chosen.
    """
    today = today or timezone.localdate()
    closed_before = add_months(today, -settings.RECRUITMENT_RETENTION_MONTHS)
    expired = Application.objects.expired_unsuccessful(closed_before)
    records = []
    for round in Round.objects.filter(pk__in=expired.values("round")):
        with transaction.atomic():
            _, per_model = expired.filter(round=round).delete()
            deleted = per_model.get(Application._meta.label, 0)
            if deleted:
                records.append(RetentionRecord.objects.create(round=round, round_title=round.title, deleted=deleted))
    return records
