"""Staff in the admin: decide on claims singly or in bulk, see the checks, totals per financial year; contracts need their own role."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.core.confirm import CONFIRMED
from meetings.models import Attendee, Meeting
from members import roles
from members.expenses import services
from members.expenses.models import (
    ClaimEvent,
    ClaimLine,
    Contract,
    ExpenseClaim,
    InvolvementPayment,
    InvolvementPreference,
)
from members.models import Membership
from tests.conftest import make_person
from tests.members.test_admin_changelist_rows import drawn_as_django_draws_it

from .conftest import receipt, set_status

pytestmark = pytest.mark.django_db
S = ExpenseClaim.Status


def decide(client, claim, **data):
    return client.post(reverse("admin:expenses_expenseclaim_decide", args=[claim.pk]), data)


def test_staff_approve_a_claim_on_its_decision_page(client, staff, submitted_claim, django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, submitted_claim, decision="approve")
    assert response.status_code == 302
    assert ExpenseClaim.objects.get(pk=submitted_claim.pk).status == S.APPROVED
    assert submitted_claim.events.last().actor == staff
    assert mail.outbox[-1].subject == f"Your expense claim {submitted_claim.pk}: approved"


def test_staff_ask_the_member_a_question(client, staff, submitted_claim):
    client.force_login(staff)
    decide(client, submitted_claim, decision="query", note="Which bus did you take?")
    claim = ExpenseClaim.objects.get(pk=submitted_claim.pk)
    assert claim.status == S.QUERIED
    assert claim.events.last().note == "Which bus did you take?"


def test_a_question_without_words_is_sent_back_to_staff(client, staff, submitted_claim):
    client.force_login(staff)
    response = decide(client, submitted_claim, decision="query", note="")
    assert "Write the question or the reason" in response.text
    assert ExpenseClaim.objects.get(pk=submitted_claim.pk).status == S.SUBMITTED


def test_staff_mark_a_single_claim_paid(client, staff, submitted_claim):
    services.approve(submitted_claim, staff)
    client.force_login(staff)
    decide(client, submitted_claim, decision="mark_paid", paid_on="2026-05-01", payment_reference="BACS-5")
    claim = ExpenseClaim.objects.get(pk=submitted_claim.pk)
    assert (claim.status, claim.paid_on, claim.payment_reference) == (S.PAID, date(2026, 5, 1), "BACS-5")


def test_the_decision_page_offers_only_the_steps_open_now(client, staff, submitted_claim):
    client.force_login(staff)
    choices = (
        client.get(reverse("admin:expenses_expenseclaim_decide", args=[submitted_claim.pk]))
        .context["form"]
        .fields["decision"]
        .choices
    )
    assert [value for value, _ in choices] == ["approve", "query", "reject"]


def test_staff_cannot_decide_on_their_own_claim_in_the_admin(client, staff, peg, make_claim):
    Membership.objects.create(user=staff, group=peg)
    claim = set_status(make_claim(claimant=staff), S.SUBMITTED)
    client.force_login(staff)
    response = decide(client, claim, decision="approve")
    assert "and never their own" in response.text
    assert ExpenseClaim.objects.get(pk=claim.pk).status == S.SUBMITTED


def approve_claims(client, *claims, confirmed=True):
    """The bulk action; it approves (and e-mails) only once its confirmation is answered with Send."""
    fields = {"action": "approve_claims", "_selected_action": [claim.pk for claim in claims]}
    if confirmed:
        fields[CONFIRMED] = "1"
    return client.post(reverse("admin:expenses_expenseclaim_changelist"), fields, follow=True)


def test_staff_approve_several_claims_at_once_through_the_workflow(client, staff, make_claim, member):
    first, second = make_claim(), make_claim()
    services.submit(first, member)
    services.submit(second, member)
    draft = make_claim()
    client.force_login(staff)
    approve_claims(client, first, second, draft)
    assert [status for (status,) in ExpenseClaim.objects.order_by("pk").values_list("status")] == [
        S.APPROVED,
        S.APPROVED,
        S.DRAFT,
    ]
    assert first.events.last().actor == staff


def test_approving_claims_asks_first_and_approves_nothing(client, staff, make_claim, member):
    claim = make_claim()
    services.submit(claim, member)
    client.force_login(staff)
    response = approve_claims(client, claim, confirmed=False)
    assert "1 person will be e-mailed" in response.text
    assert ExpenseClaim.objects.get(pk=claim.pk).status == S.SUBMITTED


def test_approving_claims_previews_the_approval_email(client, staff, make_claim, member):
    claim = make_claim()
    services.submit(claim, member)
    client.force_login(staff)
    response = approve_claims(client, claim, confirmed=False)
    assert response.context["message"].subject == f"Your expense claim {claim.pk}: approved"


def test_approving_claims_names_those_left_out_and_why(client, staff, make_claim, member):
    claim, draft = make_claim(), make_claim()
    services.submit(claim, member)
    client.force_login(staff)
    response = approve_claims(client, claim, draft, confirmed=False)
    assert response.context["left_out"] == [f"Claim {draft.pk} is left out: it is still a draft."]


def test_approving_claims_says_how_many_were_approved_and_emailed(
    client, staff, make_claim, member, django_capture_on_commit_callbacks
):
    first, second = make_claim(), make_claim()
    services.submit(first, member)
    services.submit(second, member)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = approve_claims(client, first, second)
    assert [str(m) for m in response.context["messages"]] == ["2 claims approved; 1 member e-mailed."]


def test_the_admin_list_shows_and_filters_the_checks(client, staff, make_claim, other_member, member, past_meeting):
    missed = make_claim(claimant=other_member, meeting=past_meeting, description="Not there")
    services.submit(missed, other_member)
    fine = make_claim(meeting=past_meeting, description="Was there")
    services.submit(fine, member)
    client.force_login(staff)
    url = reverse("admin:expenses_expenseclaim_changelist")
    assert "Not recorded at the meeting" in client.get(url).text
    filtered = client.get(url + "?check=not_at_meeting").context["cl"].result_list
    assert list(filtered) == [missed]


def test_the_admin_claim_list_is_drawn_as_django_draws_it(client, staff, make_claim, other_member, member, monkeypatch):
    services.submit(make_claim(claimant=other_member, description="Taxi & <parking>"), other_member)
    services.submit(make_claim(description="Bus"), member)
    make_claim(description="Draft")
    client.force_login(staff)
    url = reverse("admin:expenses_expenseclaim_changelist") + "?status__exact=submitted"
    page = drawn_as_django_draws_it(client, ExpenseClaim, url, monkeypatch)
    assert page.count('name="_selected_action"') == 2


def test_the_admin_claim_page_shows_the_checks_and_cannot_be_edited(
    client, staff, make_claim, other_member, past_meeting
):
    claim = make_claim(claimant=other_member, meeting=past_meeting)
    services.submit(claim, other_member)
    client.force_login(staff)
    url = reverse("admin:expenses_expenseclaim_change", args=[claim.pk])
    page = client.get(url)
    assert "Not recorded at the meeting" in page.text and "Decide on this claim" in page.text
    assert client.post(url, {"description": "Changed"}).status_code == 403
    assert ExpenseClaim.objects.get(pk=claim.pk).description == "Group meeting"


def test_the_admin_claim_page_does_not_look_up_each_events_actor(client, staff, officer, submitted_claim, member):
    client.force_login(staff)
    url = reverse("admin:expenses_expenseclaim_change", args=[submitted_claim.pk])
    client.get(url)  # the first look fills caches (content types, permissions)
    with CaptureQueriesContext(connection) as one_event:
        client.get(url)
    for actor in (staff, officer, member):
        ClaimEvent.objects.create(claim=submitted_claim, actor=actor, from_status=S.SUBMITTED, to_status=S.SUBMITTED)
    with CaptureQueriesContext(connection) as four_events:
        page = client.get(url)
    assert "Sam Whitfield" in page.text
    assert len(four_events) == len(one_event)


def test_the_admin_links_receipts_through_the_checked_download(client, staff, make_claim):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    client.force_login(staff)
    page = client.get(reverse("admin:expenses_expenseclaim_change", args=[claim.pk])).text
    assert claim.lines.get().get_receipt_url() in page
    assert "/receipts/" not in page.replace(claim.lines.get().get_receipt_url(), "")


def test_totals_per_person_count_one_financial_year(client, staff, make_claim, member, other_member):
    def decided(claimant, day, amount, paid=False):
        claim = make_claim(
            claimant=claimant, activity_date=day, lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal(amount)})]
        )
        return set_status(claim, S.PAID if paid else S.APPROVED)

    decided(member, date(2025, 3, 31), "100.00")  # the year before
    decided(member, date(2025, 4, 1), "10.10", paid=True)
    decided(member, date(2026, 3, 31), "5.25")
    decided(other_member, date(2025, 9, 1), "7.00")
    make_claim(
        activity_date=date(2025, 6, 1), lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("50.00")})]
    )  # a draft
    client.force_login(staff)
    response = client.get(reverse("admin:expenses_expenseclaim_totals") + "?year=2025")
    rows = {
        row["claimant__full_name"]: (row["claims"], row["expenses"], row["paid"]) for row in response.context["rows"]
    }
    assert rows == {
        "Olivia Bennett": (2, Decimal("15.35"), Decimal("10.10")),
        "Priya Lal": (1, Decimal("7.00"), Decimal("0.00")),
    }
    assert response.context["sums"]["expenses"] == Decimal("22.35")
    assert "April 2025 to March 2026" in response.text


def test_totals_include_involvement_payments(client, staff, member, paying_panel):
    Membership.objects.create(user=member, group=paying_panel)
    InvolvementPayment.objects.create(
        person=member, group=paying_panel, activity_date=date(2025, 5, 1), description="Panel", amount=Decimal("25.00")
    )
    client.force_login(staff)
    response = client.get(reverse("admin:expenses_expenseclaim_totals") + "?year=2025")
    [row] = response.context["rows"]
    assert (row["claimant__full_name"], row["involvement"]) == ("Olivia Bennett", Decimal("25.00"))


def test_members_cannot_open_the_totals(client, member):
    client.force_login(member)
    assert client.get(reverse("admin:expenses_expenseclaim_totals")).status_code == 302


def test_the_staff_role_gets_expense_permissions_but_not_contracts(staff):
    assert staff.has_perm("expenses.change_expenseclaim")
    assert not staff.has_perm("expenses.view_contract")
    assert not staff.has_perm("expenses.view_contractpayment")


def test_the_contracts_role_holds_exactly_the_contract_permissions(db):
    roles.sync_staff_roles()
    codenames = set(Group.objects.get(name=roles.CONTRACTS).permissions.values_list("codename", flat=True))
    assert codenames == set(roles.CONTRACT_PERMISSIONS)


def test_staff_without_the_contracts_role_cannot_open_contracts(client, officer, chair, peg):
    contract = Contract.objects.create(
        person=chair, group=peg, start=date(2025, 4, 1), annual_remuneration=Decimal("5000")
    )
    client.force_login(officer)
    assert client.get(reverse("admin:expenses_contract_changelist")).status_code == 403
    assert client.get(reverse("admin:expenses_contract_change", args=[contract.pk])).status_code == 403
    assert "Contracts" not in client.get(reverse("admin:index")).text


def test_staff_with_the_contracts_role_see_contracts(client, contracts_staff, chair, peg):
    Contract.objects.create(person=chair, group=peg, start=date(2025, 4, 1), annual_remuneration=Decimal("5000"))
    client.force_login(contracts_staff)
    response = client.get(reverse("admin:expenses_contract_changelist"))
    assert response.status_code == 200 and "Jean Ellison" in response.text


def test_the_admin_refuses_a_contract_for_a_volunteer(client, contracts_staff, member, peg):
    client.force_login(contracts_staff)
    response = client.post(
        reverse("admin:expenses_contract_add"),
        {
            "person": member.pk,
            "group": peg.pk,
            "role": "chair",
            "start": "2026-04-01",
            "end": "",
            "annual_remuneration": "5000.00",
            "payment_frequency": "quarterly",
            "notes": "",
            "payments-TOTAL_FORMS": "0",
            "payments-INITIAL_FORMS": "0",
        },
    )
    assert "Volunteers are paid expenses only, never remuneration." in response.text
    assert not Contract.objects.exists()


def test_staff_record_involvement_payments_for_a_meeting(
    client, staff, paying_panel, make_meeting, member, other_member
):
    meeting = make_meeting(days=-2, group=paying_panel, status=Meeting.Status.HELD)
    for person in (member, other_member):
        Membership.objects.create(user=person, group=paying_panel)
        Attendee.objects.create(meeting=meeting, user=person)
    InvolvementPreference.objects.create(person=other_member, group=paying_panel, declines=True)
    client.force_login(staff)
    response = client.post(reverse("admin:expenses_involvementpayment_record"), {"meeting": meeting.pk}, follow=True)
    assert "1 payment recorded" in response.text
    assert list(InvolvementPayment.objects.values_list("person__email", "amount")) == [
        ("member@example.org", Decimal("25.00"))
    ]


def test_a_meeting_in_other_digits_is_refused_when_recording_involvement(
    client, staff, paying_panel, make_meeting, member
):
    meeting = make_meeting(days=-2, group=paying_panel, status=Meeting.Status.HELD)
    Membership.objects.create(user=member, group=paying_panel)
    Attendee.objects.create(meeting=meeting, user=member)
    client.force_login(staff)
    arabic_indic = str(meeting.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = client.post(reverse("admin:expenses_involvementpayment_record"), {"meeting": arabic_indic})
    assert response.status_code == 200 and "meeting" in response.context["form"].errors
    assert not InvolvementPayment.objects.exists()


def test_a_paid_involvement_payment_cannot_be_changed_in_the_admin(client, staff, member, paying_panel):
    Membership.objects.create(user=member, group=paying_panel)
    payment = InvolvementPayment.objects.create(
        person=member,
        group=paying_panel,
        activity_date=date(2026, 4, 1),
        description="Panel",
        amount=Decimal("25.00"),
        status="paid",
        paid_on=date(2026, 5, 1),
        payment_reference="INV-1",
    )
    client.force_login(staff)
    url = reverse("admin:expenses_involvementpayment_change", args=[payment.pk])
    assert client.post(url, {"amount": "99.00"}).status_code == 403


def test_the_admin_pages_open(client, staff, submitted_claim, member, paying_panel):
    Membership.objects.create(user=member, group=paying_panel)
    client.force_login(staff)
    for name in ["expenseclaim", "involvementpayment", "involvementpreference", "expensesettings"]:
        assert client.get(reverse(f"admin:expenses_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:expenses_involvementpayment_record")).status_code == 200
    assert client.get(reverse("admin:expenses_expenseclaim_decide", args=[submitted_claim.pk])).status_code == 200


def test_people_outside_the_group_get_no_involvement_payment(client, staff, paying_panel, make_meeting):
    meeting = make_meeting(days=-2, group=paying_panel, status=Meeting.Status.HELD)
    guest = make_person("guest@example.org", "A Guest")
    Attendee.objects.create(meeting=meeting, user=guest)
    assert InvolvementPayment.objects.record_for_meeting(meeting) == 0


@pytest.mark.parametrize("odd", ["¹", str(2**64), "abc"])
def test_an_odd_year_in_the_address_shows_this_years_totals(client, staff, odd):
    client.force_login(staff)
    response = client.get(reverse("admin:expenses_expenseclaim_totals"), {"year": odd})
    assert response.status_code == 200
    assert response.context["year"] == response.context["years"][0][0]


# Claim list: 1 session, 2 user, 3 permissions (user's and groups'), 4 the group filter's
# choices, 5 count, 6 the page of claims with claimants, groups, totals and checks.
CLAIM_LIST_QUERIES = 6


def test_the_claim_list_runs_fixed_queries(client, staff, make_claim, django_assert_num_queries):
    client.force_login(staff)
    url = reverse("admin:expenses_expenseclaim_changelist")
    make_claim()
    with django_assert_num_queries(CLAIM_LIST_QUERIES):
        assert client.get(url).status_code == 200
    for _ in range(60):
        make_claim()
    with django_assert_num_queries(CLAIM_LIST_QUERIES):
        response = client.get(url)
    assert response.text.count('name="_selected_action"') == 50
