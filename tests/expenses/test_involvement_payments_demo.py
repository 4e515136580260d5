"""The demo shows each involvement-payment case: a rate card with a change of rate, and payments chosen each way."""

import pytest
from django.core.management import call_command

from members.expenses.models import InvolvementPayment
from members.expenses.payments import InvolvementRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_the_demo_has_payments_chosen_each_way_and_one_held_for_a_benefits_check(seeded):
    payments = InvolvementPayment.objects.with_choice()
    assert {"accept", "reduce", "charity", "decline"} <= set(payments.values_list("chosen", flat=True))
    assert payments.filter(status=InvolvementPayment.Status.CHECK).count() == 1


def test_the_demo_rate_card_has_a_rate_that_changed(seeded):
    assert InvolvementRate.objects.filter(group__slug="reading-panel", activity="meeting").count() == 2
