"""An officer follows the staff home's failed e-mails to their page, in real Chromium: who, what, when and
why in plain words, and "Try again" sends the e-mail. Each page passes axe-core."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_sign_in import sign_in
from tests.core.test_staff_home import make_work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_sees_a_failed_email_and_tries_it_again(live_server, page, staff, peg, venue, assert_accessible):
    make_work(peg, venue)
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="E-mails that failed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mails that failed")
    row = page.get_by_role("row").filter(has_text="Ada Coming 0")
    expect(row).to_contain_text("Meeting invitation: Public Engagement Group")
    expect(row).to_contain_text("Something went wrong on our side while sending it.")
    assert_accessible(page)

    page.get_by_role("button", name="Try again", exact=False).click()
    expect(page.get_by_text("1 e-mail will be sent again in the next few minutes.")).to_be_visible()
    expect(page.get_by_text("No e-mails have failed.")).to_be_visible()
    assert_accessible(page)
    assert [message.to for message in mail.outbox] == [[f"coming0-{peg.pk}@example.org"]]
