"""A claim's workflow: each step checks who may take it, moves the claim, records the event and
queues the claimant's e-mail, in one transaction (the outbox row commits with the change).

Views, admin actions and the finance import all come here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagement.core import outbox
from engagement.core.templatetags.money import pounds
from members.rules import is_engagement_staff

from . import rules, tasks
from .models import (
    CLAIMANT,
    STAFF,
    ClaimEvent,
    ClaimLine,
    ExpenseClaim,
    ExpenseRate,
    InvolvementPayment,
    InvolvementPreference,
    TransitionNotAllowed,
    mileage_amount,
)
from .payments import Activity, Choice, InvolvementRate, PaymentProfile


def submit(claim, user, answer=""):
    """Send to staff. From a query, the member's answer is the note. The first submission is refused after the
    deadline unless staff accepted the claim, and fixes the rates for the activity's date on its mileage lines."""

    def prepare(current):
        lines = list(claim.lines.all())
        if not lines:
            raise TransitionNotAllowed("Add at least one cost before you submit the claim.")
        if current == ExpenseClaim.Status.QUERIED and not answer.strip():
            raise TransitionNotAllowed("Answer the question from the engagement team before you send the claim back.")
        if current == ExpenseClaim.Status.DRAFT:
            # Read again under the row lock: staff may have accepted it late a moment ago.
            claim.late_accepted_at = ExpenseClaim.objects.values_list("late_accepted_at", flat=True).get(pk=claim.pk)
            if claim.is_out_of_time():
                raise TransitionNotAllowed(claim.out_of_time_message())
            rates = ExpenseRate.on(claim.activity_date)
            mileage = [line for line in lines if line.kind == ClaimLine.Kind.MILEAGE]
            for line in mileage:
                line.apply_rates(rates)
                line.amount = mileage_amount(line.miles, line.mileage_rate, line.passengers, line.passenger_rate)
            ClaimLine.objects.bulk_update(mileage, ["mileage_rate", "passenger_rate", "amount"])
        return {"claim_by": claim.deadline, "submitted_at": claim.submitted_at or timezone.now()}

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
def accept_late(claim: ExpenseClaim, user, reason: str) -> None:
    """Staff let a draft past the claim deadline be submitted; the reason stays on the claim for audit."""
    if not rules.can_decide_on_claim(user, claim):
        raise TransitionNotAllowed(ExpenseClaim.NOT_ALLOWED[STAFF].format("accept a late claim"))
    reason = (reason or "").strip()
    if not reason:
        raise TransitionNotAllowed("Give the reason for accepting this claim after the deadline.")
    now = timezone.now()
    accepted = ExpenseClaim.objects.filter(
        pk=claim.pk, status=ExpenseClaim.Status.DRAFT, late_accepted_at__isnull=True
    ).update(late_accepted_at=now, late_accepted_by=user, late_reason=reason, modified=now)
    if accepted != 1:
        raise TransitionNotAllowed("Only a draft not yet accepted can be accepted after the deadline.")
    claim.late_accepted_at, claim.late_accepted_by, claim.late_reason = now, user, reason
    outbox.enqueue(tasks.announce_late_acceptance, claim.pk)


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


# Involvement payments: recorded by staff at the rate in force, chosen by the member, held for a benefits check.


@transaction.atomic
def record_involvement(person, group, activity, activity_date, hours, description, meeting=None) -> InvolvementPayment:
    """A payment at the group's rate for the activity on its date, copied onto the payment."""
    rate = InvolvementRate.objects.in_force(group.pk, activity, activity_date)
    if rate is None:
        raise ValidationError(
            f"{group} has no rate for {Activity(activity).label.lower()} on {activity_date:%-d %B %Y}: "
            "add one to its rate card first."
        )
    payment = InvolvementPayment(
        person=person,
        group=group,
        meeting=meeting,
        activity=activity,
        activity_date=activity_date,
        hours=hours,
        description=description,
        rate=rate.amount,
        rate_unit=rate.unit,
        amount=rate.amount_for(hours),
    )
    payment.full_clean()
    payment.save()
    payment.check_limit()
    return payment


