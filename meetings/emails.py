"""Meeting e-mails: one template set per kind, each with a plain-text and an HTML part."""

from django.conf import settings
from django.urls import reverse

from engagement.core.emails import send_templated_email

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
        "attending_url": site + reverse("meetings:reply_by_link", args=[replies.make_token(meeting, user, Reply.Response.ATTENDING)]),
        "apologies_url": site + reverse("meetings:reply_by_link", args=[replies.make_token(meeting, user, Reply.Response.APOLOGIES)]),
    }


def _calendar_attachment(meeting):
    return [("meeting.ics", calendars.calendar_for([meeting]), "text/calendar")]


def send_for_notification(notification):
    """Send the e-mail a meeting or action notification stands for."""
    user, event = notification.user, notification.event
    if isinstance(notification.subject, Action):
        action = notification.subject
        send_templated_email(
            "meeting_action_due",
            [user.email],
            {"user": user, "action": action, "actions_url": settings.SITE_URL + reverse("meetings:my_actions")},
        )
        return
    meeting = Meeting.objects.select_related("group", "venue").get(pk=notification.object_id)
    context = _meeting_context(meeting, user)
    if event == "invitation":
        send_templated_email("meeting_invitation", [user.email], context, _calendar_attachment(meeting))
    elif event == "papers-issued":
        send_templated_email("meeting_papers", [user.email], context)
    elif event.startswith("reminder-"):
        days = int(event.split("-")[1])
        send_templated_email("meeting_reminder", [user.email], context | {"days": days})
    elif event.startswith("moved-"):
        send_templated_email("meeting_moved", [user.email], context, _calendar_attachment(meeting))
    elif event == "cancelled":
        send_templated_email("meeting_cancelled", [user.email], context, _calendar_attachment(meeting))
    else:
        raise ValueError(f"No e-mail for meeting event {event!r}")
