"""The daily reminder to staff before training or a DBS check runs out.

Planned as one notification per staff member per record per expiry date (the event names the date), so a
second run the same day, or the next day, sends nothing again; a record renewed to a new date reminds again.
"""

from celery import shared_task

from engagement.core import notifications
from engagement.core.dates import local_today
from engagement.core.tasks import send_notifications
from members.roles import engagement_staff

from .models import DbsCheck, TrainingRecord


@shared_task
def remind_staff_of_expiring_records():
    """Celery beat, daily (engagement/core/schedules.py)."""
    today = local_today()
    staff = list(engagement_staff())
    ids = []
    for model in (TrainingRecord, DbsCheck):
        for record in model.objects.expiring(today).filter(user__is_active=True):
            ids += notifications.plan(record, f"expiring-{record.expires.isoformat()}", staff)
    return send_notifications(ids)
