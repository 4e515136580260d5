"""The calendar-driven tasks are scheduled in the database, where staff can see them in the admin."""

import pytest
from django_celery_beat.models import PeriodicTask

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "task, cron",
    [
        ("feedback.tasks.close_projects_past_their_date", ("5", "*", "*")),
        ("feedback.tasks.send_closing_reminders", ("0", "9", "*")),
        ("feedback.tasks.chase_overdue_responses", ("30", "9", "1")),
    ],
)
def test_the_task_is_scheduled(task, cron):
    scheduled = PeriodicTask.objects.select_related("crontab").get(task=task)
    assert scheduled.enabled
    assert (scheduled.crontab.minute, scheduled.crontab.hour, scheduled.crontab.day_of_week) == cron
    assert str(scheduled.crontab.timezone) == "Europe/London"


def test_every_scheduled_task_exists():
    from engagement.celery import app

    app.loader.import_default_modules()
    for task in PeriodicTask.objects.filter(task__startswith="feedback."):
        assert task.task in app.tasks
