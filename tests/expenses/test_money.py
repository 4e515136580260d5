"""Money is exact: Decimal pounds and pence, mileage at the rate copied onto the line, totals summed in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from engagement.core.templatetags.money import pounds
from members.expenses import services
from members.expenses.models import ClaimLine, ExpenseClaim, ExpenseRate, ExpenseSettings, InvolvementPayment

from .conftest import set_status

pytestmark = pytest.mark.django_db
MILEAGE = ClaimLine.Kind.MILEAGE


def test_it_creates_group_settings_with_the_defaults(peg):
    group_settings = ExpenseSettings.for_group(peg.pk)
    assert not group_settings.pays_involvement


def test_mileage_is_the_miles_times_the_groups_rate(make_claim):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("10")})])
    line = claim.lines.get()
    assert (line.mileage_rate, line.amount) == (Decimal("0.45"), Decimal("4.50"))


def test_half_a_penny_rounds_up(make_claim):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("12.5")}), (MILEAGE, {"miles": Decimal("1.1")})])
    assert [line.amount for line in claim.lines.all()] == [Decimal("5.63"), Decimal("0.50")]


def test_the_total_is_an_exact_decimal_sum_of_the_lines(make_claim):
    claim = make_claim(
        lines=[
            (ClaimLine.Kind.PARKING, {"amount": Decimal("0.10")}),
            (ClaimLine.Kind.SUBSISTENCE, {"amount": Decimal("0.20")}),
            (MILEAGE, {"miles": Decimal("1.1")}),
        ]
    )
    total = ExpenseClaim.objects.with_totals().get(pk=claim.pk).total
    assert isinstance(total, Decimal)
    assert total == Decimal("0.80")


def test_a_claim_without_lines_totals_nothing(make_claim):
    claim = make_claim(lines=[])
    assert ExpenseClaim.objects.with_totals().get(pk=claim.pk).total == Decimal("0.00")


def new_car_rate(amount, applies_from):
    ExpenseRate.objects.create(kind=ExpenseRate.Kind.CAR, amount=Decimal(amount), applies_from=applies_from)


def test_a_rate_change_does_not_alter_a_submitted_claim(make_claim, member):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("20")})])
    services.submit(claim, member)
    new_car_rate("0.60", claim.activity_date)
    line = claim.lines.get()
    assert (line.mileage_rate, line.amount) == (Decimal("0.45"), Decimal("9.00"))


def test_a_rate_change_does_not_alter_a_queried_claim_sent_back(make_claim, member, staff):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("20")})])
    services.submit(claim, member)
    services.query(claim, staff, "Was this a return journey?")
    new_car_rate("0.60", claim.activity_date)
    line = claim.lines.get()
    line.details = "Return journey"
    line.save()
    services.submit(claim, member, "Yes, there and back.")
    line.refresh_from_db()
    assert (line.mileage_rate, line.amount) == (Decimal("0.45"), Decimal("9.00"))


def test_a_draft_is_paid_at_the_rate_in_force_when_it_is_submitted(make_claim, member):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("20")})])
    new_car_rate("0.50", claim.activity_date)
    services.submit(claim, member)
    assert claim.lines.get().amount == Decimal("10.00")


def test_the_database_refuses_a_negative_amount(make_claim):
    line = make_claim().lines.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.filter(pk=line.pk).update(amount=Decimal("-1.00"))


def test_the_database_refuses_a_paid_claim_without_a_reference(make_claim):
    claim = set_status(make_claim(), ExpenseClaim.Status.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpenseClaim.objects.filter(pk=claim.pk).update(status=ExpenseClaim.Status.PAID)


def test_money_is_shown_in_pounds_and_pence_with_thousands():
    assert pounds(Decimal("1234.5")) == "£1,234.50"


def test_a_sum_that_comes_back_as_a_float_shows_no_binary_tail():
    assert pounds(10.13) == "£10.13"


def test_nothing_summed_is_shown_as_no_money():
    assert pounds(None) == "£0.00"


def test_the_decide_page_shows_the_total_in_pounds_and_pence(client, staff, make_claim, member):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("10.13")})])
    services.submit(claim, member)
    client.force_login(staff)
    page = client.get(reverse("admin:expenses_expenseclaim_decide", args=[claim.pk])).text
    assert "Total <strong>£10.13</strong>" in page


def test_the_claims_list_shows_each_total_in_pounds_and_pence(client, staff, make_claim, member):
    services.submit(make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("1234.5")})]), member)
    client.force_login(staff)
    assert "£1,234.50" in client.get(reverse("admin:expenses_expenseclaim_changelist")).text


def test_the_involvement_payments_list_shows_amounts_in_pounds_and_pence(client, staff, member, paying_panel):
    InvolvementPayment.objects.create(
        person=member, group=paying_panel, activity_date=date(2025, 5, 1), description="Panel", amount=Decimal("25")
    )
    client.force_login(staff)
    assert "£25.00" in client.get(reverse("admin:expenses_involvementpayment_changelist")).text
