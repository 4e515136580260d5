"""The demo looks real: meetings on weekdays in working hours, named after their months, closing dates on working days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from feedback.models import Project
from feedback.planning.models import Survey
from meetings.models import Meeting
from members.recruitment.models import Round

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# A Thursday: the demo's "in 2 days" and "in 9 days" fall on a Saturday, "5 days ago" on a Saturday.
THURSDAY = datetime(2027, 1, 7, 9, 0, tzinfo=LONDON)


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    with time_machine.travel(THURSDAY, tick=False):
        call_command("seed_demo")


def test_demo_meetings_are_on_weekdays_in_working_hours(seeded):
    for meeting in Meeting.objects.all():
        start, end = meeting.start.astimezone(LONDON), meeting.end.astimezone(LONDON)
        assert start.weekday() < 5, meeting.title
        assert end.date() == start.date() and 9 <= start.hour and end.hour <= 17, meeting.title


def test_each_group_meeting_is_named_after_its_month(seeded):
    meetings = Meeting.objects.filter(group__slug="peg")
    assert meetings.count() == 6
    for meeting in meetings:
        assert meeting.title == f"{meeting.start.astimezone(LONDON):%B} meeting"


def test_demo_closing_dates_are_working_days(seeded):
    closing = [
        # A project whose views were gathered offline has no closing date.
        *Project.objects.exclude(closes_on=None).values_list("closes_on", flat=True),
        *Survey.objects.values_list("closes_on", flat=True),
        *Round.objects.values_list("closes_on", flat=True),
    ]
    assert closing and [day for day in closing if day.weekday() >= 5] == []


def test_seeding_again_weeks_later_adds_no_meetings(seeded):
    count = Meeting.objects.count()
    with time_machine.travel(THURSDAY + timedelta(days=45), tick=False):
        call_command("seed_demo")
    assert Meeting.objects.count() == count
