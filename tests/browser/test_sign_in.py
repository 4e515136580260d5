"""A member signs in, reaches the dashboard and signs out, in real Chromium."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_member_signs_in_reaches_the_dashboard_and_signs_out(live_server, page, member, assert_accessible):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign in").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)

    sign_in(page, live_server, "member@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Olivia Bennett")
    expect(page.get_by_role("link", name="Public Engagement Group", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    page.goto(live_server.url + "/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_the_sign_in_error_state_is_accessible(live_server, page, member, assert_accessible):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("E-mail address").fill("member@example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_have_value("member@example.org")
    assert_accessible(page)


def test_the_first_tab_reaches_the_skip_link(live_server, page, member):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")


def test_pages_do_not_scroll_sideways_at_200_percent_zoom(live_server, page, member):
    # 640 CSS pixels wide is what a 1280-pixel window shows at 200% zoom.
    page.set_viewport_size({"width": 640, "height": 800})
    sign_in(page, live_server, "member@example.org")
    for path in ["/dashboard/", "/profile/", "/profile/edit/", "/groups/peg/"]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


def test_member_pages_are_accessible(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    for path in ["/groups/peg/", "/profile/", "/profile/edit/", "/profile/equality/", "/accessibility/", "/privacy/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)
