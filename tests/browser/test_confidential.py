"""A member reads a meeting with a confidential item and the group's terms of reference, in real Chromium;
each page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_sees_a_confidential_item_and_the_terms_of_reference(
    live_server, page, peg, member, venue, assert_accessible
):
    peg.purpose = "To make sure local people shape NHS services."
    peg.meets = "Every two months"
    peg.save()
    start = timezone.now().replace(microsecond=0) - timedelta(days=10)
    meeting = Meeting.objects.create(
        group=peg,
        title="Autumn meeting",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
        status=Meeting.Status.HELD,
        minutes_status=Meeting.MinutesStatus.APPROVED,
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="GP access", minutes="More phone lines.")
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Urgent care review", minutes="Options discussed.", confidential=True
    )
    sign_in(page, live_server, "member@example.org")

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.get_by_role("row", name="Urgent care review Confidential")).to_be_visible()
    expect(page.get_by_role("heading", name="Confidential minutes")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}{peg.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Terms of reference")).to_be_visible()
    expect(page.get_by_text("To make sure local people shape NHS services.")).to_be_visible()
    assert_accessible(page)
