"""A visitor reaches a group's public page from the home page, in real Chromium, and reads its approved
minutes; each page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting
from members.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_follows_the_home_page_to_a_groups_public_page(
    live_server, page, peg, chair, venue, assert_accessible
):
    peg.description = "We advise on how the NHS involves local people."
    peg.save()
    Membership.objects.filter(user=chair).update(named_publicly=True)
    start = timezone.now().replace(microsecond=0) - timedelta(days=30)
    held = Meeting.objects.create(
        group=peg,
        title="Spring meeting",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
        status=Meeting.Status.HELD,
        minutes_status=Meeting.MinutesStatus.APPROVED,
    )
    AgendaItem.objects.create(meeting=held, title="GP access", minutes="Members asked for more phone lines.")
    Meeting.objects.create(
        group=peg,
        title="Summer meeting",
        start=start + timedelta(days=50),
        end=start + timedelta(days=50, hours=3),
        venue=venue,
    )

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Public Engagement Group", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public Engagement Group")
    expect(page.get_by_text("Jean Ellison, chair")).to_be_visible()
    expect(page.get_by_text("Summer meeting")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Spring meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes: Spring meeting")
    expect(page.get_by_text("Members asked for more phone lines.")).to_be_visible()
    assert_accessible(page)
