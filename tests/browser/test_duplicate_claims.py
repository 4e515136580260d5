"""A member starts a second claim for a meeting they have claimed for: warned before submitting, and staff see
it flagged on the claims list and the decide page, in real Chromium; every page passes axe-core."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendee, Meeting
from members.expenses import services
from members.expenses.models import ClaimLine, ExpenseClaim
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_claims(peg, member):
    start = timezone.now().replace(microsecond=0) - timedelta(days=6)
    meeting = Meeting.objects.create(
        group=peg, title="Autumn meeting", start=start, end=start + timedelta(hours=3), status=Meeting.Status.HELD
    )
    Attendee.objects.create(meeting=meeting, user=member)
    claims = []
    for description, amount in [("Bus to the meeting", "10.13"), ("Parking at the hub", "4.50")]:
        claim = ExpenseClaim.objects.create(
            claimant=member, group=peg, meeting=meeting, activity_date=start.date(), description=description
        )
        ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal(amount))
        claims.append(claim)
    services.submit(claims[0], member)
    return claims


def test_a_second_claim_for_a_meeting_is_warned_and_flagged(live_server, page, staff, two_claims, assert_accessible):
    first, second = two_claims
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + second.get_absolute_url())
    expect(page.get_by_text("You have already claimed for this meeting or this day")).to_be_visible()
    expect(page.get_by_role("link", name=f"Claim {first.pk}: Bus to the meeting")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit your claim").click()
    expect(page.get_by_text("Your claim has been submitted.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "staff@example.org")
    page.goto(live_server.url + "/admin/expenses/expenseclaim/?check=duplicate")
    expect(page.get_by_role("link", name=f"Claim {second.pk}: Parking at the hub")).to_be_visible()
    expect(page.get_by_text("Already claimed for that meeting or day").first).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + f"/admin/expenses/expenseclaim/{second.pk}/decide/")
    expect(page.get_by_text("has already claimed for this meeting or this day")).to_be_visible()
    expect(page.get_by_role("link", name=f"Claim {first.pk}: Bus to the meeting")).to_be_visible()
    expect(page.get_by_text("£10.13")).to_be_visible()
    assert_accessible(page)
