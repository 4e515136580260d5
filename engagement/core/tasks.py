from celery import shared_task

from . import documents, outbox, retention


@shared_task
def relay_outbox():
    """Celery beat, every minute: send tasks that could not be queued when they were made."""
    return outbox.relay()


@shared_task
def apply_retention():
    """Celery beat, daily: delete personal data past its retention period (engagement/core/retention.py)."""
    return retention.apply()


@shared_task
def expire_generated_documents():
    """Celery beat, daily: delete generated PDFs past their retention period."""
    return retention.expire_generated_documents()


@shared_task
def delete_generated_documents():
    """After a person is erased: any generated PDF may show their name, and all are rebuilt on demand."""
    return documents.delete_generated()
