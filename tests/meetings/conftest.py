from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, Venue


@pytest.fixture
def venue(db):
    return Venue.objects.create(name="Community Hub", address="1 High Street", step_free=True, hearing_loop=True)


@pytest.fixture
def make_meeting(peg, venue):
    def make(days=10, group=None, **fields):
        start = timezone.now().replace(microsecond=0) + timedelta(days=days)
        return Meeting.objects.create(
            group=group or peg,
            title=fields.pop("title", "Group meeting"),
            start=start,
            end=start + timedelta(hours=3),
            venue=venue,
            **fields,
        )

    return make


@pytest.fixture
def meeting(make_meeting):
    meeting = make_meeting()
    AgendaItem.objects.create(meeting=meeting, position=1, title="Welcome", minutes_allotted=10)
    AgendaItem.objects.create(meeting=meeting, position=2, title="GP access", minutes_allotted=45)
    return meeting
