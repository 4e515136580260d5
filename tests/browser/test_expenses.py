"""A member claims mileage for a meeting, with a receipt, and submits it, in real Chromium; expense pages pass axe-core."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendee, Meeting, Venue
from members.expenses.models import ClaimLine, Contract, ExpenseClaim, ExpenseSettings
from members.models import Membership
from tests.browser.test_sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def attended(peg, member):
    venue = Venue.objects.create(name="Community Hub", address="1 High Street", step_free=True)
    start = timezone.now().replace(microsecond=0) - timedelta(days=6)
    meeting = Meeting.objects.create(
        group=peg,
        title="Autumn meeting",
        start=start,
        end=start + timedelta(hours=3),
        venue=venue,
        status=Meeting.Status.HELD,
    )
    Attendee.objects.create(meeting=meeting, user=member)
    return meeting


def test_a_member_submits_a_mileage_claim_with_a_receipt(live_server, page, member, attended, assert_accessible):
    sign_in(page, live_server, "member@example.org")
    page.get_by_role("link", name="Expenses", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your expenses")
    expect(page.get_by_text("You have not made any claims yet.")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + attended.get_absolute_url())
    page.get_by_role("link", name="Claim expenses for this meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a new claim")
    expect(page.get_by_label("Which meeting was it?")).to_have_value(str(attended.pk))
    assert_accessible(page)

    page.get_by_label("Mileage in your own vehicle").check()
    expect(page.get_by_label("Amount")).to_be_hidden()
    page.get_by_label("How many miles?").fill("12.5")
    page.get_by_label("Receipt (optional)").set_input_files(
        {"name": "petrol-receipt.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn meeting")
    expect(page.get_by_role("link", name="petrol-receipt.pdf")).to_be_visible()
    expect(page.get_by_text("12.5 miles by car at 45p a mile")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Submit your claim").click()
    expect(page.get_by_text("Your claim has been submitted")).to_be_visible()
    expect(page.locator("main .nhsuk-tag")).to_have_text("Submitted")
    assert_accessible(page)
    claim = ExpenseClaim.objects.get(claimant=member)
    assert claim.status == ExpenseClaim.Status.SUBMITTED
    line = claim.lines.get()
    assert (line.kind, str(line.amount)) == (ClaimLine.Kind.MILEAGE, "5.63")

    page.get_by_role("link", name="Back to your expenses").click()
    expect(page.get_by_role("cell", name="£5.63")).to_be_visible()
    assert_accessible(page)


def test_the_claim_form_error_state_is_accessible_and_keeps_what_was_typed(
    live_server, page, member, assert_accessible
):
    sign_in(page, live_server, "member@example.org")
    page.goto(live_server.url + "/expenses/new/")
    page.get_by_label("What was it?").fill("Reading panel: leaflet review")
    page.get_by_label("Taxi (agreed in advance)").check()
    page.get_by_label("Amount").fill("£12.40")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title("Error: Start a new claim – Public engagement groups")
    expect(page.get_by_role("link", name="Cost 1: Say who agreed the taxi before your journey")).to_be_visible()
    expect(page.get_by_label("What was it?")).to_have_value("Reading panel: leaflet review")
    expect(page.get_by_label("Amount")).to_have_value("£12.40")
    assert_accessible(page)


def test_involvement_and_contract_pages_are_accessible(live_server, page, chair, peg, panel, assert_accessible):
    Membership.objects.create(user=chair, group=panel)
    ExpenseSettings.objects.create(group=panel, pays_involvement=True, involvement_rate=Decimal("25.00"))
    Contract.objects.create(person=chair, group=peg, start=date(2025, 4, 1), annual_remuneration=Decimal("5000.00"))
    sign_in(page, live_server, "chair@example.org")
    page.goto(live_server.url + "/expenses/")
    page.get_by_role("link", name="Your contract and remuneration payments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your contract")
    assert_accessible(page)
    page.goto(live_server.url + "/expenses/involvement/")
    expect(page.get_by_text("Involvement payments can affect your benefits")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("No, I do not want involvement payments").check()
    page.get_by_role("button", name="Save your choice for Reading Panel").click()
    expect(page.get_by_text("you will not get involvement payments from Reading Panel")).to_be_visible()
    assert_accessible(page)
