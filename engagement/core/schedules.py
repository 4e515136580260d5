"""Every Celery beat schedule, declared once.

Schedules live in the database (django_celery_beat) so a superuser can see,
pause or retime them in the admin. `sync` runs after every migrate: it adds a
schedule that is missing and keeps each one pointing at its current task, but
leaves its timing and on/off switch alone, because those are the superuser's
to change; except a timing this module used to ship (`formerly`), which no one
chose, so it moves to the new one. A renamed schedule (`formerly_named`) keeps its
row, and with it the superuser's choices.
"""

import json
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class Schedule:
    name: str
    task: str
    description: str
    minute: str = "*"
    hour: str = "*"
    day_of_week: str = "*"
    every_seconds: int | None = None  # an interval instead of a crontab
    formerly: tuple[int, ...] = ()  # intervals, in seconds, this schedule used to ship with
    formerly_named: str = ""  # the name it used to ship with: that row is renamed, not left running beside it


SCHEDULES = [
    Schedule(
        "Send tasks waiting in the outbox",
        "engagement.core.tasks.relay_outbox",
        "Every 10 seconds: queues the work that could not reach Redis when it was saved (so it goes within "
        "about 20 seconds of Redis coming back), and again the work Redis or a stopped worker lost.",
        every_seconds=10,
        formerly=(60,),
    ),
    Schedule(
        "GOV.UK Notify: check what became of messages sent",
        "engagement.core.tasks.check_deliveries",
        "Every 10 minutes: records whether each e-mail, text message and letter sent through GOV.UK Notify "
        "was delivered, for those Notify has not reported on yet. Does nothing without NOTIFY_API_KEY.",
        minute="*/10",
    ),
    Schedule(
        "Meeting e-mails: invitations, papers and reminders",
        "meetings.tasks.plan_meeting_emails",
        "Every 15 minutes: sends each meeting's invitation, papers and reminders when they fall due.",
        minute="*/15",
    ),
    Schedule(
        "Meeting actions: remind owners before and on the due date",
        "meetings.tasks.plan_action_reminders",
        "Every morning: e-mails each open action's owner once the set number of days before it is due (a week, "
        "unless the group chose otherwise) and once on the day; a moved due date is reminded of again.",
        minute="0",
        hour="8",
        formerly_named="Meeting actions due in three days",
    ),
    Schedule(
        "Projects: close comments at the closing date",
        "feedback.tasks.close_projects_past_their_date",
        "Every hour: closes projects whose closing day has ended and tells staff and the lead a response is due.",
        minute="5",
    ),
    Schedule(
        "Projects: remind members 3 days before comments close",
        "feedback.tasks.send_closing_reminders",
        "Every morning: e-mails members who have not commented yet (unless they turned this off).",
        minute="0",
        hour="9",
    ),
    Schedule(
        "Projects: chase overdue responses",
        "feedback.tasks.chase_overdue_responses",
        "Every Monday: e-mails staff and the project lead about responses past their target.",
        minute="30",
        hour="9",
        day_of_week="1",
    ),
    Schedule(
        "Events: remind people coming 2 days before",
        "feedback.events.tasks.send_event_reminders",
        "Every hour: e-mails everyone with a place at a workshop or public event once, about two days before it.",
        minute="20",
    ),
    Schedule(
        "Delete personal data past its retention period",
        "engagement.core.tasks.apply_retention",
        "Every night: deletes or anonymises personal data past the retention schedule.",
        minute="15",
        hour="3",
    ),
    Schedule(
        "Delete generated documents past their retention period",
        "engagement.core.tasks.expire_generated_documents",
        "Every night: deletes PDFs the app built that are past their retention period.",
        minute="15",
        hour="3",
    ),
    Schedule(
        "Recruitment: delete unsuccessful applications after the retention period",
        "members.recruitment.tasks.delete_expired_applications",
        "Every night: deletes unsuccessful applications once their retention period has passed.",
        minute="30",
        hour="3",
    ),
    Schedule(
        "Onboarding: remind staff before training or a DBS check runs out",
        "members.onboarding.tasks.remind_staff_of_expiring_records",
        "Every morning: e-mails engagement staff once about each training record or DBS check "
        "that runs out within 30 days.",
        minute="45",
        hour="8",
    ),
    Schedule(
        "Meetings: remind staff of unpublished minutes",
        "meetings.tasks.remind_of_unpublished_minutes",
        "Every morning: e-mails a group's staff once about a meeting whose minutes are still not approved "
        "the group's set number of days after it.",
        minute="55",
        hour="8",
    ),
    Schedule(
        "Register of interests: yearly review",
        "meetings.interests.tasks.run_yearly_reviews",
        "Every morning: in each group's review month, asks each member once to confirm or update their "
        "interests; after the set number of days, e-mails the group's staff once about anyone who has not.",
        minute="50",
        hour="8",
    ),
]


@transaction.atomic
def sync(sender=None, using="default", **kwargs):
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    for schedule in SCHEDULES:
        renamed = (
            schedule.formerly_named and PeriodicTask.objects.using(using).filter(name=schedule.formerly_named).first()
        )
        if renamed and not PeriodicTask.objects.using(using).filter(name=schedule.name).exists():
            # Saved, not updated, so a running beat hears of the change.
            renamed.name, renamed.description = schedule.name, schedule.description
            renamed.save(update_fields=["name", "description"])
        if schedule.every_seconds:
            interval, _ = IntervalSchedule.objects.using(using).get_or_create(
                every=schedule.every_seconds, period=IntervalSchedule.SECONDS
            )
            timing = {"interval": interval}
        else:
            crontab, _ = CrontabSchedule.objects.using(using).get_or_create(
                minute=schedule.minute,
                hour=schedule.hour,
                day_of_week=schedule.day_of_week,
                day_of_month="*",
                month_of_year="*",
                timezone="Europe/London",
            )
            timing = {"crontab": crontab}
        task, created = PeriodicTask.objects.using(using).get_or_create(
            name=schedule.name,
            defaults={"task": schedule.task, "description": schedule.description, "args": json.dumps([]), **timing},
        )
        if not created and task.task != schedule.task:
            task.task = schedule.task
            task.save(update_fields=["task"])
        if not created and task.interval and task.interval.schedule.run_every.total_seconds() in schedule.formerly:
            task.interval = timing["interval"]
            task.save(update_fields=["interval"])
