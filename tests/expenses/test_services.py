"""Each step of a claim's workflow is one transaction: the move, its event and its e-mail, or none of them."""

from datetime import date

import pytest

from engagement.core.models import QueuedTask
from members.expenses import services
from members.expenses.models import ClaimEvent, ExpenseClaim
from tests.expenses.conftest import set_status

pytestmark = pytest.mark.django_db


def stays(claim, status):
    claim.refresh_from_db()
    return (
        claim.status == status
        and not ClaimEvent.objects.filter(to_status__in=["queried", "approved", "rejected", "paid"]).exists()
    )


def test_submitting_is_all_or_nothing(make_claim, member, fails_after_queueing):
    claim = make_claim()
    with pytest.raises(RuntimeError):
        services.submit(claim, member)
    claim.refresh_from_db()
    assert (claim.status, ClaimEvent.objects.count(), QueuedTask.objects.count()) == (ExpenseClaim.Status.DRAFT, 0, 0)


@pytest.mark.parametrize(
    "step",
    [
        lambda claim, staff: services.query(claim, staff, "Which car park?"),
        lambda claim, staff: services.approve(claim, staff),
        lambda claim, staff: services.reject(claim, staff, "Not an involvement activity."),
    ],
    ids=["query", "approve", "reject"],
)
def test_deciding_is_all_or_nothing(submitted_claim, staff, step, fails_after_queueing):
    queued = QueuedTask.objects.count()
    with pytest.raises(RuntimeError):
        step(submitted_claim, staff)
    assert stays(submitted_claim, ExpenseClaim.Status.SUBMITTED)
    assert QueuedTask.objects.count() == queued


def test_marking_paid_is_all_or_nothing(submitted_claim, staff, fails_after_queueing):
    set_status(submitted_claim, ExpenseClaim.Status.APPROVED)
    queued = QueuedTask.objects.count()
    with pytest.raises(RuntimeError):
        services.mark_paid(submitted_claim, staff, date(2026, 5, 1), "BACS-77")
    assert stays(submitted_claim, ExpenseClaim.Status.APPROVED)
    assert submitted_claim.payment_reference == ""
    assert QueuedTask.objects.count() == queued


def test_withdrawing_is_all_or_nothing(make_claim, member, monkeypatch):
    claim = make_claim()

    def crash(callback):
        raise RuntimeError("the server stopped here")

    monkeypatch.setattr(services.transaction, "on_commit", crash)
    with pytest.raises(RuntimeError):
        services.withdraw(claim, member)
    assert ExpenseClaim.objects.filter(pk=claim.pk).exists()
