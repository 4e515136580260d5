"""A member claims mileage with a passenger, in real Chromium: the rates show beside the boxes and on the claim,
and both pages pass axe-core."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.expenses.models import ClaimLine, ExpenseClaim
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mileage_claim_with_a_passenger_shows_the_rates(live_server, page, member, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/expenses/new/")
    expect(page.locator("#rates")).to_contain_text("5p a mile for each passenger")
    page.get_by_label("What was it?").fill("Reading panel: leaflet review")
    day = timezone.localdate() - timedelta(days=3)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Mileage in your own vehicle").check()
    vehicle = page.get_by_label("What did you travel in?")
    expect(vehicle.locator("option")).to_have_text(["Car: 45p a mile", "Motorcycle: 24p a mile", "Bicycle: 20p a mile"])
    expect(page.get_by_text("We add 5p a mile for each passenger")).to_be_visible()
    assert_accessible(page)

    vehicle.select_option("car")
    page.get_by_label("How many miles?").fill("10")
    page.get_by_label("How many passengers?").fill("1")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading panel: leaflet review")
    expect(page.get_by_text("10.0 miles by car at 45p a mile, with 1 passenger at 5p a mile each")).to_be_visible()
    expect(page.get_by_role("cell", name="£5.00").first).to_be_visible()
    assert_accessible(page)
    line = ClaimLine.objects.get()
    assert (line.passengers, str(line.amount)) == (1, "5.00")


def test_a_late_draft_says_plainly_why_it_cannot_be_submitted(live_server, page, member, peg, assert_accessible):
    day = timezone.localdate() - timedelta(days=100)
    claim = ExpenseClaim.objects.create(claimant=member, group=peg, activity_date=day, description="Workshop")
    ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal("3.00"))
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + claim.get_absolute_url())
    expect(page.get_by_text("Claims must be made within 3 months of the activity.")).to_be_visible()
    expect(page.get_by_role("button", name="Submit your claim")).to_have_count(0)
    assert_accessible(page)
