"""Registrations' personal details are cleared once they are no longer needed; the counts stay."""

from datetime import timedelta

import pytest
import time_machine

from engagement.core import retention
from feedback.events.models import Registration

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def ann(event, make_registration):
    return make_registration(
        event,
        "Ann Lee",
        status=Status.COMING,
        phone="01632 960000",
        access_needs=["bsl"],
        access_details="Needs a seat.",
        anything_else="Hello",
        wants_outcomes=True,
        attended=True,
        category="ppg",
    )


def test_nothing_is_cleared_soon_after_the_event(ann):
    with time_machine.travel(ann.event.end + timedelta(days=20)):
        retention.apply()
    ann.refresh_from_db()
    assert (ann.name, ann.access_needs) == ("Ann Lee", ["bsl"])


def test_access_needs_are_cleared_a_month_after_the_event(ann):
    with time_machine.travel(ann.event.end + timedelta(days=31)):
        counts = retention.apply()
    ann.refresh_from_db()
    assert counts["access needs given for events"] == 1
    assert (ann.access_needs, ann.access_details, ann.anything_else, ann.name) == ([], "", "", "Ann Lee")


def test_names_and_contact_details_are_cleared_a_year_after_and_the_counts_stay(ann):
    with time_machine.travel(ann.event.end + timedelta(days=366)):
        retention.apply()
        assert retention.apply()["names and contact details given for events"] == 0
    ann.refresh_from_db()
    assert (ann.name, ann.email, ann.phone, ann.wants_outcomes) == ("Someone who registered", "", "", False)
    assert (ann.category, ann.status, ann.attended) == ("ppg", Status.COMING, True)
