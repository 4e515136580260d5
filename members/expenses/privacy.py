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
from .payments import PaymentProfile


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
            "late_accepted_at",
            "late_reason",
        ),
        "expense_claim_costs": records(
            ClaimLine.objects.filter(claim__claimant=user),
            "claim_id",
            "kind",
            "details",
            "vehicle",
            "miles",
            "mileage_rate",
            "passengers",
            "passenger_rate",
            "amount",
            "pre_approved_by",
            "receipt",
        ),
        "expense_claim_history": records(
            ClaimEvent.objects.filter(claim__claimant=user), "claim_id", "created", "from_status", "to_status", "note"
        ),
        "involvement_payment_choices": records(
            InvolvementPreference.objects.filter(person=user), "group__name", "declines", "charity__name", "modified"
        ),
        "payment_preferences": records(
            PaymentProfile.objects.filter(person=user),
            "payroll_reference",
            "earnings_limit",
            "limit_period",
            "advice_offered_on",
            "modified",
        ),
        "involvement_payments": records(
            InvolvementPayment.objects.filter(person=user),
            "group__name",
            "activity",
            "activity_date",
            "description",
            "hours",
            "rate",
            "amount",
            "choice",
            "reduced_amount",
            "charity__name",
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
    # The payroll reference and benefits details are about the person, not a record of money paid.
    PaymentProfile.objects.filter(person=user).delete()
