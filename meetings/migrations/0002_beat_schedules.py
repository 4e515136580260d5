"""Celery beat schedules for meeting e-mails, kept in the database so staff can see and change them in the admin."""

import json

from django.db import migrations

SCHEDULES = [
    ("Meeting e-mails: invitations, papers and reminders", "meetings.tasks.plan_meeting_emails", {"minute": "*/15"}),
    ("Meeting actions due in three days", "meetings.tasks.plan_action_reminders", {"minute": "0", "hour": "8"}),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, cron in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=cron.get("minute", "*"),
            hour=cron.get("hour", "*"),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Europe/London",
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab, "args": json.dumps([])})


def remove_schedules(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
