"""Celery beat schedules for the project tasks, in the database so staff can see and change them in the admin."""

from django.db import migrations

# Name, task, crontab (minute, hour, day of week), what it does.
SCHEDULES = [
    (
        "Projects: close comments at the closing date",
        "feedback.tasks.close_projects_past_their_date",
        ("5", "*", "*"),
        "Every hour: closes projects whose closing day has ended and tells staff and the lead a response is due.",
    ),
    (
        "Projects: remind members 3 days before comments close",
        "feedback.tasks.send_closing_reminders",
        ("0", "9", "*"),
        "Every morning: e-mails members who have not commented yet (unless they turned this off).",
    ),
    (
        "Projects: chase overdue responses",
        "feedback.tasks.chase_overdue_responses",
        ("30", "9", "1"),
        "Every Monday: e-mails staff and the project lead about responses past their target.",
    ),
]


def add_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, (minute, hour, day_of_week), description in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone="Europe/London",
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "description": description}
        )


def remove_schedules(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_checklist_areas"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_schedules, remove_schedules)]
