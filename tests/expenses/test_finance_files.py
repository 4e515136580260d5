"""Finance files: approved claims out as CSV/XLSX; the file back with payment dates and references marks them paid.

All-or-nothing: one bad row and nothing is marked paid, with each bad row's problem in plain English.
"""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from members.expenses import services
from members.expenses.models import ClaimLine, ExpenseClaim, InvolvementPayment
from members.expenses.resources import FinanceClaimResource, FinanceInvolvementResource
from members.models import Membership
from tests import import_jobs

pytestmark = pytest.mark.django_db
S = ExpenseClaim.Status
PAID_ON = date(2026, 5, 1)


@pytest.fixture
def approved(make_claim, member, staff):
    def make(**fields):
        claim = make_claim(**fields)
        services.submit(claim, member)
        services.approve(claim, staff)
        return claim

    return make


def finance_file():
    """The export, as finance would get it."""
    return FinanceClaimResource().export()


def fill_in(dataset, payments):
    """Finance fills in the payment date and reference for the rows they paid: {id: (date text, reference)}."""
    payments = {str(pk): paid for pk, paid in payments.items()}
    rows = []
    for row in dataset.dict:
        if str(row[dataset.headers[0]]) in payments:
            row["payment_date"], row["payment_reference"] = payments[str(row[dataset.headers[0]])]
            rows.append([row[h] for h in dataset.headers])
    return tablib.Dataset(*rows, headers=dataset.headers)


def status_of(claim):
    return ExpenseClaim.objects.get(pk=claim.pk).status


def test_the_export_has_one_row_per_approved_claim_with_the_finance_columns(approved, make_claim, member):
    claim = approved(
        lines=[
            (ClaimLine.Kind.PARKING, {"amount": Decimal("4.50")}),
            (ClaimLine.Kind.MILEAGE, {"miles": Decimal("10")}),
        ]
    )
    make_claim(description="Still a draft")
    dataset = finance_file()
    assert dataset.headers == [
        "claim_id",
        "claimant",
        "email",
        "group",
        "activity_date",
        "total",
        "approved_date",
        "payment_date",
        "payment_reference",
    ]
    [row] = dataset.dict
    assert row["claim_id"] == str(claim.pk)
    assert (row["claimant"], row["email"], row["group"]) == (
        "Olivia Bennett",
        "member@example.org",
        "Public Engagement Group",
    )
    assert row["total"] == "9.00"
    assert row["approved_date"] == timezone.localdate().strftime("%d/%m/%Y")
    assert row["activity_date"] == claim.activity_date.strftime("%d/%m/%Y")
    assert (row["payment_date"], row["payment_reference"]) == ("", "")


def test_the_export_runs_one_query_however_many_claims(approved, django_assert_num_queries):
    approved()
    # approved claims with their totals, claimants and groups
    with django_assert_num_queries(1):
        finance_file()
    for _ in range(6):
        approved()
    with django_assert_num_queries(1):
        assert len(finance_file()) == 7


def test_export_then_reimport_marks_the_right_claims_paid(approved, staff):
    first, second, unpaid = approved(), approved(), approved()
    returned = fill_in(finance_file(), {first.pk: ("01/05/2026", "BACS-1001"), second.pk: ("2026-05-01", "BACS-1002")})
    result = FinanceClaimResource().import_data(returned, user=staff)
    assert not result.has_errors() and not result.has_validation_errors()
    for claim, reference in [(first, "BACS-1001"), (second, "BACS-1002")]:
        claim.refresh_from_db()
        assert (claim.status, claim.paid_on, claim.payment_reference) == (S.PAID, PAID_ON, reference)
        assert claim.events.last().actor == staff
    assert status_of(unpaid) == S.APPROVED


def test_a_dry_run_marks_nothing_paid(approved, staff):
    claim = approved()
    result = FinanceClaimResource().import_data(
        fill_in(finance_file(), {claim.pk: ("01/05/2026", "BACS-1")}), dry_run=True, user=staff
    )
    assert not result.has_validation_errors()
    assert status_of(claim) == S.APPROVED
    assert not claim.events.filter(to_status=S.PAID).exists()


def test_a_file_with_one_bad_row_changes_nothing_and_explains_each_bad_row(approved, make_claim, member, staff):
    good, no_reference, bad_date = approved(), approved(), approved()
    submitted = make_claim()
    services.submit(submitted, member)
    headers = ["claim_id", "payment_date", "payment_reference"]
    returned = tablib.Dataset(
        [good.pk, "01/05/2026", "BACS-1"],
        [99999, "01/05/2026", "BACS-2"],
        [submitted.pk, "01/05/2026", "BACS-3"],
        [no_reference.pk, "01/05/2026", ""],
        [bad_date.pk, "31/02/2026", "BACS-5"],
        ["abc", "01/05/2026", "BACS-6"],
        headers=headers,
    )
    result = FinanceClaimResource().import_data(returned, user=staff)
    assert result.has_validation_errors()
    assert {claim.pk: status_of(claim) for claim in [good, no_reference, bad_date]} == dict.fromkeys(
        [good.pk, no_reference.pk, bad_date.pk], S.APPROVED
    )
    assert status_of(submitted) == S.SUBMITTED
    problems = {row.number: row.error_dict for row in result.invalid_rows}
    assert problems == {
        2: {"claim_id": ["There is no claim number 99999."]},
        3: {"claim_id": [f"Claim {submitted.pk} is not approved (it is submitted), so it cannot be marked paid."]},
        4: {"payment_reference": ["Give the payment reference."]},
        5: {
            "payment_date": [
                "“31/02/2026” is not a date we can read. Write the day first, like 31/12/2029 or 31 December 2029."
            ]
        },
        6: {"claim_id": ["“abc” is not a claim number."]},
    }


