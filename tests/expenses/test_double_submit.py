"""A double click or a resend saves a claim, or a new cost, once (engagement/core/idempotency.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.expenses.models import ClaimLine, ExpenseClaim

from .conftest import receipt
from .test_claim_pages import claim_data, mileage

pytestmark = pytest.mark.django_db

TOKEN = "a-one-time-token-from-the-page"


def test_the_claim_form_carries_a_one_time_token_and_both_buttons_wait(client, member, peg):
    client.force_login(member)
    page = client.get(reverse("expenses:claim_create"))
    assert 'name="form_token"' in page.text
    assert page.text.count('data-prevent-double-click="true"') == 2


def test_two_posts_with_the_same_token_make_one_claim(client, member, peg):
    client.force_login(member)
    data = claim_data(peg, activity_date=str(timezone.localdate()), description="Panel", lines=[mileage()])
    for _ in range(2):
        client.post(reverse("expenses:claim_create"), data | {"form_token": TOKEN, "lines-0-receipt": receipt()})
    assert ExpenseClaim.objects.count() == 1 and ClaimLine.objects.count() == 1


def test_the_second_post_goes_to_the_first_claim(client, member, peg):
    client.force_login(member)
    data = claim_data(peg, activity_date=str(timezone.localdate()), description="Panel", lines=[mileage()])
    responses = [client.post(reverse("expenses:claim_create"), data | {"form_token": TOKEN}) for _ in range(2)]
    assert [r.url for r in responses] == [ExpenseClaim.objects.get().get_absolute_url()] * 2


def test_a_new_cost_sent_twice_is_added_once(client, member, make_claim):
    claim = make_claim()
    line = claim.lines.get()
    client.force_login(member)
    data = claim_data(
        claim.group,
        activity_date=str(claim.activity_date),
        description=claim.description,
        initial=1,
        lines=[{"id": line.pk, "kind": "parking", "amount": "4.50"}, mileage()],
    )
    for _ in range(2):
        client.post(reverse("expenses:claim_edit", args=[claim.pk]), data | {"form_token": TOKEN})
    assert claim.lines.count() == 2
