"""Staff set up two-step sign-in from an e-mailed link, in real Chromium with axe."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from members import twostep
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_ask_for_a_link_then_set_up_their_app_on_accessible_pages(live_server, page, staff, assert_accessible):
    sign_in(page, live_server, staff.email)
    page.goto(live_server.url + "/accounts/two-step/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    assert_accessible(page)
    page.get_by_role("button", name="E-mail me a set-up link").click()
    expect(page.get_by_text(f"We have sent a set-up link to {staff.email}")).to_be_visible()

    page.goto(live_server.url + twostep.set_up_link(staff).removeprefix(settings.SITE_URL))
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Enter the 6-digit code from your app").fill("000000")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_text("That code is not right").first).to_be_visible()
    assert_accessible(page)


def test_a_link_that_does_not_work_says_what_to_do_accessibly(live_server, page, staff, assert_accessible):
    sign_in(page, live_server, staff.email)
    page.goto(live_server.url + "/accounts/two-step/set-up/not-a-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This set-up link does not work")
    assert_accessible(page)
    page.get_by_role("link", name="Ask for a new set-up link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
