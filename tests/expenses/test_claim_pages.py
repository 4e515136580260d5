"""The member site: start, save, submit and answer claims; nobody else sees them or their receipts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from meetings.models import Reply
from members.expenses import rules, services
from members.expenses.models import ClaimLine, ExpenseClaim
from members.models import Membership

from .conftest import PDF_BYTES, PNG_BYTES, receipt, set_status

pytestmark = pytest.mark.django_db
S = ExpenseClaim.Status


def date_parts(name, text):
    """A date as the day, month and year boxes send it: "2026-03-27" as 27, 3 and 2026; other text in the day box."""
    year, month, day = text.split("-") if text.count("-") == 2 else ("", "", text)
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}


def claim_data(group, meeting="", activity_date="", description="", lines=(), initial=0):
    data = {
        "group": group.pk,
        "meeting": meeting,
        **date_parts("activity_date", activity_date),
        "description": description,
        "lines-TOTAL_FORMS": str(max(len(lines), 1)),
        "lines-INITIAL_FORMS": str(initial),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "20",
    }
    for i, line in enumerate(lines):
        data |= {f"lines-{i}-{name}": value for name, value in line.items()}
    return data


def mileage(miles="12.5", **extra):
    return {"kind": "mileage", "vehicle": "car", "miles": miles, "details": "Home to the hub and back", **extra}


# Starting and saving a claim


def test_a_member_starts_a_claim_with_the_meeting_filled_in(client, member, past_meeting):
    client.force_login(member)
    response = client.get(reverse("expenses:claim_create") + f"?meeting={past_meeting.pk}")
    assert response.context["form"]["meeting"].value() == past_meeting.pk
    assert f'<option value="{past_meeting.pk}" selected>' in response.text


def test_a_meeting_not_offered_to_the_member_is_not_filled_in(client, member, make_meeting, panel):
    other_groups = make_meeting(days=-3, group=panel)
    client.force_login(member)
    response = client.get(reverse("expenses:claim_create") + f"?meeting={other_groups.pk}")
    assert response.context["form"]["meeting"].value() is None


@pytest.mark.parametrize("odd", ["¹", str(2**64), "abc"])
def test_an_odd_meeting_in_the_address_starts_a_blank_claim(client, member, past_meeting, odd):
    client.force_login(member)
    response = client.get(reverse("expenses:claim_create"), {"meeting": odd})
    assert response.status_code == 200
    assert response.context["form"]["meeting"].value() is None


def test_a_member_saves_a_mileage_claim_with_a_receipt_as_a_draft(client, member, peg, past_meeting):
    client.force_login(member)
    data = claim_data(peg, meeting=past_meeting.pk, lines=[mileage(receipt=receipt())])
    response = client.post(reverse("expenses:claim_create"), data)
    claim = ExpenseClaim.objects.get()
    assert response.status_code == 302 and response.url == claim.get_absolute_url()
    assert (claim.status, claim.meeting, claim.description) == (S.DRAFT, past_meeting, "Autumn meeting")
    assert claim.activity_date == timezone.localdate(past_meeting.start)
    line = claim.lines.get()
    assert (line.miles, line.amount) == (Decimal("12.5"), Decimal("5.63"))
    assert line.receipt.name.startswith("receipts/") and line.receipt.read() == PDF_BYTES


def test_another_activity_needs_a_date_and_a_description(client, member, peg):
    client.force_login(member)
    response = client.post(reverse("expenses:claim_create"), claim_data(peg, lines=[mileage()]))
    assert response.status_code == 200
    assert "Enter the date of the activity" in response.text
    assert "Say what the activity was" in response.text
    assert response.text.count("<title>Error: ") == 1
    assert not ExpenseClaim.objects.exists()


def test_a_claim_with_errors_keeps_what_was_typed_and_asks_for_the_receipt_again(client, member, peg):
    client.force_login(member)
    lines = [mileage("7.5", receipt=receipt()), {"kind": "taxi", "amount": "12.00", "details": "To the station"}]
    data = claim_data(peg, activity_date=str(timezone.localdate()), description="Reading panel", lines=lines)
    response = client.post(reverse("expenses:claim_create"), data)
    assert response.status_code == 200
    text = response.text
    assert "Cost 2: Say who agreed the taxi before your journey" in text
    assert "Cost 1: Choose the receipt again" in text
    assert 'value="7.5"' in text and 'value="12.00"' in text and 'value="To the station"' in text
    assert 'value="taxi" checked' in text
    assert 'value="Reading panel"' in text
    assert not ExpenseClaim.objects.exists()


def arabic_indic(number):
    """The id in Arabic-Indic digits: str.isdigit() says yes and int() reads it, but it is no id."""
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def test_a_group_in_other_digits_is_refused(client, member, peg):
    client.force_login(member)
    data = claim_data(peg, activity_date=str(timezone.localdate()), description="Panel", lines=[mileage()])
    response = client.post(reverse("expenses:claim_create"), data | {"group": arabic_indic(peg.pk)})
    assert response.status_code == 200 and "group" in response.context["form"].errors
    assert not ExpenseClaim.objects.exists()


def test_a_meeting_in_other_digits_is_refused(client, member, peg, past_meeting):
    client.force_login(member)
    data = claim_data(peg, meeting=arabic_indic(past_meeting.pk), lines=[mileage()])
    response = client.post(reverse("expenses:claim_create"), data)
    assert response.status_code == 200 and "meeting" in response.context["form"].errors
    assert not ExpenseClaim.objects.exists()


def test_a_ticked_remove_receipt_box_stays_ticked_when_the_page_comes_back(client, member, make_claim):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    line = claim.lines.get()
    client.force_login(member)
    data = claim_data(
        claim.group,
        activity_date="not a date",
        description="Group meeting",
        initial=1,
        lines=[{"id": line.pk, "kind": "parking", "amount": "3.00", "receipt-clear": "on"}],
    )
    response = client.post(reverse("expenses:claim_edit", args=[claim.pk]), data)
    assert response.status_code == 200 and "activity_date" in response.context["form"].errors
    text = response.text
    assert 'name="lines-0-receipt-clear" type="checkbox" checked>' in text
    assert "Remove the current receipt" in text and "Current receipt: receipt" in text
    file_input = text.split('name="lines-0-receipt" type="file"', 1)[1].split(">", 1)[0]
    assert "checked" not in file_input
    assert claim.lines.get().receipt


def test_a_file_pretending_to_be_a_pdf_is_refused(client, member, peg):
    client.force_login(member)
    fake = receipt("receipt.pdf", b"MZ\x90\x00 this is a program, not a receipt")
    data = claim_data(peg, activity_date=str(timezone.localdate()), description="Panel", lines=[mileage(receipt=fake)])
    response = client.post(reverse("expenses:claim_create"), data)
    assert "The file must be a JPEG, PDF or PNG file." in response.text
    assert not ExpenseClaim.objects.exists()


def test_a_png_photo_of_a_receipt_is_accepted(client, member, peg):
    client.force_login(member)
    data = claim_data(
        peg,
        activity_date=str(timezone.localdate()),
        description="Panel",
        lines=[mileage(receipt=receipt("photo.png", PNG_BYTES))],
    )
    assert client.post(reverse("expenses:claim_create"), data).status_code == 302


def test_a_future_date_is_refused(client, member, peg):
    client.force_login(member)
    data = claim_data(
        peg, activity_date=str(timezone.localdate() + timedelta(days=3)), description="Panel", lines=[mileage()]
    )
    assert "The date must be today or in the past" in client.post(reverse("expenses:claim_create"), data).text


def test_saving_and_adding_another_cost_returns_to_the_form(client, member, peg):
    client.force_login(member)
    data = claim_data(peg, activity_date=str(timezone.localdate()), description="Panel", lines=[mileage()]) | {
        "add_line": "1"
    }
    response = client.post(reverse("expenses:claim_create"), data)
    claim = ExpenseClaim.objects.get()
    assert response.url == reverse("expenses:claim_edit", args=[claim.pk]) + "#cost-2"
    form_page = client.get(reverse("expenses:claim_edit", args=[claim.pk]))
    assert len(form_page.context["lines"].forms) == 2


def test_a_member_removes_a_cost_from_a_draft(client, member, make_claim):
    claim = make_claim()
    line = claim.lines.get()
    client.force_login(member)
    data = claim_data(
        claim.group,
        activity_date=str(claim.activity_date),
        description=claim.description,
        initial=1,
        lines=[{"id": line.pk, "kind": "parking", "amount": "4.50", "DELETE": "on"}],
    )
    client.post(reverse("expenses:claim_edit", args=[claim.pk]), data)
    assert not claim.lines.exists()


def test_someone_in_no_group_is_told_they_cannot_claim(client, staff):
    client.force_login(staff)
    response = client.get(reverse("expenses:claim_create"), follow=True)
    assert "once you are a member of a group" in response.text


# Submitting and answering


def test_a_member_submits_their_draft(client, member, make_claim):
    claim = make_claim()
    client.force_login(member)
    response = client.post(reverse("expenses:claim_submit", args=[claim.pk]), follow=True)
    assert "Your claim has been submitted" in response.text
    assert ExpenseClaim.objects.get(pk=claim.pk).status == S.SUBMITTED


def test_a_member_sees_the_question_answers_it_and_resubmits(client, member, staff, submitted_claim):
    services.query(submitted_claim, staff, "Which car park did you use?")
    client.force_login(member)
    page = client.get(submitted_claim.get_absolute_url())
    assert "Which car park did you use?" in page.text and "Question for you" in page.text
    client.post(reverse("expenses:claim_submit", args=[submitted_claim.pk]), {"answer": "The hub's car park."})
    claim = ExpenseClaim.objects.get(pk=submitted_claim.pk)
    assert claim.status == S.SUBMITTED
    assert claim.events.last().note == "The hub's car park."


def test_resubmitting_without_an_answer_shows_the_error(client, member, staff, submitted_claim):
    services.query(submitted_claim, staff, "Which car park?")
    client.force_login(member)
    response = client.post(reverse("expenses:claim_submit", args=[submitted_claim.pk]), {"answer": ""})
    assert response.status_code == 200
    assert "<title>Error: " in response.text
    assert "Write your answer to the question" in response.text
    assert ExpenseClaim.objects.get(pk=submitted_claim.pk).status == S.QUERIED


def test_an_unanswered_question_is_summarised_once_at_the_top(client, member, staff, submitted_claim):
    services.query(submitted_claim, staff, "Which car park?")
    client.force_login(member)
    response = client.post(reverse("expenses:claim_submit", args=[submitted_claim.pk]), {"answer": ""})
    assert response.text.count("nhsuk-error-summary__heading") == 1


def test_a_member_changes_a_queried_claim(client, member, staff, submitted_claim):
    services.query(submitted_claim, staff, "Was parking £4.00?")
    line = submitted_claim.lines.get()
    client.force_login(member)
    data = claim_data(
        submitted_claim.group,
        activity_date=str(submitted_claim.activity_date),
        description="Group meeting",
        initial=1,
        lines=[{"id": line.pk, "kind": "parking", "amount": "4.00"}],
    )
    client.post(reverse("expenses:claim_edit", args=[submitted_claim.pk]), data)
    assert submitted_claim.lines.get().amount == Decimal("4.00")


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED, S.PAID])
def test_the_form_refuses_a_claim_with_staff_or_decided(status, client, member, make_claim):
    claim = set_status(make_claim(), status)
    line = claim.lines.get()
    client.force_login(member)
    url = reverse("expenses:claim_edit", args=[claim.pk])
    assert client.get(url).status_code == 302
    data = claim_data(
        claim.group,
        activity_date=str(claim.activity_date),
        description="Changed",
        initial=1,
        lines=[{"id": line.pk, "kind": "parking", "amount": "99.00"}],
    )
    client.post(url, data)
    claim.refresh_from_db()
    assert claim.description == "Group meeting" and claim.lines.get().amount == Decimal("4.50")


def test_a_member_withdraws_a_draft(client, member, make_claim):
    claim = make_claim()
    client.force_login(member)
    assert "Withdraw your draft claim?" in client.get(reverse("expenses:claim_withdraw", args=[claim.pk])).text
    client.post(reverse("expenses:claim_withdraw", args=[claim.pk]))
    assert not ExpenseClaim.objects.exists()


def test_the_withdraw_page_says_what_the_draft_adds_up_to(client, member, make_claim):
    claim = make_claim(
        lines=[
            (ClaimLine.Kind.PARKING, {"amount": Decimal("4.50")}),
            (ClaimLine.Kind.PUBLIC_TRANSPORT, {"amount": Decimal("2.25")}),
        ]
    )
    client.force_login(member)
    assert "for £6.75" in client.get(reverse("expenses:claim_withdraw", args=[claim.pk])).text


def test_the_claim_page_adds_up_its_costs_and_says_nothing_without_them(client, member, make_claim):
    client.force_login(member)
    claim = make_claim(
        lines=[
            (ClaimLine.Kind.PARKING, {"amount": Decimal("4.50")}),
            (ClaimLine.Kind.PUBLIC_TRANSPORT, {"amount": Decimal("2.25")}),
        ]
    )
    assert "<strong>£6.75</strong>" in client.get(claim.get_absolute_url()).text
    empty = make_claim(lines=[])
    assert "<strong>£0.00</strong>" in client.get(empty.get_absolute_url()).text


# Who can see what


@pytest.mark.parametrize("name", ["claim_detail", "claim_edit", "claim_submit", "claim_withdraw"])
def test_another_member_gets_404_for_every_claim_page(name, client, other_member, make_claim):
    claim = make_claim()
    client.force_login(other_member)
    url = reverse(f"expenses:{name}", args=[claim.pk])
    if name != "claim_submit":  # submitting is POST only
        assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert ExpenseClaim.objects.get(pk=claim.pk).status == S.DRAFT


@pytest.mark.parametrize("who", ["member", "staff"])
def test_a_claim_number_too_large_for_the_database_is_not_found(who, client, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("expenses:claim_detail", args=[2**63])).status_code == 404


def test_another_member_cannot_download_a_receipt_by_guessing(client, other_member, make_claim):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    line = claim.lines.get()
    client.force_login(other_member)
    assert client.get(line.get_receipt_url()).status_code == 404


def test_a_receipt_cannot_be_reached_through_another_claims_address(client, other_member, make_claim):
    mine = make_claim(claimant=other_member, lines=[])
    theirs = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    client.force_login(other_member)
    url = reverse("expenses:receipt", args=[mine.pk, theirs.lines.get().pk])
    assert client.get(url).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, make_claim):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    response = client.get(claim.lines.get().get_receipt_url())
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url


def test_the_claimant_downloads_their_receipt(client, member, make_claim):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    client.force_login(member)
    response = client.get(claim.lines.get().get_receipt_url())
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_staff_see_any_claim_and_download_its_receipt(client, staff, make_claim):
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": receipt()})])
    client.force_login(staff)
    assert client.get(claim.get_absolute_url()).status_code == 200
    assert client.get(claim.lines.get().get_receipt_url()).status_code == 200


def test_a_receipt_is_served_as_the_type_its_content_shows(client, member, make_claim):
    upload = receipt("page.html", PDF_BYTES)
    claim = make_claim(lines=[(ClaimLine.Kind.PARKING, {"amount": Decimal("3.00"), "receipt": upload})])
    client.force_login(member)
    assert client.get(claim.lines.get().get_receipt_url())["Content-Type"] == "application/pdf"


def test_staff_are_not_offered_to_add_costs_to_a_members_claim(client, member, staff, make_claim):
    claim = make_claim(lines=[])
    client.force_login(member)
    assert "Add your costs" in client.get(claim.get_absolute_url()).text
    client.force_login(staff)
    response = client.get(claim.get_absolute_url())
    assert "No costs yet." in response.text and "Add your costs" not in response.text


def test_staff_cannot_change_a_members_claim_on_the_member_site(client, staff, make_claim):
    claim = make_claim()
    client.force_login(staff)
    assert client.get(reverse("expenses:claim_edit", args=[claim.pk])).status_code == 302
    client.post(reverse("expenses:claim_submit", args=[claim.pk]))
    assert ExpenseClaim.objects.get(pk=claim.pk).status == S.DRAFT


# Lists, the dashboard and the meeting page


def test_the_list_shows_each_claims_status_and_total(client, member, make_claim, staff):
    draft = make_claim(description="Reading panel")
    submitted = make_claim(description="Spring meeting")
    services.submit(submitted, member)
    client.force_login(member)
    text = client.get(reverse("expenses:claim_list")).text
    assert "Draft: not sent yet" in text and "Submitted" in text
    assert text.count("£4.50") == 2
    assert draft.get_absolute_url() in text and "Start a new claim" in text


def test_the_list_has_an_empty_state(client, member):
    client.force_login(member)
    assert "You have not made any claims yet." in client.get(reverse("expenses:claim_list")).text


def test_the_list_shows_only_the_members_own_claims(client, other_member, make_claim):
    make_claim(description="Olivia's claim")
    client.force_login(other_member)
    assert "Olivia's claim" not in client.get(reverse("expenses:claim_list")).text


def test_the_claim_list_runs_a_fixed_number_of_queries(client, member, make_claim, django_assert_num_queries):
    make_claim()
    client.force_login(member)
    client.get(reverse("expenses:claim_list"))
    # session, user, this page of claims with their totals and how many there are in all,
    # in one row whether the member can claim, is paid for involvement and has a contract
    with django_assert_num_queries(4):
        client.get(reverse("expenses:claim_list"))
    for _ in range(30):
        make_claim(
            lines=[
                (ClaimLine.Kind.PARKING, {"amount": Decimal("1.00")}),
                (ClaimLine.Kind.MILEAGE, {"miles": Decimal("3")}),
            ]
        )
    with django_assert_num_queries(4):
        response = client.get(reverse("expenses:claim_list"))
    assert "Page 2 of 2" in response.text
    # Later pages are built as they are asked for, not from the first page's prepared query.
    with django_assert_num_queries(4):
        response = client.get(reverse("expenses:claim_list") + "?page=2")
    assert "Page 1 of 2" in response.text
    assert response.text.count('<tr class="nhsuk-table__row" role="row">') == 1 + 31 - 25


def test_the_claim_page_runs_a_fixed_number_of_queries(
    client, member, staff, make_claim, past_meeting, django_assert_num_queries
):
    claim = make_claim(meeting=past_meeting)
    services.submit(claim, member)
    client.force_login(member)
    # session, user, the claim with its group and meeting, its history with who acted, its costs (added up for the total)
    with django_assert_num_queries(5):
        client.get(claim.get_absolute_url())
    services.query(claim, staff, "Which car park?")
    services.submit(claim, member, "The hub's.")
    for _ in range(5):
        ClaimLine.objects.create(
            claim=set_status(claim, S.QUERIED), kind=ClaimLine.Kind.PARKING, amount=Decimal("1"), receipt=receipt()
        )
    # and, now the member can change and send it, their other claims for the same meeting or day
    with django_assert_num_queries(6):
        client.get(claim.get_absolute_url())


def test_the_history_names_the_claimant_to_staff_and_says_you_to_the_claimant(client, member, staff, submitted_claim):
    # The claimant's own page takes them from the signed-in user rather than joining a second copy.
    client.force_login(member)
    assert "You\n" in client.get(submitted_claim.get_absolute_url()).text
    client.force_login(staff)
    assert "Olivia Bennett\n" in client.get(submitted_claim.get_absolute_url()).text


def render_dashboard_tag(user, memberships=None):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    if memberships is None:
        memberships = list(Membership.objects.with_access().filter(user=user))
    return Template("{% load expenses_tags %}{% expenses_for_dashboard memberships %}").render(
        Context({"request": request, "memberships": memberships})
    )


def test_the_dashboard_shows_the_latest_claims_with_their_status(member, make_claim):
    for number in range(4):
        make_claim(description=f"Claim number {number}")
    html = render_dashboard_tag(member)
    assert "Claim number 3" in html and "Claim number 1" in html and "Claim number 0" not in html
    assert "Draft: not sent yet" in html and "Start a new expense claim" in html


def test_the_dashboard_has_an_empty_state(member):
    assert "Expense claims you make will appear here" in render_dashboard_tag(member)


def test_the_dashboard_panel_runs_a_fixed_number_of_queries(member, make_claim, django_assert_num_queries):
    make_claim()
    memberships = list(Membership.objects.filter(user=member))
    # the latest claims with their totals; whether the member can claim comes from the dashboard's memberships
    with django_assert_num_queries(1):
        render_dashboard_tag(member, memberships)
    for _ in range(6):
        make_claim()
    with django_assert_num_queries(1):
        render_dashboard_tag(member, memberships)


@pytest.mark.parametrize("role", Membership.Role.values)
@pytest.mark.parametrize("status", Membership.Status.values)
def test_the_dashboard_offers_a_claim_exactly_when_the_member_may_claim(member, peg, role, status):
    Membership.objects.filter(user=member, group=peg).update(role=role, status=status)
    may_claim = rules.claim_groups(member).exists()
    assert ("Start a new expense claim" in render_dashboard_tag(member)) is may_claim


def test_the_meeting_page_offers_a_claim_to_those_who_were_there(client, member, past_meeting):
    client.force_login(member)
    text = client.get(past_meeting.get_absolute_url()).text
    assert "Claim expenses for this meeting" in text
    assert reverse("expenses:claim_create") + f"?meeting={past_meeting.pk}" in text


def test_replying_attending_is_enough_to_be_offered_a_claim(client, other_member, past_meeting):
    Reply.objects.create(meeting=past_meeting, user=other_member, response=Reply.Response.ATTENDING)
    client.force_login(other_member)
    assert "Claim expenses for this meeting" in client.get(past_meeting.get_absolute_url()).text


def test_no_claim_is_offered_to_someone_who_sent_apologies(client, other_member, past_meeting):
    Reply.objects.create(meeting=past_meeting, user=other_member, response=Reply.Response.APOLOGIES)
    client.force_login(other_member)
    assert "Claim expenses for this meeting" not in client.get(past_meeting.get_absolute_url()).text


def test_no_claim_is_offered_before_the_meeting(client, member, make_meeting):
    upcoming = make_meeting(days=5)
    Reply.objects.create(meeting=upcoming, user=member, response=Reply.Response.ATTENDING)
    client.force_login(member)
    assert "Claim expenses for this meeting" not in client.get(upcoming.get_absolute_url()).text


def test_the_claim_link_asks_the_database_once(member, past_meeting, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = member
    with django_assert_num_queries(1):
        html = Template("{% load expenses_tags %}{% claim_link meeting %}").render(
            Context({"request": request, "meeting": past_meeting})
        )
    assert "Claim expenses for this meeting" in html


# Flags for staff


def flags(claim):
    flagged = ExpenseClaim.objects.with_flags().get(pk=claim.pk)
    return bool(flagged.not_at_meeting), bool(flagged.is_late)


def test_a_claim_for_a_meeting_the_member_missed_is_flagged_not_blocked(make_claim, other_member, past_meeting):
    claim = make_claim(claimant=other_member, meeting=past_meeting)
    services.submit(claim, other_member)
    assert ExpenseClaim.objects.get(pk=claim.pk).status == S.SUBMITTED
    assert flags(claim) == (True, False)


def test_a_claim_by_someone_recorded_at_the_meeting_is_not_flagged(make_claim, member, past_meeting):
    claim = make_claim(meeting=past_meeting)
    services.submit(claim, member)
    assert flags(claim) == (False, False)


def test_a_claim_for_another_activity_is_not_flagged_for_attendance(submitted_claim):
    assert flags(submitted_claim) == (False, False)


def test_a_claim_accepted_after_the_deadline_is_still_flagged_late(make_claim, member, staff):
    claim = make_claim(activity_date=timezone.localdate() - timedelta(days=100))
    services.accept_late(claim, staff, "Agreed by phone")
    services.submit(claim, member)
    assert flags(claim) == (False, True)


def test_a_claim_just_within_the_deadline_is_not_late(make_claim, member):
    claim = make_claim(activity_date=timezone.localdate() - timedelta(days=80))
    services.submit(claim, member)
    assert flags(claim) == (False, False)
