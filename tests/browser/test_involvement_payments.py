"""A member declines one involvement payment and takes less of another, in real Chromium; the pages pass axe-core."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from members.expenses import services
from members.expenses.models import ExpenseSettings, InvolvementPayment
from members.expenses.payments import Activity, InvolvementRate, RateUnit
from members.models import Membership
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_payments(member, panel):
    Membership.objects.create(user=member, group=panel)
    ExpenseSettings.objects.create(group=panel, pays_involvement=True, involvement_rate=Decimal("25.00"))
    InvolvementRate.objects.create(
        group=panel,
        activity=Activity.PAPERS,
        unit=RateUnit.HOUR,
        amount=Decimal("12.50"),
        effective_from=date(2026, 1, 1),
    )
    return [
        services.record_involvement(member, panel, Activity.PAPERS, day, Decimal("2"), title)
        for day, title in [(date(2026, 3, 9), "GP leaflet"), (date(2026, 3, 16), "Dementia leaflet")]
    ]


def test_a_member_declines_one_payment_and_reduces_another(live_server, page, two_payments, assert_accessible):
    leaflet, dementia = two_payments
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/expenses/involvement/")
    expect(page.get_by_role("heading", name="Your earnings limit")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change how “GP leaflet” is paid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your payment for GP leaflet")
    assert_accessible(page)
    page.get_by_label("Decline the payment").check()
    page.get_by_role("button", name="Save your choice").click()
    expect(page.get_by_text("Saved your choice for “GP leaflet”")).to_be_visible()

    page.get_by_role("link", name="Change how “Dementia leaflet” is paid").click()
    page.get_by_label("Accept a smaller amount").check()
    page.get_by_label("How much would you like?").fill("£40")
    page.get_by_role("button", name="Save your choice").click()
    expect(page).to_have_title("Error: Your payment for Dementia leaflet – Public engagement groups")
    expect(page.get_by_role("link", name="Enter an amount more than £0 and less than £25.00")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("How much would you like?").fill("£10")
    page.get_by_role("button", name="Save your choice").click()
    expect(page.get_by_text("A smaller amount: £10.00")).to_be_visible()
    assert_accessible(page)

    chosen = dict(InvolvementPayment.objects.values_list("description", "choice"))
    assert chosen == {"GP leaflet": "decline", "Dementia leaflet": "reduce"}
