"""The claim form as people fill it in: money as they write it, one message per problem, dates typed
day first, the group chosen on purpose, and only the boxes of the chosen type of cost counted."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from members.expenses.models import ClaimLine, ExpenseClaim
from members.models import Membership

from .test_claim_pages import claim_data, mileage

pytestmark = pytest.mark.django_db


def post(client, group, *lines, activity_date=None):
    when = activity_date or str(timezone.localdate())
    data = claim_data(group, activity_date=when, description="Reading panel", lines=lines)
    return client.post(reverse("expenses:claim_create"), data)


@pytest.mark.parametrize(
    ("typed", "stored"), [("£3.20", "3.20"), ("3.2", "3.20"), ("3", "3.00"), (" £ 1,003 ", "1003.00")]
)
def test_it_reads_amounts_as_people_write_them(client, member, peg, typed, stored):
    client.force_login(member)
    post(client, peg, {"kind": "parking", "amount": typed})
    assert str(ClaimLine.objects.get().amount) == stored


def test_it_says_once_that_an_amount_is_not_money(client, member, peg):
    client.force_login(member)
    response = post(client, peg, {"kind": "parking", "amount": "three pounds"})
    assert response.context["lines"].forms[0].errors["amount"] == [
        "Enter the amount in pounds and pence, for example £4.50"
    ]


def test_it_ignores_the_boxes_of_other_types_of_cost(client, member, peg):
    client.force_login(member)
    response = post(client, peg, {"kind": "parking", "amount": "4.50", "miles": "lots", "pre_approved_by": "Jo"})
    assert response.status_code == 302
    line = ClaimLine.objects.get()
    assert (line.miles, line.pre_approved_by) == (None, "")


def test_it_ignores_an_amount_typed_for_mileage(client, member, peg):
    client.force_login(member)
    assert post(client, peg, mileage("10", amount="not money")).status_code == 302
    assert ClaimLine.objects.get().amount == Decimal("4.50")


def test_it_reveals_the_miles_under_mileage_and_the_agreement_under_taxi(client, member, peg):
    client.force_login(member)
    text = client.get(reverse("expenses:claim_create")).text
    mileage_box = text.split('id="id_lines-0-kind_0-conditional"', 1)[1].split("nhsuk-radios__item", 1)[0]
    assert 'name="lines-0-miles"' in mileage_box and 'name="lines-0-pre_approved_by"' not in mileage_box
    taxi_box = text.split('id="id_lines-0-kind_3-conditional"', 1)[1].split("nhsuk-radios__item", 1)[0]
    assert 'name="lines-0-pre_approved_by"' in taxi_box


def test_it_takes_the_date_as_day_month_and_year(client, member, peg):
    client.force_login(member)
    day = timezone.localdate() - timedelta(days=3)
    data = claim_data(peg, description="Reading panel", lines=[mileage()])
    data |= {"activity_date_0": str(day.day), "activity_date_1": day.strftime("%B"), "activity_date_2": str(day.year)}
    client.post(reverse("expenses:claim_create"), data)
    assert ExpenseClaim.objects.get().activity_date == day


def test_it_refuses_a_date_that_does_not_exist(client, member, peg):
    client.force_login(member)
    response = post(client, peg, mileage(), activity_date="2025-02-30")
    assert response.context["form"].errors["activity_date"] == ["Enter a real date, for example 27 3 2026"]


def test_it_asks_for_the_whole_date(client, member, peg):
    client.force_login(member)
    response = post(client, peg, mileage(), activity_date="2025--3")
    assert response.context["form"].errors["activity_date"] == ["Enter the day, month and year"]


def test_the_date_boxes_come_back_with_what_was_typed(client, member, peg):
    client.force_login(member)
    text = post(client, peg, {"kind": "parking"}, activity_date="2025-02-30").text
    assert 'id="id_activity_date_0" name="activity_date_0" type="text" inputmode="numeric" value="30"' in text
    assert 'href="#id_activity_date_0"' in text


def test_someone_in_two_groups_chooses_one_without_a_blank_choice(client, member, peg, panel):
    Membership.objects.create(user=member, group=panel)
    client.force_login(member)
    text = client.get(reverse("expenses:claim_create")).text
    assert 'name="group" type="radio"' in text
    assert "---------" not in text


def test_the_claim_list_shows_the_latest_activity_first(client, member, make_claim):
    older = make_claim(activity_date=timezone.localdate() - timedelta(days=30), description="Older")
    make_claim(activity_date=timezone.localdate() - timedelta(days=2), description="Newer")
    ExpenseClaim.objects.filter(pk=older.pk).update(created=timezone.now() + timedelta(hours=1))
    client.force_login(member)
    text = client.get(reverse("expenses:claim_list")).text
    assert text.index("Newer") < text.index("Older")


def test_someone_in_one_group_has_it_chosen_for_them(client, member, peg):
    client.force_login(member)
    text = client.get(reverse("expenses:claim_create")).text
    assert f'<input type="hidden" name="group" value="{peg.pk}" id="id_group">' in text


def test_it_says_once_that_the_meeting_is_of_another_group(client, member, peg, panel, make_meeting):
    Membership.objects.create(user=member, group=panel)
    meeting = make_meeting(days=-3, group=panel)
    client.force_login(member)
    data = claim_data(peg, meeting=meeting.pk, lines=[mileage()])
    response = client.post(reverse("expenses:claim_create"), data)
    assert len(response.context["form"].errors["meeting"]) == 1
