"""Meeting e-mails on a schedule. Planning is idempotent (a database row per person per event);
sending claims each row, so retries, repeats and a second beat process cannot send twice."""

import uuid
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from engagement.core import notifications
from engagement.core.models import Notification
from engagement.core.tasks import send_notifications
from members.models import EngagementGroup, User

from . import documents, rules
from .interests.services import group_staff
from .models import Action, Meeting, Reply

# A reminder is due from N days before the meeting until a day after that, so
# a beat outage of less than a day still sends it, but a meeting arranged at
# short notice does not get a week-before reminder the day before.
REMINDER_WINDOW = timedelta(days=1)


def plan_for_meeting(meeting, now):
    """Plan every e-mail now due for one meeting; returns the notification ids to send."""
    invitees = list(meeting.invitees())
    ids = notifications.plan(meeting, "invitation", invitees)
    if meeting.papers_are_issued:
        ids += notifications.plan(meeting, "papers-issued", invitees)
    due = [
        days
        for days in meeting.group.reminder_day_list
        if timedelta(0) < meeting.start - now <= timedelta(days=days)
        and meeting.start - now > timedelta(days=days) - REMINDER_WINDOW
    ]
    if due:
        sent_apologies = set(
            meeting.replies.filter(response=Reply.Response.APOLOGIES).values_list("user_id", flat=True)
        )
        chase = [user for user in invitees if user.pk not in sent_apologies]
        for days in due:
            ids += notifications.plan(meeting, f"reminder-{days}", chase)
    return ids


@shared_task
def plan_meeting_emails(meeting_id=None):
    """Run by Celery beat every 15 minutes (and straight away for one meeting when staff act on it)."""
    now = timezone.now()
    meetings = Meeting.objects.upcoming().select_related("group")
    if meeting_id is not None:
        meetings = meetings.filter(pk=meeting_id)
    return send_notifications([nid for meeting in meetings for nid in plan_for_meeting(meeting, now)])


@shared_task
def announce_change(meeting_id, event):
    """Tell everyone who already heard about the meeting that it moved or was cancelled."""
    meeting = Meeting.objects.get(pk=meeting_id)
    return send_notifications(notifications.plan(meeting, event, list(already_told(meeting))))


def already_told(meeting):
    """Everyone sent an e-mail about the meeting: they hear if it moves or is cancelled."""
    return User.objects.filter(
        pk__in=Notification.objects.for_object(meeting).filter(status=Notification.Status.SENT).values("user_id")
    )


def action_reminder_event(action, today):
    """The reminder due today for an open action, if any: "due-before-<due date>" the group's number of days
    before it is due (or the day after that, so one missed daily run still sends it), "due-on-<due date>" on the
    day. Naming the due date makes a moved due date remind again, once per kind, and the old one never."""
    days_before = action.meeting.group.action_reminder_days
    days_left = (action.due - today).days
    if days_left == 0:
        return f"due-on-{action.due.isoformat()}"
    if 0 < days_left and days_before - 1 <= days_left <= days_before:
        return f"due-before-{action.due.isoformat()}"
    return None


@shared_task
def plan_action_reminders():
    """Celery beat, daily (engagement/core/schedules.py): remind owners of open actions before and on the due
    date, as each group chooses. Each reminder is a once-only notification, so a second run sends nothing."""
    today = timezone.localdate()
    actions = (
        Action.objects.open()
        .filter(
            meeting__group__action_reminders=True,
            owner__is_active=True,
            due__gte=today,
            due__lte=today + timedelta(days=EngagementGroup.MOST_ACTION_REMINDER_DAYS),
        )
        .select_related("owner", "meeting__group")
    )
    ids = []
    for action in actions:
        if event := action_reminder_event(action, today):
            ids += notifications.plan(action, event, [action.owner])
    return send_notifications(ids)


@shared_task(time_limit=900, soft_time_limit=840)
def build_meeting_document(meeting_id, kind, user_id, large_print=False):
    """Build a large pack or minutes in the background, then e-mail the person who asked for it."""
    meeting = Meeting.objects.select_related("group", "venue").get(pk=meeting_id)
    build = documents.meeting_pack if kind == "pack" else documents.minutes
    user = User.objects.get(pk=user_id)
    build(meeting, large_print, rules.can_see_confidential(user, meeting)).stored()
    # The event names the copy, so the e-mail links to the one that was asked for.
    event = f"{kind}-ready-{'large-print-' if large_print else ''}{uuid.uuid4().hex}"
    return send_notifications(notifications.plan(meeting, event, [user], whatever_their_preference=True))


# A reminder that fell due this long ago is no longer sent: after a long beat outage, or the first run
# over years of past meetings, staff would get a flood of stale reminders.
UNPUBLISHED_MINUTES_WINDOW = timedelta(days=28)


@shared_task
def remind_of_unpublished_minutes():
    """Run daily: tell each group's staff, once per meeting, about minutes still not approved the group's
    set number of days (minutes_reminder_days) after the meeting."""
    today = timezone.localdate()
    now = timezone.now()
    # Read back a year only: no group waits that long (then the window above has passed anyway).
    meetings = (
        Meeting.objects.filter(end__lt=now, end__gte=now - timedelta(days=366))
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(minutes_status=Meeting.MinutesStatus.APPROVED)
        .select_related("group")
    )
    ids = []
    for meeting in meetings:
        due = timezone.localdate(meeting.end) + timedelta(days=meeting.group.minutes_reminder_days)
        if due <= today < due + UNPUBLISHED_MINUTES_WINDOW:
            ids += notifications.plan(meeting, "minutes-unpublished", list(group_staff(meeting.group_id)))
    return send_notifications(ids)
