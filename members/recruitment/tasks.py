"""The daily deletion of old applications (recruitment e-mails go through engagement.core.tasks)."""

from celery import shared_task

from . import retention


@shared_task
def delete_expired_applications():
    """Celery beat, daily."""
    return sum(record.deleted for record in retention.delete_expired_applications())
