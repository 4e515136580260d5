"""A receipt store that cannot be written keeps the claim form as the member filled it in, and saves nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.core.models import FormSubmission
from members.expenses.models import ClaimLine, ExpenseClaim

from .conftest import receipt
from .test_claim_pages import claim_data, mileage

pytestmark = pytest.mark.django_db

TOKEN = "a-one-time-token-from-the-page"


@pytest.fixture
def send(client, member, peg):
    client.force_login(member)
    data = claim_data(peg, activity_date=str(timezone.localdate()), description="Reading panel", lines=[mileage("7.5")])

    def post():
        return client.post(reverse("expenses:claim_create"), data | {"form_token": TOKEN, "lines-0-receipt": receipt()})

    return post


def test_the_member_is_told_to_try_again(send, unwritable_storage):
    response = send()
    assert response.status_code == 200
    assert "We could not save your receipt just now; please try again." in response.text


def test_what_was_typed_is_kept(send, unwritable_storage):
    text = send().text
    assert 'value="7.5"' in text and 'value="Reading panel"' in text and "Start a new claim" in text


def test_nothing_is_saved(send, unwritable_storage):
    send()
    assert (ExpenseClaim.objects.count(), ClaimLine.objects.count(), FormSubmission.objects.count()) == (0, 0, 0)


def test_trying_again_once_the_store_recovers_saves_the_claim(send, unwritable_storage):
    send()
    unwritable_storage.undo()
    response = send()
    assert response.status_code == 302 and ClaimLine.objects.get().receipt.name.startswith("receipts/")
