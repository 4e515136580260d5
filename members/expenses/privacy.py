"""Expense records that are about a person (see members/privacy.py)."""

from engagement.core.personal_data import records

from . import services
from .models import (
    ClaimEvent,
    ClaimLine,
    Contract,
    ContractPayment,
    ExpenseClaim,
    InvolvementPayment,
    InvolvementPreference,
)


def personal_data(user):
    return {
        "expense_claims": records(
            ExpenseClaim.objects.filter(claimant=user),
            "pk",
            "group__name",
            "meeting__title",
            "activity_date",
            "description",
            "status",
            "submitted_at",
            "approved_at",
            "rejection_reason",
            "paid_on",
            "payment_reference",
        ),
        "expense_claim_costs": records(
            ClaimLine.objects.filter(claim__claimant=user),
            "claim_id",
            "kind",
            "details",
            "miles",
            "mileage_rate",
            "amount",
            "pre_approved_by",
            "receipt",
        ),
        "expense_claim_history": records(
            ClaimEvent.objects.filter(claim__claimant=user), "claim_id", "created", "from_status", "to_status", "note"
        ),
        "involvement_payment_choices": records(
            InvolvementPreference.objects.filter(person=user), "group__name", "declines", "modified"
        ),
        "involvement_payments": records(
            InvolvementPayment.objects.filter(person=user),
            "group__name",
            "activity_date",
            "description",
            "amount",
            "status",
            "paid_on",
            "payment_reference",
        ),
        "contracts": records(
            Contract.objects.filter(person=user),
            "group__name",
            "role",
            "start",
            "end",
            "annual_remuneration",
            "payment_frequency",
        ),
        "contract_payments": records(
            ContractPayment.objects.filter(contract__person=user),
            "contract__group__name",
            "paid_on",
            "amount",
            "reference",
        ),
    }


def files(user):
    lines = ClaimLine.objects.filter(claim__claimant=user).exclude(receipt="")
    return [(f"receipts/claim-{line.claim_id}-cost-{line.pk}-{line.receipt_name}", line.receipt) for line in lines]


def erase(user):
    # Submitted claims, payments and contracts are financial records kept for their legal retention
    # period, under "A former member". A draft was never sent, so it goes, with its receipts.
    for claim in ExpenseClaim.objects.filter(claimant=user, status=ExpenseClaim.Status.DRAFT):
        services.withdraw(claim, user)
    InvolvementPreference.objects.filter(person=user).delete()
