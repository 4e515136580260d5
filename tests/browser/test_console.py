"""Pages load without console errors (a blocked font, script or style shows up there), in real Chromium."""

import pytest
from playwright.sync_api import expect

from meetings.models import Reply
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def console_errors(page):
    """Every console error and uncaught exception in the page, from the first page loaded."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_home_page_has_no_console_errors(live_server, page, console_errors):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert console_errors == []


def test_the_dashboard_has_no_console_errors(live_server, page, member, console_errors):
    sign_in(page, live_server, "member@example.org")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert console_errors == []


def test_the_chairs_meeting_page_has_no_console_errors(live_server, page, chair, member, meeting, console_errors):
    Reply.objects.create(meeting=meeting, user=member, response=Reply.Response.ATTENDING)
    sign_in(page, live_server, "chair@example.org")
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.get_by_role("heading", name="Who is coming")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert console_errors == []
