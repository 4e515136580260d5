from celery import shared_task

from . import services


@shared_task
def run_yearly_reviews():
    """Celery beat, daily (engagement/core/schedules.py): ask members to review their interests, and chase."""
    return services.run_yearly_reviews()
