"""The meeting page says when a partner's paper may not work with a screen reader, in real Chromium, and passes axe-core."""

from urllib.parse import unquote

import pytest
from django.utils.timezone import localtime
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.browser.test_sign_in import sign_in
from tests.meetings.test_meeting_pages import add_paper

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_can_ask_for_an_accessible_copy_of_a_paper(
    live_server, page, settings, member, meeting, assert_accessible
):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save()
    add_paper(meeting.items.first())
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.get_by_text("This paper may not work with a screen reader.")).to_be_visible()
    ask = page.get_by_role("link", name="Ask for an accessible copy of Briefing")
    assert unquote(ask.get_attribute("href")) == (
        f'mailto:{settings.ENGAGEMENT_TEAM_EMAIL}?subject=Accessible copy of "Briefing" '
        f"({meeting.title}, {localtime(meeting.start):%-d %B %Y})"
    )
    assert_accessible(page)
