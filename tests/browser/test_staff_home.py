"""An officer lands on the staff home with something in every section and follows a link to where it is done,
in real Chromium; the home, full and empty, passes axe-core."""

import pytest
from playwright.sync_api import expect

from members.expenses.models import ExpenseClaim
from tests.browser.test_sign_in import sign_in
from tests.core.test_staff_home import make_work

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_sees_what_needs_doing_and_opens_a_claim_to_decide(
    live_server, page, staff, peg, venue, assert_accessible
):
    make_work(peg, venue)
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs doing")
    for heading in ["Meetings", "Projects and responses", "Money", "Recruitment", "Plans and surveys", "E-mails"]:
        expect(page.get_by_role("heading", level=2, name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="1 coming, 1 sent apologies, 1 not replied")).to_be_visible()
    expect(page.get_by_text("1 e-mail could not be sent.")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="People and groups")).to_be_visible()
    assert_accessible(page)

    claim = ExpenseClaim.objects.get(status=ExpenseClaim.Status.SUBMITTED)
    page.get_by_role("link", name=str(claim)).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Decide on {claim}")


def test_the_home_says_all_is_done_when_nothing_is_waiting(live_server, page, staff, assert_accessible):
    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_role("heading", name="All done")).to_be_visible()
    expect(page.get_by_text("No claims are waiting for a decision.")).to_be_visible()
    assert_accessible(page)
