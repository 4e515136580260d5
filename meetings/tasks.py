"""Meeting e-mails on a schedule. Planning is idempotent (a database row per person per event);
sending claims each row, so retries, repeats and a second beat process cannot send twice."""

import uuid
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from engagement.core import notifications
from engagement.core.models import Notification
from engagement.core.tasks import send_notifications
from members.models import User

from . import documents
from .models import Action, Meeting, Reply

# A reminder is due from N days before the meeting until a day after that, so
# a beat outage of less than a day still sends it, but a meeting arranged at
# short notice does not get a week-before reminder the day before.
REMINDER_WINDOW = timedelta(days=1)
ACTION_DUE_IN_DAYS = 3


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


@shared_task
def plan_action_reminders():
    """Run daily: tell owners about open actions due within three days."""
    today = timezone.localdate()
    actions = Action.objects.open().filter(due__gte=today, due__lte=today + timedelta(days=ACTION_DUE_IN_DAYS))
    ids = []
    for action in actions.select_related("owner"):
        ids += notifications.plan(action, "due-soon", [action.owner])
    return send_notifications(ids)


@shared_task(time_limit=900, soft_time_limit=840)
def build_meeting_document(meeting_id, kind, user_id, large_print=False):
    """Build a large pack or minutes in the background, then e-mail the person who asked for it."""
    meeting = Meeting.objects.select_related("group", "venue").get(pk=meeting_id)
    build = documents.meeting_pack if kind == "pack" else documents.minutes
    build(meeting, large_print).stored()
    user = User.objects.get(pk=user_id)
    # The event names the copy, so the e-mail links to the one that was asked for.
    event = f"{kind}-ready-{'large-print-' if large_print else ''}{uuid.uuid4().hex}"
    return send_notifications(notifications.plan(meeting, event, [user], whatever_their_preference=True))
