"""iCalendar (.ics) files for meetings, read by Outlook, Google and Apple calendars."""

from datetime import UTC

from django.conf import settings
from icalendar import Calendar, Event

PRODID = "-//Public engagement groups//Meetings//EN"


def event_for(meeting):
    event = Event()
    event.add("uid", f"{meeting.uid}@engagement")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.modified.astimezone(UTC))
    # UTC times are unambiguous across clock changes; calendars show them in local time.
    event.add("dtstart", meeting.start.astimezone(UTC))
    event.add("dtend", meeting.end.astimezone(UTC))
    event.add("summary", f"{meeting.group.name}: {meeting.title}")
    location = []
    if meeting.venue_id:
        location.append(f"{meeting.venue.name}, {' '.join(meeting.venue.address.split())}")
    if meeting.online_link:
        location.append(meeting.online_link)
    event.add("location", " / ".join(location) or "To be confirmed")
    description = [settings.SITE_URL + meeting.get_absolute_url()]
    if meeting.venue_id:
        description += meeting.venue.access_summary()
    event.add("description", "\n".join(description))
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def calendar_for(meetings, name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(event_for(meeting))
    return calendar.to_ical()
