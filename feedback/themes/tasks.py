from celery import shared_task

from . import jobs


@shared_task(time_limit=jobs.TIME_LIMIT, soft_time_limit=jobs.SOFT_TIME_LIMIT)
def find_themes(run_id):
    """Suggest themes for one run's texts (jobs.py)."""
    jobs.find(run_id)