@pytest.mark.parametrize("odd", ["Infinity", "-Infinity", "NaN", "sNaN", "1E+999999999", "12.5", "0"])
def test_a_claim_number_that_is_no_whole_number_is_explained(odd, approved, staff):
    claim = approved()
    returned = tablib.Dataset([odd, "01/05/2026", "BACS-1"], headers=["claim_id", "payment_date", "payment_reference"])
    result = FinanceClaimResource().import_data(returned, user=staff)
    assert [row.error_dict for row in result.invalid_rows] == [{"claim_id": [f"“{odd}” is not a claim number."]}]
    assert status_of(claim) == S.APPROVED


def test_a_missing_or_future_payment_date_is_refused(approved, staff):
    missing, future = approved(), approved()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    result = FinanceClaimResource().import_data(
        fill_in(finance_file(), {missing.pk: ("", "BACS-1"), future.pk: (tomorrow, "BACS-2")}), user=staff
    )
    by_claim = {int(row.values[0]): row.error_dict["payment_date"] for row in result.invalid_rows}
    assert by_claim[missing.pk] == ["Give the date it was paid."]
    assert by_claim[future.pk][0].endswith("is in the future: give the date it was paid.")
    assert status_of(missing) == status_of(future) == S.APPROVED


def test_importing_the_same_file_twice_skips_claims_already_paid(approved, staff):
    claim = approved()
    returned = fill_in(finance_file(), {claim.pk: ("01/05/2026", "BACS-1")})
    FinanceClaimResource().import_data(returned, user=staff)
    again = FinanceClaimResource().import_data(returned, user=staff)
    assert not again.has_validation_errors() and again.totals["skip"] == 1
    assert claim.events.filter(to_status=S.PAID).count() == 1


def test_a_claim_already_paid_differently_is_reported(approved, staff):
    claim = approved()
    FinanceClaimResource().import_data(fill_in(finance_file(), {claim.pk: ("01/05/2026", "BACS-1")}), user=staff)
    result = FinanceClaimResource().import_data(
        tablib.Dataset([claim.pk, "02/05/2026", "BACS-9"], headers=["claim_id", "payment_date", "payment_reference"]),
        user=staff,
    )
    assert result.invalid_rows[0].error_dict == {
        "__all__": [f"Claim {claim.pk} was already marked paid on 1 May 2026 with reference BACS-1."]
    }


def test_the_xlsx_export_imports_back(approved, staff):
    claim = approved()
    exported = fill_in(finance_file(), {claim.pk: ("01/05/2026", "BACS-1")}).export("xlsx")
    result = FinanceClaimResource().import_data(
        tablib.Dataset().load(io.BytesIO(exported).read(), format="xlsx"), user=staff
    )
    assert not result.has_validation_errors(), result.invalid_rows
    assert status_of(claim) == S.PAID


def test_staff_preview_then_confirm_the_finance_file_in_the_admin(
    client, approved, staff, django_capture_on_commit_callbacks
):
    claim = approved()
    client.force_login(staff)
    csv = f"claim_id,payment_date,payment_reference\n{claim.pk},01/05/2026,BACS-1\n"
    preview = import_jobs.upload(client, "expenses_expenseclaim", csv, django_capture_on_commit_callbacks)
    assert "Confirm import" in preview.text
    assert status_of(claim) == S.APPROVED
    import_jobs.confirm(client, "expenses_expenseclaim", preview, django_capture_on_commit_callbacks)
    assert status_of(claim) == S.PAID


def test_the_admin_preview_lists_bad_rows_and_offers_no_confirmation(
    client, approved, staff, django_capture_on_commit_callbacks
):
    claim = approved()
    client.force_login(staff)
    csv = f"claim_id,payment_date,payment_reference\n{claim.pk},01/05/2026,BACS-1\n424242,01/05/2026,BACS-2\n"
    preview = import_jobs.upload(client, "expenses_expenseclaim", csv, django_capture_on_commit_callbacks)
    assert "There is no claim number 424242." in preview.text
    assert "Confirm import" not in preview.text
    assert status_of(claim) == S.APPROVED


def test_staff_download_the_finance_file_from_the_admin(client, approved, staff):
    claim = approved()
    client.force_login(staff)
    response = client.post(
        reverse("admin:expenses_expenseclaim_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"financeclaimresource_{name}": "on" for name in FinanceClaimResource.Meta.fields},
        },
    )
    assert response.status_code == 200
    assert f"{claim.pk},Olivia Bennett,member@example.org" in response.content.decode()


def test_members_cannot_reach_the_import(client, member):
    client.force_login(member)
    assert client.get(reverse("admin:expenses_expenseclaim_import")).status_code == 302


def test_involvement_payments_are_exported_and_marked_paid_the_same_way(member, paying_panel, staff):
    Membership.objects.create(user=member, group=paying_panel)
    payment = InvolvementPayment.objects.create(
        person=member,
        group=paying_panel,
        activity_date=date(2026, 4, 20),
        description="Leaflet review",
        amount=Decimal("25.00"),
    )
    dataset = FinanceInvolvementResource().export()
    assert dataset.dict[0]["amount"] == "25.00" and dataset.dict[0]["person"] == "Olivia Bennett"
    result = FinanceInvolvementResource().import_data(
        fill_in(dataset, {payment.pk: ("01/05/2026", "INV-1")}), user=staff
    )
    assert not result.has_validation_errors(), result.invalid_rows
    payment.refresh_from_db()
    assert (payment.status, payment.paid_on, payment.payment_reference) == ("paid", PAID_ON, "INV-1")
