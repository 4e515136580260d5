"""Meeting e-mails: one template set per kind, each with a plain-text and an HTML part."""

from django.conf import settings
from django.urls import reverse

from engagement.core import notifications
from engagement.core.emails import send_templated_email
from members.models import User

from . import calendars, replies
from .models import Action, Meeting, Reply


def _meeting_context(meeting, user):
    site = settings.SITE_URL
    return {
        "user": user,
        "meeting": meeting,
        "when": meeting.when_in_words,
        "access": meeting.venue.access_summary() if meeting.venue_id else [],
        "meeting_url": site + meeting.get_absolute_url(),
        "attending_url": site
        + reverse("meetings:reply_by_link", args=[replies.make_token(meeting, user, Reply.Response.ATTENDING)]),
        "apologies_url": site
        + reverse("meetings:reply_by_link", args=[replies.make_token(meeting, user, Reply.Response.APOLOGIES)]),
    }


def _calendar_attachment(meeting):
    return [("meeting.ics", calendars.calendar_for([meeting]), "text/calendar")]


def send_action_reminder(notification):
    """An owner reminded of an action before it is due ("due-before-<due date>") or on the day ("due-on-…");
    see tasks.action_reminder_event."""
    user = notification.user
    action = Action.objects.select_related("meeting__group").get(pk=notification.object_id)
    kind, _, planned_due = notification.event.removeprefix("due-").partition("-")
    if action.status == Action.Status.DONE:
        raise notifications.NotWanted("the action was done")
    # Rows planned before reminders named the due date ("due-soon") have none to compare.
    if planned_due and planned_due != action.due.isoformat():
        raise notifications.NotWanted("the due date has changed")
    send_templated_email(
        "action_reminder",
        [user.email],
        {
            "user": user,
            "action": action,
            "due_today": kind == "on",
            "meeting_url": settings.SITE_URL + action.meeting.get_absolute_url(),
            "actions_url": settings.SITE_URL + reverse("meetings:my_actions"),
        },
    )


def _meeting(notification):
    return Meeting.objects.select_related("group", "venue").get(pk=notification.object_id)


def send_invitation(notification):
    meeting = _meeting(notification)
    context = _meeting_context(meeting, notification.user)
    send_templated_email("meeting_invitation", [notification.user.email], context, _calendar_attachment(meeting))


def send_papers(notification):
    context = _meeting_context(_meeting(notification), notification.user)
    send_templated_email("meeting_papers", [notification.user.email], context)


def send_reminder(notification):
    days = int(notification.event.removeprefix("reminder-"))
    context = _meeting_context(_meeting(notification), notification.user) | {"days": days}
    send_templated_email("meeting_reminder", [notification.user.email], context)


def send_moved(notification):
    meeting = _meeting(notification)
    context = _meeting_context(meeting, notification.user)
    send_templated_email("meeting_moved", [notification.user.email], context, _calendar_attachment(meeting))


def send_cancelled(notification):
    meeting = _meeting(notification)
    context = _meeting_context(meeting, notification.user)
    send_templated_email("meeting_cancelled", [notification.user.email], context, _calendar_attachment(meeting))


def send_document_ready(notification):
    """A large pack or minutes someone asked for is built (event "pack-ready-…" or "minutes-ready-…")."""
    meeting, user = notification.subject, notification.user
    kind, copy = notification.event.split("-ready-")
    url_name = "meetings:pack_pdf" if kind == "pack" else "meetings:minutes_pdf"
    large_print = copy.startswith("large-print-")
    send_templated_email(
        "document_ready",
        [user.email],
        {
            "user": user,
            "what": f"{'meeting pack' if kind == 'pack' else 'minutes'}{' in large print' if large_print else ''} "
            f"for {meeting}",
            "link": settings.SITE_URL + reverse(url_name, args=[meeting.pk]) + ("?print=large" if large_print else ""),
        },
    )


def send_missed_meetings(notification):
    """Staff told that a member has missed the group's limit of meetings in a row (services.take_register);
    the notification is on the first meeting of the run and its event names the member."""
    first = _meeting(notification)
    member = User.objects.get(pk=int(notification.event.removeprefix("missed-in-a-row-")))
    send_templated_email(
        "meeting_missed_in_a_row",
        [notification.user.email],
        {
            "user": notification.user,
            "member": member,
            "group": first.group,
            "first": first,
            "attendance_url": settings.SITE_URL
            + reverse("admin:meetings_meeting_attendance")
            + f"?group={first.group_id}",
        },
    )


def send_draft_minutes(notification):
    """An attendee asked to comment on the draft minutes by the meeting's comments date (services.send_draft_minutes)."""
    meeting = _meeting(notification)
    send_templated_email(
        "minutes_draft",
        [notification.user.email],
        {
            "user": notification.user,
            "meeting": meeting,
            "comment_url": settings.SITE_URL + reverse("meetings:draft_minutes", args=[meeting.pk]),
        },
    )


def send_minutes_approved(notification):
    meeting = _meeting(notification)
    send_templated_email(
        "minutes_approved",
        [notification.user.email],
        {
            "user": notification.user,
            "meeting": meeting,
            "minutes_url": settings.SITE_URL + reverse("meetings:minutes_pdf", args=[meeting.pk]),
        },
    )


def send_minutes_unpublished(notification):
    """Staff reminded that a meeting's minutes are still not approved (tasks.remind_of_unpublished_minutes)."""
    meeting = _meeting(notification)
    send_templated_email(
        "minutes_unpublished",
        [notification.user.email],
        {
            "user": notification.user,
            "meeting": meeting,
            "days": meeting.group.minutes_reminder_days,
            "admin_url": settings.SITE_URL + reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        },
    )
