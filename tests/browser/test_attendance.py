"""Staff take a meeting's attendance register in the admin, in real Chromium at tablet size, and read the
group's attendance; each page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.attendance import Mark
from meetings.models import Meeting, Reply
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_take_the_register_on_a_tablet(live_server, page, staff, member, chair, venue, assert_accessible):
    start = timezone.now().replace(microsecond=0) - timedelta(hours=4)
    meeting = Meeting.objects.create(
        group=member.memberships.get().group,
        title="Autumn meeting",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
    )
    meeting.record_reply(member, Reply.Response.ATTENDING)
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, live_server, "staff@example.org")
    page.goto(f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/")
    page.get_by_role("link", name="Attendance register").click()
    olivia = page.get_by_role("group", name="Olivia Bennett")
    expect(olivia.get_by_label("In person")).to_be_checked()
    jean = page.get_by_role("group", name="Jean Ellison")
    expect(jean.get_by_label("Absent without apologies")).to_be_checked()
    assert_accessible(page)

    jean.get_by_label("Online").check()
    page.get_by_role("button", name="Save the register").click()
    expect(page.get_by_text("Attendance register saved.")).to_be_visible()
    marks = {a.user_id: Mark.ONLINE if a.online else Mark.IN_PERSON for a in meeting.attendees.all()}
    assert marks == {member.pk: Mark.IN_PERSON, chair.pk: Mark.ONLINE}

    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    page.get_by_role("link", name="Attendance", exact=True).click()
    page.get_by_role("button", name="Show attendance").click()
    expect(page.get_by_role("row", name="Jean Ellison 1 0 1 0 0")).to_be_visible()
    assert_accessible(page)
