from celery import shared_task

from engagement.core import outbox

from . import imports


@shared_task(time_limit=imports.TIME_LIMIT, soft_time_limit=imports.SOFT_TIME_LIMIT)
def check_import(job_id):
    """Read and check every row of an uploaded import file, changing nothing (members/imports.py)."""
    imports.check(job_id)


@shared_task(time_limit=imports.TIME_LIMIT, soft_time_limit=imports.SOFT_TIME_LIMIT)
def run_import(job_id):
    """Import a checked file the importer has confirmed: every row, or none (members/imports.py)."""
    imports.run(job_id)


def queue_import_check(job):
    outbox.enqueue(check_import, job.pk)


def queue_import(job):
    outbox.enqueue(run_import, job.pk)
