"""The claim workflow: only the allowed steps, from the allowed states, by the allowed people, each one recorded."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from engagement.core.models import Notification
from members.expenses import services, tasks
from members.expenses.models import ClaimLine, ClaimLocked, ExpenseClaim, TransitionNotAllowed
from members.models import Membership

from .conftest import receipt, set_status

pytestmark = pytest.mark.django_db
S = ExpenseClaim.Status


def take(claim, action, user):
    steps = {
        "submit": lambda: services.submit(claim, user, "My answer"),
        "query": lambda: services.query(claim, user, "Which bus did you take?"),
        "approve": lambda: services.approve(claim, user),
        "reject": lambda: services.reject(claim, user, "Not a group activity"),
        "mark_paid": lambda: services.mark_paid(claim, user, date(2026, 5, 1), "BACS-77"),
    }
    return steps[action]()


ALLOWED = {
    "submit": ({S.DRAFT, S.QUERIED}, S.SUBMITTED, "claimant"),
    "query": ({S.SUBMITTED}, S.QUERIED, "staff"),
    "approve": ({S.SUBMITTED}, S.APPROVED, "staff"),
    "reject": ({S.SUBMITTED, S.QUERIED}, S.REJECTED, "staff"),
    "mark_paid": ({S.APPROVED}, S.PAID, "staff"),
}


@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", ALLOWED)
def test_each_step_starts_only_from_its_allowed_states(action, status, make_claim, member, staff):
    sources, target, by = ALLOWED[action]
    claim = set_status(make_claim(), status)
    actor = member if by == "claimant" else staff
    if status in sources:
        take(claim, action, actor)
        assert ExpenseClaim.objects.get(pk=claim.pk).status == target
    else:
        with pytest.raises(TransitionNotAllowed, match="You cannot"):
            take(claim, action, actor)
        assert ExpenseClaim.objects.get(pk=claim.pk).status == status


@pytest.mark.parametrize("who", ["staff", "other_member", "chair"])
def test_only_the_claimant_submits(who, make_claim, request):
    claim = make_claim()
    with pytest.raises(TransitionNotAllowed, match="Only the member who made this claim can submit it"):
        services.submit(claim, request.getfixturevalue(who))
    assert ExpenseClaim.objects.get(pk=claim.pk).status == S.DRAFT


@pytest.mark.parametrize("who", ["member", "other_member", "chair"])
@pytest.mark.parametrize("action", ["query", "approve", "reject", "mark_paid"])
def test_only_staff_decide(action, who, make_claim, request):
    sources, _, _ = ALLOWED[action]
    claim = set_status(make_claim(), S.APPROVED if action == "mark_paid" else S.SUBMITTED)
    with pytest.raises(TransitionNotAllowed, match="Only engagement staff"):
        take(claim, action, request.getfixturevalue(who))
    assert ExpenseClaim.objects.get(pk=claim.pk).status in sources


def test_staff_cannot_approve_their_own_claim(make_claim, staff, peg):
    Membership.objects.create(user=staff, group=peg)
    claim = set_status(make_claim(claimant=staff), S.SUBMITTED)
    with pytest.raises(TransitionNotAllowed, match="and never their own"):
        services.approve(claim, staff)


def test_every_change_is_recorded_with_who_when_from_and_to(make_claim, member, staff):
    claim = make_claim()
    services.submit(claim, member)
    services.query(claim, staff, "Which car park?")
    services.submit(claim, member, "The hub's own car park.")
    services.approve(claim, staff)
    services.mark_paid(claim, staff, date(2026, 5, 1), "BACS-77")
    history = [(e.actor, e.from_status, e.to_status, e.note) for e in claim.events.all()]
    assert history == [
        (member, S.DRAFT, S.SUBMITTED, ""),
        (staff, S.SUBMITTED, S.QUERIED, "Which car park?"),
        (member, S.QUERIED, S.SUBMITTED, "The hub's own car park."),
        (staff, S.SUBMITTED, S.APPROVED, ""),
        (staff, S.APPROVED, S.PAID, "Paid on 1 May 2026, reference BACS-77"),
    ]
    assert all(event.created for event in claim.events.all())


def test_submission_is_dated_once_and_sets_the_deadline(make_claim, member, staff):
    claim = make_claim(activity_date=date(2026, 1, 31))
    # Whenever the suite runs, this date may be past the deadline.
    services.accept_late(claim, staff, "Agreed by phone")
    services.submit(claim, member)
    first = claim.submitted_at
    services.query(claim, staff, "Why?")
    services.submit(claim, member, "Because.")
    claim.refresh_from_db()
    assert claim.submitted_at == first
    assert claim.claim_by == date(2026, 4, 30)


def test_an_approved_claim_records_when(submitted_claim, staff):
    services.approve(submitted_claim, staff)
    submitted_claim.refresh_from_db()
    assert submitted_claim.approved_at is not None


def test_a_question_is_needed_to_query(submitted_claim, staff):
    with pytest.raises(TransitionNotAllowed, match="Write your question"):
        services.query(submitted_claim, staff, "  ")


def test_a_reason_is_needed_to_reject(submitted_claim, staff):
    with pytest.raises(TransitionNotAllowed, match="Give the reason"):
        services.reject(submitted_claim, staff, "")


def test_rejecting_keeps_the_reason(submitted_claim, staff):
    services.reject(submitted_claim, staff, "We cannot pay for glasses.")
    assert ExpenseClaim.objects.get(pk=submitted_claim.pk).rejection_reason == "We cannot pay for glasses."


def test_an_answer_is_needed_to_send_a_queried_claim_back(submitted_claim, member, staff):
    services.query(submitted_claim, staff, "Which bus?")
    with pytest.raises(TransitionNotAllowed, match="Answer the question"):
        services.submit(submitted_claim, member, "")
    assert ExpenseClaim.objects.get(pk=submitted_claim.pk).status == S.QUERIED


def test_a_claim_needs_a_cost_before_it_is_submitted(make_claim, member):
    claim = make_claim(lines=[])
    with pytest.raises(TransitionNotAllowed, match="at least one cost"):
        services.submit(claim, member)


def test_marking_paid_needs_a_date_and_a_reference(submitted_claim, staff):
    services.approve(submitted_claim, staff)
    with pytest.raises(TransitionNotAllowed, match="payment reference"):
        services.mark_paid(submitted_claim, staff, date(2026, 5, 1), "")
    assert ExpenseClaim.objects.get(pk=submitted_claim.pk).status == S.APPROVED


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED, S.REJECTED, S.PAID])
def test_a_claim_with_staff_or_decided_cannot_be_changed(status, make_claim):
    claim = set_status(make_claim(), status)
    line = claim.lines.get()
    line.amount = Decimal("99.00")
    with pytest.raises(ClaimLocked):
        line.save()
    with pytest.raises(ClaimLocked):
        line.delete()
    with pytest.raises(ClaimLocked):
        ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal("1.00"))
    claim.description = "Something else"
    with pytest.raises(ClaimLocked):
        claim.save()
    assert ExpenseClaim.objects.with_totals().get(pk=claim.pk).total == Decimal("4.50")


def test_the_member_is_emailed_once_for_each_change(make_claim, member, staff, django_capture_on_commit_callbacks):
    claim = make_claim()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(claim, member)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.query(claim, staff, "Which car park did you use?")
    assert [m.subject for m in mail.outbox] == [
        f"Your expense claim {claim.pk}: we have received it",
        f"Your expense claim {claim.pk}: we have a question",
    ]
    assert "Which car park did you use?" in mail.outbox[1].body
    assert mail.outbox[1].to == ["member@example.org"]
    tasks.announce_status(event.pk)
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(user=member, status=Notification.Status.SENT).count() == 2


def test_a_member_who_prefers_post_is_not_emailed(make_claim, member, django_capture_on_commit_callbacks):
    member.communication_preference = "post"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(make_claim(), member)
    assert mail.outbox == []


def test_the_paid_email_gives_the_date_reference_and_total(submitted_claim, staff, django_capture_on_commit_callbacks):
    services.approve(submitted_claim, staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_paid(submitted_claim, staff, date(2026, 5, 1), "BACS-77")
    body = mail.outbox[-1].body
    assert "paid on 1 May 2026" in body and "BACS-77" in body and "£4.50" in body


def test_a_draft_is_withdrawn_with_its_receipts(make_claim, member, django_capture_on_commit_callbacks):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    stored = claim.lines.get().receipt
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(claim, member)
    assert not ExpenseClaim.objects.filter(pk=claim.pk).exists()
    assert not stored.storage.exists(stored.name)


def test_a_submitted_claim_cannot_be_withdrawn(submitted_claim, member):
    with pytest.raises(TransitionNotAllowed, match="Only a draft"):
        services.withdraw(submitted_claim, member)
    assert ExpenseClaim.objects.filter(pk=submitted_claim.pk).exists()


def test_nobody_else_can_withdraw_a_draft(make_claim, other_member):
    claim = make_claim()
    with pytest.raises(TransitionNotAllowed):
        services.withdraw(claim, other_member)
    assert ExpenseClaim.objects.filter(pk=claim.pk).exists()
