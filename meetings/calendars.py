"""iCalendar (.ics) files for meetings, read by Outlook, Google and Apple calendars."""

from datetime import UTC

from django.conf import settings
from icalendar import Calendar, Event

PRODID = "-//Public engagement groups//Meetings//EN"


def event_for(meeting):
    return entry(
        uid=meeting.uid,
        sequence=meeting.sequence,
        stamp=meeting.modified,
        start=meeting.start,
        end=meeting.end,
        summary=f"{meeting.group.name}: {meeting.title}",
        venue=meeting.venue if meeting.venue_id else None,
        online_link=meeting.online_link,
        url=settings.SITE_URL + meeting.get_absolute_url(),
        cancelled=meeting.is_cancelled,
    )


def entry(*, uid, sequence, stamp, start, end, summary, venue, online_link, url, cancelled):
    """One calendar entry: for a meeting, or anything else held somewhere at a time (workshops and events)."""
    event = Event()
    event.add("uid", f"{uid}@engagement")
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(UTC))
    # UTC times are unambiguous across clock changes; calendars show them in local time.
    event.add("dtstart", start.astimezone(UTC))
    event.add("dtend", end.astimezone(UTC))
    event.add("summary", summary)
    location = []
    if venue:
        location.append(f"{venue.name}, {' '.join(venue.address.split())}")
    if online_link:
        location.append(online_link)
    event.add("location", " / ".join(location) or "To be confirmed")
    description = [url]
    if venue:
        description += venue.access_summary()
    event.add("description", "\n".join(description))
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_for(meetings, name=None):
    return calendar_of([event_for(meeting) for meeting in meetings], name)


def calendar_of(entries, name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for one in entries:
        calendar.add_component(one)
    return calendar.to_ical()
