"""The calendar file (.ics) for an event, made as meetings' are (meetings/calendars.py)."""

from django.conf import settings

from meetings import calendars

from .models import Event, Registration


def has_calendar_file(registration: Registration) -> bool:
    """An entry is for people with a place or hoping for one (as the e-mails that attach it), so it does not say
    CONFIRMED to someone who has said no. Once the event is cancelled, anyone may get the CANCELLED entry, which
    takes it out of their calendar."""
    Status = Registration.Status
    return registration.event.is_cancelled or registration.status in (Status.COMING, Status.WAITING)


def calendar_file(event: Event, registration: Registration) -> bytes:
    """The event as one calendar entry; its link is the person's private reply page, to change their answer."""
    entry = calendars.entry(
        uid=f"event-{event.uid}",
        sequence=event.sequence,
        stamp=event.modified,
        start=event.start,
        end=event.end,
        summary=event.title,
        venue=event.venue,
        online_link=event.online_link,
        url=settings.SITE_URL + registration.get_reply_url(),
        cancelled=event.is_cancelled,
    )
    return calendars.calendar_of([entry], name=event.title)


def attachment(event: Event, registration: Registration):
    return ("event.ics", calendar_file(event, registration), "text/calendar")