@transaction.atomic
def choose_for_payment(payment, user, choice, reduced_amount=None, charity=None) -> InvolvementPayment:
    """The member's choice for one payment, until it goes to payroll."""
    if payment.person_id != user.pk:
        raise TransitionNotAllowed("Only the member it is for can choose what happens to a payment.")
    # Locked so an export running now cannot send the payment with the choice half made.
    locked = InvolvementPayment.objects.select_for_update().get(pk=payment.pk)
    if not locked.is_open:
        raise TransitionNotAllowed(
            "This payment has gone to payroll, so it can no longer be changed. Ask the engagement team if it is wrong."
        )
    if choice == Choice.REDUCE and not (reduced_amount and 0 < reduced_amount < locked.amount):
        raise TransitionNotAllowed(f"Enter an amount more than £0 and less than {pounds(locked.amount)}.")
    if choice == Choice.CHARITY and (charity is None or not charity.active):
        raise TransitionNotAllowed("Choose one of the charities listed.")
    locked.choice = choice
    locked.reduced_amount = reduced_amount if choice == Choice.REDUCE else None
    locked.charity = charity if choice == Choice.CHARITY else None
    locked.save(update_fields=["choice", "reduced_amount", "charity"])
    _check_limits(locked.person_id)
    return locked


@transaction.atomic
def set_standing_choice(person, group, choice, charity=None) -> InvolvementPreference:
    """Accept, decline or give to a charity until the member says otherwise. It applies to the group's payments
    not yet sent to payroll as well, replacing any choice made for one of them."""
    if choice not in (Choice.ACCEPT, Choice.DECLINE, Choice.CHARITY):
        raise TransitionNotAllowed("A smaller amount is chosen for each payment, not for all of them.")
    if choice == Choice.CHARITY and (charity is None or not charity.active):
        raise TransitionNotAllowed("Choose one of the charities listed.")
    preference, _ = InvolvementPreference.objects.update_or_create(
        person=person,
        group=group,
        defaults={"declines": choice == Choice.DECLINE, "charity": charity if choice == Choice.CHARITY else None},
    )
    _open_payments(person.pk).filter(group=group).update(choice="", reduced_amount=None, charity=None)
    _check_limits(person.pk)
    return preference


@transaction.atomic
def save_earnings_limit(person, earnings_limit, limit_period, advice_offered_on) -> PaymentProfile:
    profile, _ = PaymentProfile.objects.update_or_create(
        person=person,
        defaults={
            "earnings_limit": earnings_limit,
            "limit_period": limit_period,
            "advice_offered_on": advice_offered_on,
        },
    )
    _check_limits(person.pk)
    return profile


@transaction.atomic
def confirm_limit_checked(payment, user, checked) -> None:
    """Approve a payment held because it takes the member over their earnings limit. Staff must say they have
    checked: the payment may cost the member more in benefits than it pays them."""
    if not is_engagement_staff(user) or payment.person_id == user.pk:
        raise TransitionNotAllowed(
            "Only engagement staff can approve a payment after a benefits check, never their own."
        )
    if not checked:
        raise TransitionNotAllowed(
            "Tick to confirm you have checked the earnings limit with the member before approving the payment."
        )
    moved = InvolvementPayment.objects.filter(pk=payment.pk, status=InvolvementPayment.Status.CHECK).update(
        status=InvolvementPayment.Status.APPROVED, limit_checked_by=user, limit_checked_at=timezone.now()
    )
    if moved != 1:
        raise TransitionNotAllowed("This payment is not waiting for a benefits check.")
    payment.refresh_from_db()


def _open_payments(person_id):
    return InvolvementPayment.objects.filter(person_id=person_id, exported_at=None).exclude(
        status=InvolvementPayment.Status.PAID
    )


def _check_limits(person_id):
    # A change to one payment or to the limit moves the total of every other payment in the same period.
    for payment in _open_payments(person_id):
        payment.check_limit()
