"""A member sends apologies from the meeting page, in real Chromium; meeting pages pass axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting, Reply, Venue
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def upcoming(peg):
    venue = Venue.objects.create(name="Community Hub", address="1 High Street", step_free=True)
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    meeting = Meeting.objects.create(
        group=peg,
        title="Winter meeting",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
        online_link="https://meet.example.org/peg",
    )
    AgendaItem.objects.create(meeting=meeting, title="Welcome", minutes_allotted=10)
    AgendaItem.objects.create(meeting=meeting, title="GP access", minutes_allotted=45)
    return meeting


def test_a_member_sends_apologies_from_the_meeting_page(live_server, page, member, upcoming, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.get_by_role("link", name="Meetings", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    assert_accessible(page)

    page.get_by_role("link", name=upcoming.when_in_words).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Winter meeting")
    assert_accessible(page)

    page.get_by_label("No, I am sending my apologies").check()
    page.get_by_label("Anything to tell us? (optional)").fill("I am away that week")
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_text("Your apologies have been sent")).to_be_visible()
    assert_accessible(page)
    reply = Reply.objects.get(meeting=upcoming, user=member)
    assert (reply.response, reply.note) == ("apologies", "I am away that week")


def test_a_reply_error_is_accessible_and_keeps_the_note(live_server, page, member, upcoming, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + upcoming.get_absolute_url())
    page.get_by_label("Anything to tell us? (optional)").fill("Might be late")
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Anything to tell us? (optional)")).to_have_value("Might be late")
    assert_accessible(page)


def test_staff_meeting_page_and_member_tools_are_accessible(
    live_server, page, staff, member, upcoming, assert_accessible
):
    Reply.objects.create(meeting=upcoming, user=member, response="attending")
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + upcoming.get_absolute_url())
    expect(page.get_by_role("heading", name="For staff: arrangements")).to_be_visible()
    assert_accessible(page)
    for path in ["/meetings/actions/", "/meetings/calendar/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.get_by_role("button", name="Create my calendar address").click()
    expect(page.get_by_label("Calendar address")).to_be_visible()
    assert_accessible(page)
