"""Involvement payments by rate card, the member's choices, the earnings limit, and the payroll round trip."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.expenses import services
from members.expenses.models import InvolvementPayment, TransitionNotAllowed
from members.expenses.payments import Activity, Charity, Choice, InvolvementRate, PaymentProfile, RateUnit
from members.expenses.resources import FinanceInvolvementResource
from members.models import Membership

pytestmark = pytest.mark.django_db
S = InvolvementPayment.Status
MONDAY = date(2026, 3, 9)


@pytest.fixture
def volunteer(member, paying_panel):
    Membership.objects.create(user=member, group=paying_panel)
    return member


@pytest.fixture
def hourly_rate(paying_panel):
    return InvolvementRate.objects.create(
        group=paying_panel,
        activity=Activity.MEETING,
        unit=RateUnit.HOUR,
        amount=Decimal("12.50"),
        effective_from=date(2026, 1, 1),
    )


@pytest.fixture
def record(volunteer, paying_panel, hourly_rate):
    """A two-hour meeting (£25.00 at the hourly rate) on the day given, Monday 9 March 2026 unless told."""

    def make(day=MONDAY, hours="2", activity=Activity.MEETING):
        return services.record_involvement(volunteer, paying_panel, activity, day, Decimal(hours), "Leaflet review")

    return make


@pytest.fixture
def charity(db):
    return Charity.objects.create(name="Carers Trust", registered_number="1145181")


def payroll_file():
    return FinanceInvolvementResource().export()


def rows_by_id(dataset):
    return {int(row["payment_id"]): row for row in dataset.dict}


# Rates by date


def test_it_copies_the_rate_in_force_on_the_activity_date(record, paying_panel, hourly_rate):
    InvolvementRate.objects.create(
        group=paying_panel,
        activity=Activity.MEETING,
        unit=RateUnit.HOUR,
        amount=Decimal("15.00"),
        effective_from=date(2026, 4, 1),
    )
    march, april = record(day=date(2026, 3, 31)), record(day=date(2026, 4, 1))
    assert (march.rate, march.amount) == (Decimal("12.50"), Decimal("25.00"))
    assert (april.rate, april.amount) == (Decimal("15.00"), Decimal("30.00"))


def test_a_rate_change_does_not_alter_an_old_payment(record, paying_panel):
    payment = record()
    # Even a new rate dated before the payment's activity leaves the payment as it was priced.
    InvolvementRate.objects.create(
        group=paying_panel,
        activity=Activity.MEETING,
        unit=RateUnit.HOUR,
        amount=Decimal("40.00"),
        effective_from=date(2026, 2, 1),
    )
    payment.refresh_from_db()
    assert (payment.rate, payment.amount) == (Decimal("12.50"), Decimal("25.00"))


def test_a_half_day_rate_pays_each_half_day_begun(record, paying_panel):
    InvolvementRate.objects.create(
        group=paying_panel,
        activity=Activity.TRAINING,
        unit=RateUnit.HALF_DAY,
        amount=Decimal("75.00"),
        effective_from=date(2026, 1, 1),
    )
    assert record(hours="5", activity=Activity.TRAINING).amount == Decimal("150.00")


def test_an_activity_without_a_rate_is_refused(record):
    with pytest.raises(ValidationError, match="no rate for interview panel on 9 March 2026"):
        record(activity=Activity.INTERVIEW)


def test_a_meeting_is_recorded_at_the_rate_card_rate(volunteer, paying_panel, hourly_rate, make_meeting):
    from meetings.models import Attendee

    meeting = make_meeting(days=-2, group=paying_panel)
    meeting.end = meeting.start + timedelta(hours=3)
    meeting.save()
    Attendee.objects.create(meeting=meeting, user=volunteer)
    InvolvementPayment.objects.record_for_meeting(meeting)
    payment = InvolvementPayment.objects.get()
    assert (payment.hours, payment.rate, payment.amount) == (Decimal("3.0"), Decimal("12.50"), Decimal("37.50"))


# Choices


def test_a_standing_decline_leaves_payments_not_yet_exported_out_of_payroll(record, volunteer, paying_panel):
    payment = record()
    services.set_standing_choice(volunteer, paying_panel, Choice.DECLINE)
    assert payment.pk not in rows_by_id(payroll_file())


def test_a_standing_choice_replaces_a_choice_made_for_an_open_payment(record, volunteer, paying_panel):
    payment = services.choose_for_payment(record(), volunteer, Choice.REDUCE, Decimal("10.00"))
    services.set_standing_choice(volunteer, paying_panel, Choice.DECLINE)
    payment.refresh_from_db()
    assert (payment.choice, payment.reduced_amount) == ("", None)


def test_an_exported_payment_keeps_the_choice_it_was_sent_with(record, volunteer, paying_panel):
    payment = record()
    payroll_file()
    services.set_standing_choice(volunteer, paying_panel, Choice.DECLINE)
    payment.refresh_from_db()
    assert payment.choice == Choice.ACCEPT and payment.exported_at is not None


def test_a_member_cannot_change_a_payment_sent_to_payroll(record, volunteer):
    payment = record()
    payroll_file()
    with pytest.raises(TransitionNotAllowed, match="gone to payroll"):
        services.choose_for_payment(payment, volunteer, Choice.DECLINE)


def test_a_smaller_amount_must_be_less_than_the_payment(record, volunteer):
    with pytest.raises(TransitionNotAllowed, match="less than £25.00"):
        services.choose_for_payment(record(), volunteer, Choice.REDUCE, Decimal("25.00"))


def test_nobody_else_chooses_for_a_members_payment(record, staff):
    with pytest.raises(TransitionNotAllowed, match="Only the member"):
        services.choose_for_payment(record(), staff, Choice.DECLINE)


# The payroll file


def test_a_reduced_amount_is_exported_as_chosen(record, volunteer):
    payment = services.choose_for_payment(record(), volunteer, Choice.REDUCE, Decimal("15.00"))
    row = rows_by_id(payroll_file())[payment.pk]
    assert (row["full_amount"], row["amount"], row["paid_to"]) == ("25.00", "15.00", "Member (smaller amount chosen)")


def test_a_charity_payment_is_exported_with_the_charity(record, volunteer, charity):
    payment = services.choose_for_payment(record(), volunteer, Choice.CHARITY, charity=charity)
    row = rows_by_id(payroll_file())[payment.pk]
    assert (row["paid_to"], row["charity"], row["amount"]) == ("Charity", "Carers Trust", "25.00")


def test_a_standing_charity_choice_is_written_onto_the_payment_when_exported(record, volunteer, paying_panel, charity):
    payment = record()
    services.set_standing_choice(volunteer, paying_panel, Choice.CHARITY, charity)
    payroll_file()
    payment.refresh_from_db()
    assert (payment.choice, payment.charity) == (Choice.CHARITY, charity)


def test_the_payroll_file_has_the_payroll_columns(record, volunteer):
    PaymentProfile.objects.create(person=volunteer, payroll_reference="PR-0042")
    payment = record()
    row = rows_by_id(payroll_file())[payment.pk]
    assert {
        key: row[key]
        for key in ["payroll_reference", "activity", "activity_date", "hours", "rate", "rate_per", "period"]
    } == {
        "payroll_reference": "PR-0042",
        "activity": "Meeting, including preparation",
        "activity_date": "09/03/2026",
        "hours": "2.0",
        "rate": "12.50",
        "rate_per": "Per hour",
        "period": "March 2026",
    }


def fill_in(dataset, answers):
    """Payroll's copy back: the payment date and reference typed into each row given."""
    for index, row in enumerate(dataset.dict):
        date_given, reference = answers.get(int(row["payment_id"]), ("", ""))
        values = list(dataset[index])
        values[dataset.headers.index("payment_date")] = date_given
        values[dataset.headers.index("payment_reference")] = reference
        dataset[index] = values
    return dataset


