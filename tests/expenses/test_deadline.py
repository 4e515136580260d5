"""Claims must be made within EXPENSES_CLAIM_DEADLINE_MONTHS of the activity; staff may accept a late one, with a
reason that stays on the claim."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members.expenses import services, tasks
from members.expenses.models import ExpenseClaim, TransitionNotAllowed

from .test_claim_form import post

pytestmark = pytest.mark.django_db
S = ExpenseClaim.Status


@pytest.fixture
def late_claim(make_claim):
    return make_claim(activity_date=timezone.localdate() - timedelta(days=100))


def message(claim):
    return (
        "Claims must be made within 3 months of the activity. "
        f"This was on {claim.activity_date:%-d %B %Y}; please contact the engagement team."
    )


def test_it_refuses_a_claim_after_the_deadline(late_claim, member):
    with pytest.raises(TransitionNotAllowed) as refused:
        services.submit(late_claim, member)
    assert str(refused.value) == message(late_claim)


def test_it_leaves_a_refused_claim_a_draft(late_claim, member):
    with pytest.raises(TransitionNotAllowed):
        services.submit(late_claim, member)
    assert ExpenseClaim.objects.get(pk=late_claim.pk).status == S.DRAFT


def test_the_deadline_is_a_setting(late_claim, member, settings):
    settings.EXPENSES_CLAIM_DEADLINE_MONTHS = 4
    services.submit(late_claim, member)
    assert late_claim.status == S.SUBMITTED


def test_the_member_is_told_plainly_instead_of_a_submit_button(client, late_claim, member):
    client.force_login(member)
    response = client.get(late_claim.get_absolute_url())
    assert message(late_claim) in response.text
    assert "Submit your claim</button>" not in response.text


def test_saving_a_late_claim_says_at_once_that_it_is_too_late(client, member, peg):
    client.force_login(member)
    day = timezone.localdate() - timedelta(days=100)
    response = post(client, peg, {"kind": "parking", "amount": "3.00"}, activity_date=str(day))
    text = client.get(response.url).text
    assert "too late to submit: see below" in text and message(ExpenseClaim.objects.get()) in text


def test_staff_accept_a_late_claim_with_a_reason(late_claim, member, staff):
    services.accept_late(late_claim, staff, "In hospital after the meeting")
    services.submit(late_claim, member)
    late_claim.refresh_from_db()
    assert (late_claim.status, late_claim.late_accepted_by, late_claim.late_reason) == (
        S.SUBMITTED,
        staff,
        "In hospital after the meeting",
    )


def test_the_member_is_emailed_once_that_they_can_now_submit(late_claim, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_late(late_claim, staff, "In hospital after the meeting")
    tasks.announce_late_acceptance(late_claim.pk)
    assert [(m.subject, "In hospital after the meeting" in m.body) for m in mail.outbox] == [
        (f"Your expense claim {late_claim.pk}: you can now submit it", True)
    ]


def test_accepting_late_needs_a_reason(late_claim, staff):
    with pytest.raises(TransitionNotAllowed, match="Give the reason"):
        services.accept_late(late_claim, staff, "  ")


def test_only_staff_accept_a_late_claim(late_claim, member):
    with pytest.raises(TransitionNotAllowed):
        services.accept_late(late_claim, member, "I was ill")
    assert ExpenseClaim.objects.get(pk=late_claim.pk).late_accepted_at is None


def test_the_member_sees_the_reason_on_the_claim(client, late_claim, member, staff):
    services.accept_late(late_claim, staff, "In hospital after the meeting")
    client.force_login(member)
    text = client.get(late_claim.get_absolute_url()).text
    assert "Accepted after the deadline" in text and "In hospital after the meeting" in text


def test_staff_accept_a_late_claim_in_the_admin(client, late_claim, staff):
    client.force_login(staff)
    url = reverse("admin:expenses_expenseclaim_accept_late", args=[late_claim.pk])
    client.post(url, {"reason": "Agreed by phone"})
    assert ExpenseClaim.objects.get(pk=late_claim.pk).late_reason == "Agreed by phone"


def test_the_admin_offers_acceptance_only_for_a_late_draft(client, late_claim, make_claim, staff):
    client.force_login(staff)
    in_time = make_claim()
    offered = [
        "Accept after the deadline" in client.get(reverse("admin:expenses_expenseclaim_change", args=[claim.pk])).text
        for claim in (late_claim, in_time)
    ]
    assert offered == [True, False]


def test_the_demo_shows_a_draft_refused_and_a_claim_accepted_late(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    refused = ExpenseClaim.objects.filter(status=S.DRAFT, claimant__full_name="Siobhan Quinn").get()
    accepted = ExpenseClaim.objects.exclude(late_reason="").get()
    assert (refused.is_out_of_time(), accepted.claimant.full_name) == (True, "Tom Okafor")
