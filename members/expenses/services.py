"""A claim's workflow: each step checks who may take it, moves the claim, records the event and
queues the claimant's e-mail, in one transaction (the outbox row commits with the change).

Views, admin actions and the finance import all come here.
"""

from django.db import transaction
from django.utils import timezone

from engagement.core import outbox

from . import rules, tasks
from .models import CLAIMANT, ClaimEvent, ClaimLine, ExpenseClaim, ExpenseSettings, TransitionNotAllowed, mileage_amount


def submit(claim, user, answer=""):
    """Send to staff. From a query, the member's answer is the note; the first submission fixes the mileage rate."""

    def prepare(current):
        lines = list(claim.lines.all())
        if not lines:
            raise TransitionNotAllowed("Add at least one cost before you submit the claim.")
        if current == ExpenseClaim.Status.QUERIED and not answer.strip():
            raise TransitionNotAllowed("Answer the question from the engagement team before you send the claim back.")
        group_settings = ExpenseSettings.for_group(claim.group_id)
        if current == ExpenseClaim.Status.DRAFT:
            mileage = [line for line in lines if line.kind == ClaimLine.Kind.MILEAGE]
            for line in mileage:
                line.mileage_rate = group_settings.mileage_rate
                line.amount = mileage_amount(line.miles, line.mileage_rate)
            ClaimLine.objects.bulk_update(mileage, ["mileage_rate", "amount"])
        return {
            "claim_by": group_settings.claim_by(claim.activity_date),
            "submitted_at": claim.submitted_at or timezone.now(),
        }

    return _move(claim, "submit", user, answer, prepare)


def query(claim, user, question):
    return _move(claim, "query", user, question)


def approve(claim, user):
    return _move(claim, "approve", user, "", lambda current: {"approved_at": timezone.now()})


def reject(claim, user, reason):
    return _move(claim, "reject", user, reason, lambda current: {"rejection_reason": reason.strip()})


def mark_paid(claim, user, paid_on, reference):
    def prepare(current):
        if not paid_on or not (reference or "").strip():
            raise TransitionNotAllowed("Give the date the claim was paid and the payment reference.")
        return {"paid_on": paid_on, "payment_reference": reference.strip()}

    note = f"Paid on {paid_on:%-d %B %Y}, reference {reference}" if paid_on else ""
    return _move(claim, "mark_paid", user, note, prepare)


@transaction.atomic
def _move(claim, action, user, note="", prepare=None):
    step = ExpenseClaim.TRANSITIONS[action]
    allowed = rules.is_claimant(user, claim) if step.by == CLAIMANT else rules.can_decide_on_claim(user, claim)
    if not allowed:
        action_phrase = step.verb.format("it" if step.by == CLAIMANT else "a claim")
        raise TransitionNotAllowed(ExpenseClaim.NOT_ALLOWED[step.by].format(action_phrase))
    note = (note or "").strip()
    # Lock the row so two people acting at once cannot both move the claim from the same state.
    current = ExpenseClaim.objects.select_for_update().values_list("status", flat=True).get(pk=claim.pk)
    if current not in step.sources:
        where = ExpenseClaim.STATE_PHRASES[current]
        raise TransitionNotAllowed(f"You cannot {step.verb.format('this claim')}: it is {where}.")
    if step.note_required and not note:
        raise TransitionNotAllowed(step.note_required)
    changes = prepare(current) if prepare else {}
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.status = step.target
    claim.save(update_fields=["status", "modified", *changes])
    event = ClaimEvent.objects.create(claim=claim, actor=user, from_status=current, to_status=step.target, note=note)
    outbox.enqueue(tasks.announce_status, event.pk)
    return event


@transaction.atomic
def withdraw(claim, user):
    """A draft the member no longer wants is deleted with its receipts: nothing was ever sent to staff."""
    if not rules.is_claimant(user, claim):
        raise TransitionNotAllowed(ExpenseClaim.NOT_ALLOWED[CLAIMANT].format("withdraw it"))
    receipts = list(claim.lines.exclude(receipt="").values_list("receipt", flat=True))
    deleted, _ = ExpenseClaim.objects.filter(pk=claim.pk, status=ExpenseClaim.Status.DRAFT).delete()
    if not deleted:
        raise TransitionNotAllowed("Only a draft can be withdrawn: this claim has been submitted.")
    transaction.on_commit(lambda: [ClaimLine.receipt.field.storage.delete(name) for name in receipts])
