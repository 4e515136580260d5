"""Rates are data staff set from a date: a claim is paid at the rates for its activity's date, copied onto its
lines, and shown on the form as they will be applied and on the claim afterwards."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members.expenses import services
from members.expenses.models import ClaimLine, ExpenseRate

from .conftest import receipt
from .test_claim_form import post
from .test_claim_pages import mileage

pytestmark = pytest.mark.django_db
R = ExpenseRate.Kind
MILEAGE = ClaimLine.Kind.MILEAGE


def new_rate(kind, amount, applies_from):
    return ExpenseRate.objects.create(kind=kind, amount=Decimal(amount), applies_from=applies_from)


def mileage_line(make_claim, **values):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("10"), **values})])
    return claim.lines.get()


@pytest.mark.parametrize(
    ("vehicle", "rate", "amount"),
    [("car", "0.45", "4.50"), ("motorcycle", "0.24", "2.40"), ("bicycle", "0.20", "2.00")],
)
def test_it_pays_each_vehicle_at_its_own_rate(make_claim, vehicle, rate, amount):
    line = mileage_line(make_claim, vehicle=vehicle)
    assert (line.mileage_rate, line.amount) == (Decimal(rate), Decimal(amount))


def test_it_adds_the_passenger_supplement_for_each_passenger(make_claim):
    line = mileage_line(make_claim, vehicle="car", passengers=2)
    # 10 miles at 45p, and 10 miles at 5p for each of two passengers.
    assert (line.passenger_rate, line.amount) == (Decimal("0.05"), Decimal("5.50"))


def test_it_uses_the_rate_in_force_on_the_activity_date(make_claim):
    today = timezone.localdate()
    new_rate(R.CAR, "0.55", today - timedelta(days=3))
    before = make_claim(activity_date=today - timedelta(days=10), lines=[(MILEAGE, {"miles": Decimal("10")})])
    after = make_claim(activity_date=today - timedelta(days=1), lines=[(MILEAGE, {"miles": Decimal("10")})])
    assert [before.lines.get().amount, after.lines.get().amount] == [Decimal("4.50"), Decimal("5.50")]


def test_a_new_rate_does_not_alter_an_old_claim(make_claim, member):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("10"), "passengers": 1})])
    services.submit(claim, member)
    new_rate(R.CAR, "0.60", claim.activity_date)
    new_rate(R.PASSENGER, "0.10", claim.activity_date)
    line = claim.lines.get()
    assert (line.mileage_rate, line.passenger_rate, line.amount) == (Decimal("0.45"), Decimal("0.05"), Decimal("5.00"))


def test_a_bicycle_has_no_passengers(client, member, peg):
    client.force_login(member)
    response = post(client, peg, mileage("10", vehicle="bicycle", passengers="1"))
    assert response.context["lines"].forms[0].errors["passengers"] == ["A bicycle has no passengers: enter 0"]


def test_food_and_drink_is_paid_up_to_the_cap(client, member, peg):
    client.force_login(member)
    response = post(client, peg, {"kind": "subsistence", "amount": "6.00"}, {"kind": "subsistence", "amount": "4.01"})
    assert response.context["lines"].forms[1].errors["amount"] == [
        "Food and drink is paid up to £10.00 for one activity. Enter £10.00 or less"
    ]


def test_food_and_drink_at_the_cap_is_accepted(client, member, peg):
    client.force_login(member)
    assert post(client, peg, {"kind": "subsistence", "amount": "10.00"}).status_code == 302


def test_the_cap_is_the_one_for_the_activity_date(client, member, peg):
    new_rate(R.SUBSISTENCE_CAP, "15.00", timezone.localdate() - timedelta(days=1))
    client.force_login(member)
    assert post(client, peg, {"kind": "subsistence", "amount": "12.00"}).status_code == 302


@pytest.mark.parametrize("kind", sorted(ClaimLine.SUPPORT))
def test_support_costs_need_a_receipt(client, member, peg, kind):
    client.force_login(member)
    response = post(client, peg, {"kind": kind, "amount": "30.00", "details": "Morning"})
    assert response.context["lines"].forms[0].errors["receipt"] == [
        "Add the receipt or invoice: we can only pay support costs against one"
    ]


def test_a_support_cost_with_a_receipt_is_saved(client, member, peg):
    client.force_login(member)
    post(client, peg, {"kind": "interpreter", "amount": "60.00", "details": "BSL", "receipt": receipt()})
    assert ClaimLine.objects.get().kind == ClaimLine.Kind.INTERPRETER


def test_the_form_shows_the_rates_beside_the_boxes(client, member, peg):
    client.force_login(member)
    text = client.get(reverse("expenses:claim_create")).text
    assert '<option value="car" selected>Car: 45p a mile</option>' in text
    assert "We add 5p a mile for each passenger" in text
    assert "Food and drink, up to £10.00" in text


def test_the_form_lists_the_rates_for_the_claims_date(client, member, make_claim):
    claim = make_claim(activity_date=timezone.localdate() - timedelta(days=10))
    new_rate(R.CAR, "0.55", timezone.localdate() - timedelta(days=3))
    client.force_login(member)
    rates = client.get(reverse("expenses:claim_edit", args=[claim.pk])).context["rates"]
    assert rates[0] == "Car: 45p a mile"


def test_the_claim_shows_the_rates_and_the_sum_of_each_line(client, member, make_claim):
    claim = make_claim(lines=[(MILEAGE, {"miles": Decimal("10"), "passengers": 1})])
    client.force_login(member)
    text = client.get(claim.get_absolute_url()).text
    assert "10.0 miles by car at 45p a mile, with 1 passenger at 5p a mile each" in text
    assert "£5.00" in text


def test_the_demo_has_the_rates_and_a_passenger(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    line = ClaimLine.objects.get(passengers=1)
    assert (line.claim.claimant.email, line.passenger_rate) == ("chair@example.org", Decimal("0.05"))
