"""The claims list draws its rows itself (engagement/core/changelists.py): the page must come out as Django's own
result_list tag draws it, money, dates and the checks column included."""

import pytest
from django.urls import reverse

from members.expenses import services
from members.expenses.models import ExpenseClaim
from tests.members.test_admin_changelist_rows import drawn_as_django_draws_it

pytestmark = pytest.mark.django_db


def test_the_claim_list_is_drawn_as_django_draws_it(client, staff, member, make_claim, monkeypatch):
    make_claim(description="Bus & <train>")
    services.submit(make_claim(), member)
    client.force_login(staff)
    page = drawn_as_django_draws_it(
        client, ExpenseClaim, reverse("admin:expenses_expenseclaim_changelist"), monkeypatch
    )
    assert "£4.50" in page