def test_the_reimport_marks_nothing_paid_when_one_row_is_wrong(record, staff):
    first, second = record(), record(day=MONDAY + timedelta(days=1))
    dataset = fill_in(payroll_file(), {first.pk: ("01/04/2026", "PAY-1"), second.pk: ("01/04/2026", "")})
    result = FinanceInvolvementResource().import_data(dataset, user=staff)
    assert result.has_validation_errors()
    assert not InvolvementPayment.objects.filter(status=S.PAID).exists()


def test_the_reimport_marks_every_row_paid(record, staff):
    first, second = record(), record(day=MONDAY + timedelta(days=1))
    dataset = fill_in(payroll_file(), {first.pk: ("01/04/2026", "PAY-1"), second.pk: ("01/04/2026", "PAY-2")})
    result = FinanceInvolvementResource().import_data(dataset, user=staff)
    assert not result.has_validation_errors(), result.invalid_rows
    assert set(InvolvementPayment.objects.values_list("status", "payment_reference")) == {
        (S.PAID, "PAY-1"),
        (S.PAID, "PAY-2"),
    }


# The earnings limit


@pytest.fixture
def weekly_limit(volunteer):
    return services.save_earnings_limit(volunteer, Decimal("60.00"), PaymentProfile.Period.WEEK, date(2026, 2, 2))


