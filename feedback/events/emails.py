"""One function per kind of e-mail about an event. Invitees and people who sign up have no account, so
each e-mail is a Notification on their registration, which holds their address (registered in apps.py).
An e-mail that no longer fits when it is sent (their place given up, the event started) is not sent."""

from django.conf import settings

from engagement.core.emails import send_templated_email
from engagement.core.notifications import NotWanted
from meetings.wording import span_in_words

from . import calendars, services
from .models import Registration

Status = Registration.Status


def _registration(notification, *statuses, cancelled=False):
    registration = Registration.objects.select_related("event__venue", "event__plan__project").get(
        pk=notification.object_id
    )
    event = registration.event
    if event.is_cancelled != cancelled or event.has_started:
        raise NotWanted("the event has been cancelled or has started")
    if statuses and registration.status not in statuses:
        raise NotWanted(f"their reply is now “{registration.get_status_display()}”")
    if not registration.email:
        raise NotWanted("no e-mail address")
    return registration


def _send(template, registration, with_calendar=False, **extra):
    event = registration.event
    send_templated_email(
        template,
        [registration.email],
        {
            "registration": registration,
            "event": event,
            "project": event.plan.project,
            "when": span_in_words(event.start, event.end),
            "access": event.venue.access_summary() if event.venue else [],
            "link": settings.SITE_URL + registration.get_reply_url(),
            **extra,
        },
        [calendars.attachment(event, registration)] if with_calendar else (),
    )


def send_invitation(notification):
    _send("event_invitation", _registration(notification))


def send_place_confirmed(notification):
    _send("event_place_confirmed", _registration(notification, Status.COMING), with_calendar=True)


def send_waiting_list(notification):
    _send("event_waiting_list", _registration(notification, Status.WAITING))


def send_place_offered(notification):
    _send("event_place_offered", _registration(notification, Status.COMING), with_calendar=True)


def send_cancelled(notification):
    registration = _registration(notification, Status.INVITED, Status.COMING, Status.WAITING, cancelled=True)
    # Someone who never replied was never sent a calendar entry, so has none to take out.
    _send("event_cancelled", registration, with_calendar=registration.status != Status.INVITED)


def send_moved(notification):
    """The event's new time or place (event "moved-<sequence>"); only the newest change's e-mail goes."""
    registration = _registration(notification, Status.INVITED, Status.COMING, Status.WAITING)
    if notification.event != services.moved_event(registration.event):
        raise NotWanted("the event has changed again since: that change's e-mail has the newest details")
    # Those who have not replied get the new details to decide by; a calendar entry is for those with a place,
    # or hoping for one.
    _send("event_moved", registration, with_calendar=registration.status != Status.INVITED)


def send_link_again(notification):
    """Their private link again, after their address was used to sign up a second time (from the sign-up
    page, which never says whether an address is registered)."""
    _send("event_link_again", _registration(notification))


def send_reminder(notification):
    _send("event_reminder", _registration(notification, Status.COMING), with_calendar=True)
