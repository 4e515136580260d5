"""Calendar files and the private feed parse back with the right times, in UTC and in UK time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.models import CalendarFeed, Meeting

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def summer_meeting(peg, venue):
    start = datetime(2027, 7, 13, 10, 0, tzinfo=LONDON)
    return Meeting.objects.create(
        group=peg, title="Summer meeting", start=start, end=start.replace(hour=13), venue=venue
    )


def events(body):
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def test_a_meeting_file_has_the_right_times(client, member, summer_meeting):
    client.force_login(member)
    response = client.get(reverse("meetings:calendar", args=[summer_meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = events(response.content)
    start = event.decoded("dtstart")
    assert start == datetime(2027, 7, 13, 9, 0, tzinfo=UTC)  # 10am British Summer Time
    assert start.astimezone(LONDON).hour == 10
    assert event.decoded("dtend").astimezone(LONDON).hour == 13
    assert "Community Hub" in str(event["location"])


def test_a_winter_meeting_is_at_the_same_hour_in_utc(client, member, peg, venue):
    start = datetime(2027, 1, 12, 10, 0, tzinfo=LONDON)
    meeting = Meeting.objects.create(group=peg, title="Winter", start=start, end=start.replace(hour=13), venue=venue)
    client.force_login(member)
    [event] = events(client.get(reverse("meetings:calendar", args=[meeting.pk])).content)
    assert event.decoded("dtstart") == datetime(2027, 1, 12, 10, 0, tzinfo=UTC)


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(client, member, summer_meeting):
    client.force_login(member)
    url = reverse("meetings:calendar", args=[summer_meeting.pk])
    [before] = events(client.get(url).content)
    services.move(summer_meeting, summer_meeting.start.replace(day=20), summer_meeting.end.replace(day=20))
    [after] = events(client.get(url).content)
    assert after["uid"] == before["uid"]
    assert after["sequence"] == before["sequence"] + 1
    assert after.decoded("dtstart").astimezone(LONDON).day == 20


def test_the_feed_lists_the_members_groups_meetings_only(client, member, summer_meeting, panel, venue):
    start = datetime(2027, 8, 1, 10, tzinfo=LONDON)
    Meeting.objects.create(group=panel, title="Panel only", start=start, end=start.replace(hour=12), venue=venue)
    feed = CalendarFeed.objects.create(user=member, token="secret-token-for-test")
    response = client.get(reverse("meetings:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert [str(e["summary"]) for e in events(response.content)] == ["Public Engagement Group: Summer meeting"]


def test_a_member_can_revoke_their_feed(client, member):
    client.force_login(member)
    client.post(reverse("meetings:calendar_settings"), {"action": "renew"})
    old = CalendarFeed.objects.get(user=member).token
    client.post(reverse("meetings:calendar_settings"), {"action": "renew"})
    assert client.get(reverse("meetings:calendar_feed", args=[old])).status_code == 404
    client.post(reverse("meetings:calendar_settings"), {"action": "stop"})
    assert not CalendarFeed.objects.filter(user=member).exists()


def test_an_unknown_feed_token_is_not_found(client, db):
    assert client.get(reverse("meetings:calendar_feed", args=["nope"])).status_code == 404
