"""A member's download includes their claims and receipts; erasing a leaver keeps submitted claims and drops drafts."""

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from members import privacy
from members.expenses.models import ClaimLine, ExpenseClaim

from .conftest import PDF_BYTES, receipt

pytestmark = pytest.mark.django_db


def test_the_download_includes_claims_and_receipts_and_no_one_elses(client, member, other_member, make_claim):
    make_claim(
        description="Spring meeting",
        lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})],
    )
    make_claim(claimant=other_member, description="Priya's claim")
    client.force_login(member)
    archive = zipfile.ZipFile(io.BytesIO(client.post(reverse("my_data")).content))
    data = json.loads(archive.read("data.json"))
    assert [claim["What it was"] for claim in data["Expenses and contracts"]["Expense claims"]] == ["Spring meeting"]
    [name] = [name for name in archive.namelist() if name.startswith("files/expenses/receipts/")]
    assert archive.read(name) == PDF_BYTES


def test_erasing_a_leaver_keeps_submitted_claims_and_deletes_drafts(member, make_claim, submitted_claim):
    draft = make_claim(description="Never sent")
    privacy.erase(member)
    assert not ExpenseClaim.objects.filter(pk=draft.pk).exists()
    assert ExpenseClaim.objects.filter(pk=submitted_claim.pk).exists()
