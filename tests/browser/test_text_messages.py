"""A member adds a mobile number and text reminders from their profile, in real Chromium; the page,
with and without its error, passes axe-core."""

import pytest
from playwright.sync_api import expect

from members.models import User
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_turns_on_text_reminders(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/profile/")
    page.get_by_role("link", name="Change your mobile number or text reminders").click()
    assert_accessible(page)
    page.get_by_label("UK mobile number (optional)").fill("020 7946 0000")
    page.get_by_label("Text me meeting reminders").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Enter a UK mobile number, like 07700 900 982")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("UK mobile number (optional)").fill("07700 900982")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("We will text you meeting reminders.")).to_be_visible()
    assert User.objects.get(pk=member.pk).mobile_number == "+447700900982"