def test_a_payment_that_takes_the_member_over_their_weekly_limit_is_held(record, volunteer, weekly_limit):
    record(day=MONDAY - timedelta(days=1))  # the Sunday before: another week
    record(day=MONDAY)
    declined = services.choose_for_payment(record(day=MONDAY + timedelta(days=1)), volunteer, Choice.DECLINE)
    within = record(day=MONDAY + timedelta(days=2))
    over = record(day=MONDAY + timedelta(days=6))
    assert (declined.status, within.status, over.status) == (S.APPROVED, S.APPROVED, S.CHECK)


def test_a_held_payment_is_not_sent_to_payroll(record, weekly_limit):
    record(), record()
    held = record()
    assert held.status == S.CHECK and held.pk not in rows_by_id(payroll_file())


def test_reducing_the_payment_under_the_limit_releases_it(record, volunteer, weekly_limit):
    record(), record()
    held = record()
    services.choose_for_payment(held, volunteer, Choice.REDUCE, Decimal("10.00"))
    held.refresh_from_db()
    assert held.status == S.APPROVED


def test_staff_cannot_approve_a_held_payment_without_confirming_the_check(record, staff, weekly_limit):
    record(), record()
    held = record()
    with pytest.raises(TransitionNotAllowed, match="Tick to confirm"):
        services.confirm_limit_checked(held, staff, checked=False)
    held.refresh_from_db()
    assert held.status == S.CHECK


def test_staff_approve_a_held_payment_once_they_confirm_the_check(record, staff, weekly_limit):
    record(), record()
    held = record()
    services.confirm_limit_checked(held, staff, checked=True)
    assert (held.status, held.limit_checked_by) == (S.APPROVED, staff)


def test_a_member_cannot_approve_their_own_held_payment(record, volunteer, weekly_limit):
    record(), record()
    with pytest.raises(TransitionNotAllowed, match="Only engagement staff"):
        services.confirm_limit_checked(record(), volunteer, checked=True)


def test_the_admin_check_page_refuses_without_the_tick(client, record, staff, weekly_limit):
    record(), record()
    held = record()
    client.force_login(staff)
    url = reverse("admin:expenses_involvementpayment_limit_check", args=[held.pk])
    response = client.post(url, {})
    assert "Tick to confirm you have checked" in response.text
    held.refresh_from_db()
    assert held.status == S.CHECK


def test_the_member_is_warned_on_their_page(client, record, volunteer, weekly_limit):
    record(), record(), record()
    client.force_login(volunteer)
    text = client.get(reverse("expenses:involvement")).text
    assert "this takes you to £75.00 in the week starting 9 March 2026, over your limit of £60.00" in text


def test_the_staff_list_says_the_payment_needs_a_benefits_check(client, record, staff, weekly_limit):
    record(), record(), record()
    client.force_login(staff)
    text = client.get(reverse("admin:expenses_involvementpayment_changelist")).text
    assert "Waiting for a benefits check" in text


# The member's pages


def test_a_member_chooses_a_smaller_amount_on_the_payment_page(client, record, volunteer):
    payment = record()
    client.force_login(volunteer)
    client.post(reverse("expenses:payment_choice", args=[payment.pk]), {"choice": "reduce", "reduced_amount": "£12.00"})
    payment.refresh_from_db()
    assert (payment.choice, payment.reduced_amount) == (Choice.REDUCE, Decimal("12.00"))


def test_a_smaller_amount_too_large_is_refused_in_plain_english(client, record, volunteer):
    payment = record()
    client.force_login(volunteer)
    response = client.post(
        reverse("expenses:payment_choice", args=[payment.pk]), {"choice": "reduce", "reduced_amount": "30"}
    )
    assert "Enter an amount more than £0 and less than £25.00" in response.text


