"""The demo: claims in every status, a queried one with its conversation, involvement payments and the chair's contract."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from members.expenses.models import ClaimEvent, Contract, ExpenseClaim, ExpenseSettings, InvolvementPayment
from members.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_the_demo_has_several_claims_in_every_status(seeded):
    counts = dict(ExpenseClaim.objects.values_list("status").annotate(n=Count("pk")))
    assert set(counts) == set(ExpenseClaim.Status.values)
    assert min(counts.values()) >= 2


def test_the_demo_has_a_queried_claim_with_its_conversation(seeded):
    claim = ExpenseClaim.objects.get(claimant__email="vice-chair@example.org")
    assert claim.status == ExpenseClaim.Status.QUERIED
    assert [e.to_status for e in claim.events.all()] == ["submitted", "queried", "submitted", "queried"]
    assert all(event.note for event in claim.events.all()[1:])


def test_the_chairs_contract_has_payments_and_only_staff_at_sees_contracts(seeded):
    contract = Contract.objects.get(person__email="chair@example.org")
    assert contract.payments.count() >= 4
    assert User.objects.get(email="staff@example.org").has_perm("expenses.view_contract")
    assert not User.objects.get(email="officer@example.org").has_perm("expenses.view_contract")


def test_the_reading_panel_pays_involvement_payments_and_the_peg_does_not(seeded):
    assert not ExpenseSettings.objects.get(group__slug="peg").pays_involvement
    assert ExpenseSettings.objects.get(group__slug="reading-panel").pays_involvement
    assert set(InvolvementPayment.objects.values_list("status", flat=True)) == {"check", "approved", "paid"}
    assert not InvolvementPayment.objects.filter(group__slug="peg").exists()


def test_seeding_again_duplicates_no_expenses(seeded):
    counts = [model.objects.count() for model in (ExpenseClaim, ClaimEvent, InvolvementPayment, Contract)]
    call_command("seed_demo")
    assert [model.objects.count() for model in (ExpenseClaim, ClaimEvent, InvolvementPayment, Contract)] == counts
