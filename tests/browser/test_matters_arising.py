"""A member reads the matters arising on the next meeting's page, in real Chromium; the section passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Action, Meeting
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_reads_the_matters_arising_with_the_overdue_one_marked(
    live_server, page, member, make_meeting, assert_accessible
):
    earlier = make_meeting(days=-50, status=Meeting.Status.HELD, title="Spring meeting")
    upcoming = make_meeting(days=10, title="Summer meeting")
    today = timezone.localdate()
    Action.objects.create(meeting=earlier, description="Write to the practice", owner=member, due=today - timedelta(3))
    Action.objects.create(meeting=earlier, description="Ask for waiting times", owner=member, due=today + timedelta(9))

    sign_in(page, live_server, "member@example.org")
    page.goto(f"{live_server.url}{upcoming.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Matters arising")).to_be_visible()
    table = page.get_by_role("table", name="Open actions from earlier meetings")
    expect(table.get_by_role("row", name="Write to the practice")).to_contain_text("Overdue")
    expect(table.get_by_role("row", name="Ask for waiting times")).not_to_contain_text("Overdue")
    assert_accessible(page)