def test_another_members_payment_is_not_found(client, record, chair):
    client.force_login(chair)
    assert client.get(reverse("expenses:payment_choice", args=[record().pk])).status_code == 404


def test_a_member_records_their_earnings_limit(client, volunteer):
    client.force_login(volunteer)
    client.post(
        reverse("expenses:earnings_limit"),
        {
            "earnings_limit": "£195.00",
            "limit_period": "week",
            "advice_offered_on_0": "2",
            "advice_offered_on_1": "2",
            "advice_offered_on_2": "2026",
        },
    )
    profile = PaymentProfile.objects.get(person=volunteer)
    assert (profile.earnings_limit, profile.advice_offered_on) == (Decimal("195.00"), date(2026, 2, 2))


def test_the_page_runs_a_fixed_number_of_queries(client, record, volunteer, charity):
    client.force_login(volunteer)
    url = reverse("expenses:involvement")
    # Session, user, groups that pay, standing choices, per group: is a charity listed, its rate card, the
    # charities to choose from; then the payments with their choices, and the earnings limit.
    record()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    assert len(one) == 9
    for day in range(1, 6):
        record(day=MONDAY + timedelta(days=day))
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == 9


def test_the_yearly_totals_count_what_the_member_chose_to_be_paid(record, volunteer):
    services.choose_for_payment(record(), volunteer, Choice.REDUCE, Decimal("10.00"))
    services.choose_for_payment(record(), volunteer, Choice.DECLINE)
    totals = InvolvementPayment.objects.totals_by_person(date(2026, 4, 1) - timedelta(days=365), date(2026, 3, 31))
    assert [row["involvement"] for row in totals] == [Decimal("10.00")]


def test_staff_record_a_payment_priced_from_the_rate_card(client, staff, volunteer, paying_panel, hourly_rate):
    client.force_login(staff)
    client.post(
        reverse("admin:expenses_involvementpayment_add"),
        {
            "person": volunteer.pk,
            "group": paying_panel.pk,
            "activity": Activity.MEETING,
            "activity_date": "2026-03-09",
            "hours": "3",
            "description": "Discharge letter review",
        },
    )
    payment = InvolvementPayment.objects.get()
    assert (payment.rate, payment.amount, payment.description) == (
        Decimal("12.50"),
        Decimal("37.50"),
        "Discharge letter review",
    )


def test_staff_cannot_record_an_activity_without_a_rate(client, staff, volunteer, paying_panel, hourly_rate):
    client.force_login(staff)
    response = client.post(
        reverse("admin:expenses_involvementpayment_add"),
        {
            "person": volunteer.pk,
            "group": paying_panel.pk,
            "activity": Activity.CHAIRING,
            "activity_date": "2026-03-09",
            "hours": "3",
            "description": "Chairing",
        },
    )
    assert "has no rate for this activity on that date" in response.text
    assert not InvolvementPayment.objects.exists()


def test_staff_see_a_recorded_payment_with_how_it_is_paid(client, staff, record, volunteer):
    payment = services.choose_for_payment(record(), volunteer, Choice.REDUCE, Decimal("15.00"))
    client.force_login(staff)
    text = client.get(reverse("admin:expenses_involvementpayment_change", args=[payment.pk])).text
    assert "£15.00, a smaller amount the member chose" in text


def test_the_payment_page_says_how_much_the_member_can_take_within_their_limit(client, record, volunteer, weekly_limit):
    record()
    payment = record()
    client.force_login(volunteer)
    text = client.get(reverse("expenses:payment_choice", args=[payment.pk])).text
    assert "you can take up to £35.00 of this payment without going over it" in text


def test_staff_download_the_payroll_file_from_the_admin_and_it_is_marked_sent(client, record, staff):
    payment = record()
    client.force_login(staff)
    response = client.post(
        reverse("admin:expenses_involvementpayment_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"financeinvolvementresource_{name}": "on" for name in FinanceInvolvementResource.Meta.fields},
        },
    )
    assert f"{payment.pk},,Olivia Bennett" in response.content.decode()
    payment.refresh_from_db()
    assert payment.exported_at is not None
