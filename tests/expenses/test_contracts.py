"""The chair's contract: only a chair or vice-chair, never overlapping, seen by the Contracts role and the chair alone."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.expenses.models import Contract, ContractPayment
from members.models import Membership

pytestmark = pytest.mark.django_db


def contract(person, group, start=date(2025, 4, 1), end=date(2028, 3, 31), role="chair", **fields):
    return Contract(
        person=person, group=group, role=role, start=start, end=end, annual_remuneration=Decimal("5000.00"), **fields
    )


def test_the_chair_can_have_a_contract(chair, peg):
    contract(chair, peg).full_clean()


def test_a_volunteer_member_cannot_have_a_contract(member, peg):
    with pytest.raises(ValidationError, match="Volunteers are paid expenses only, never remuneration"):
        contract(member, peg).full_clean()


def test_someone_outside_the_group_cannot_have_a_contract(panel_member, peg):
    with pytest.raises(ValidationError, match="is not a member of"):
        contract(panel_member, peg).full_clean()


def test_the_contract_role_must_be_the_role_they_hold(chair, peg):
    with pytest.raises(ValidationError, match="give the contract that role"):
        contract(chair, peg, role="vice_chair").full_clean()


def test_a_vice_chair_can_have_a_vice_chair_contract(peg, other_member):
    Membership.objects.filter(user=other_member).update(role=Membership.Role.VICE_CHAIR)
    contract(other_member, peg, role="vice_chair").full_clean()


@pytest.mark.parametrize(
    "start, end",
    [
        (date(2026, 1, 1), date(2026, 12, 31)),  # inside
        (date(2024, 1, 1), date(2025, 4, 1)),  # ends on the first day
        (date(2028, 3, 31), None),  # open-ended from the last day
    ],
)
def test_overlapping_contracts_for_the_same_role_are_refused(start, end, chair, peg, other_member):
    contract(chair, peg).save()
    Membership.objects.filter(user=other_member).update(role=Membership.Role.CHAIR)
    with pytest.raises(ValidationError, match="This overlaps Jean Ellison's chair contract"):
        contract(other_member, peg, start=start, end=end).full_clean()


def test_an_open_ended_contract_overlaps_anything_after_it(chair, peg, other_member):
    contract(chair, peg, end=None).save()
    Membership.objects.filter(user=other_member).update(role=Membership.Role.CHAIR)
    with pytest.raises(ValidationError, match="with no end date"):
        contract(other_member, peg, start=date(2030, 1, 1), end=None).full_clean()


def test_a_contract_that_follows_on_is_allowed(chair, peg):
    contract(chair, peg).save()
    contract(chair, peg, start=date(2028, 4, 1), end=date(2031, 3, 31)).full_clean()


def test_changing_a_contract_does_not_overlap_itself(chair, peg):
    saved = contract(chair, peg)
    saved.save()
    saved.annual_remuneration = Decimal("5500.00")
    saved.full_clean()


def test_the_payment_per_period_is_exact_to_the_penny(chair, peg):
    monthly = contract(chair, peg, payment_frequency=Contract.Frequency.MONTHLY)
    assert monthly.payment_per_period == Decimal("416.67")
    assert contract(chair, peg).payment_per_period == Decimal("1250.00")


def test_the_chair_sees_their_contract_and_its_payments(client, chair, peg):
    saved = contract(chair, peg)
    saved.save()
    ContractPayment.objects.create(
        contract=saved, paid_on=date(2025, 6, 30), amount=Decimal("1250.00"), reference="CHAIR-2025-06"
    )
    ContractPayment.objects.create(
        contract=saved, paid_on=date(2025, 9, 30), amount=Decimal("1250.00"), reference="CHAIR-2025-09"
    )
    client.force_login(chair)
    text = client.get(reverse("expenses:contract")).text
    assert "£5,000.00" in text and "CHAIR-2025-09" in text and "£2,500.00" in text


@pytest.mark.parametrize("who", ["member", "staff", "contracts_staff"])
def test_nobody_else_sees_the_chairs_contract_on_the_member_site(who, client, chair, peg, request):
    contract(chair, peg).save()
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("expenses:contract")).status_code == 404


def test_the_expenses_page_links_to_the_contract_only_for_its_holder(client, chair, member, peg):
    contract(chair, peg).save()
    client.force_login(member)
    assert reverse("expenses:contract") not in client.get(reverse("expenses:claim_list")).text
    client.force_login(chair)
    assert reverse("expenses:contract") in client.get(reverse("expenses:claim_list")).text
