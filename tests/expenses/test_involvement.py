"""Involvement payments: only groups that pay them, never to someone who declined, said plainly on the member site."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendee, Meeting
from members.expenses.models import ExpenseSettings, InvolvementPayment, InvolvementPreference
from members.models import Membership

pytestmark = pytest.mark.django_db


def last_week():
    return timezone.localdate() - timedelta(days=3)


@pytest.fixture
def panel_member_of_paying_panel(member, paying_panel):
    Membership.objects.create(user=member, group=paying_panel)
    return member


def test_a_group_that_pays_expenses_only_refuses_involvement_payments(member, peg):
    ExpenseSettings.objects.create(group=peg)
    payment = InvolvementPayment(
        person=member, group=peg, activity_date=last_week(), description="Meeting", amount=Decimal("25")
    )
    with pytest.raises(ValidationError, match="its members receive expenses only"):
        payment.full_clean()


def test_a_payment_to_someone_who_declined_is_refused(panel_member_of_paying_panel, paying_panel):
    InvolvementPreference.objects.create(person=panel_member_of_paying_panel, group=paying_panel, declines=True)
    payment = InvolvementPayment(
        person=panel_member_of_paying_panel,
        group=paying_panel,
        activity_date=last_week(),
        description="Panel",
        amount=Decimal("25"),
    )
    with pytest.raises(ValidationError, match="has declined involvement payments"):
        payment.full_clean()


def test_recording_a_meeting_is_safe_to_repeat(panel_member_of_paying_panel, paying_panel, make_meeting):
    meeting = make_meeting(days=-2, group=paying_panel, status=Meeting.Status.HELD)
    Attendee.objects.create(meeting=meeting, user=panel_member_of_paying_panel)
    assert InvolvementPayment.objects.record_for_meeting(meeting) == 1
    assert InvolvementPayment.objects.record_for_meeting(meeting) == 0
    assert InvolvementPayment.objects.get().amount == Decimal("25.00")


def test_a_half_day_rate_pays_each_half_day(panel_member_of_paying_panel, paying_panel, make_meeting):
    ExpenseSettings.objects.filter(group=paying_panel).update(involvement_unit=ExpenseSettings.Unit.HALF_DAY)
    meeting = make_meeting(days=-2, group=paying_panel)
    meeting.end = meeting.start + timedelta(hours=6)
    meeting.save()
    Attendee.objects.create(meeting=meeting, user=panel_member_of_paying_panel)
    InvolvementPayment.objects.record_for_meeting(meeting)
    assert InvolvementPayment.objects.get().amount == Decimal("50.00")


def test_recording_a_meeting_of_a_group_that_does_not_pay_is_refused(make_meeting, member):
    meeting = make_meeting(days=-2)
    Attendee.objects.create(meeting=meeting, user=member)
    with pytest.raises(ValidationError, match="expenses only"):
        InvolvementPayment.objects.record_for_meeting(meeting)


def test_a_paying_group_must_say_how_much(peg):
    with pytest.raises(ValidationError, match="Give the payment"):
        ExpenseSettings(group=peg, pays_involvement=True).full_clean()


def test_the_page_says_payments_can_affect_benefits_and_links_to_advice(client, panel_member_of_paying_panel, settings):
    settings.BENEFITS_ADVICE_URL = "https://advice.example.org/benefits"
    client.force_login(panel_member_of_paying_panel)
    text = client.get(reverse("expenses:involvement")).text
    assert "Involvement payments can affect your benefits" in text
    assert 'href="https://advice.example.org/benefits"' in text
    assert "Reading Panel pays £25.00 per meeting" in text


def test_a_member_of_groups_that_pay_expenses_only_is_told_so(client, member):
    client.force_login(member)
    assert "Your groups pay expenses only" in client.get(reverse("expenses:involvement")).text


def test_a_member_declines_involvement_payments(client, panel_member_of_paying_panel, paying_panel):
    client.force_login(panel_member_of_paying_panel)
    response = client.post(
        reverse("expenses:involvement"),
        {"group": paying_panel.pk, f"group-{paying_panel.pk}-choice": "decline"},
        follow=True,
    )
    assert "you will not get involvement payments from Reading Panel" in response.text
    assert InvolvementPreference.objects.get(person=panel_member_of_paying_panel, group=paying_panel).declines


def test_a_member_changes_their_mind(client, panel_member_of_paying_panel, paying_panel):
    InvolvementPreference.objects.create(person=panel_member_of_paying_panel, group=paying_panel, declines=True)
    client.force_login(panel_member_of_paying_panel)
    client.post(
        reverse("expenses:involvement"), {"group": paying_panel.pk, f"group-{paying_panel.pk}-choice": "accept"}
    )
    assert not InvolvementPreference.objects.get(person=panel_member_of_paying_panel, group=paying_panel).declines


def test_choosing_nothing_shows_an_error(client, panel_member_of_paying_panel, paying_panel):
    client.force_login(panel_member_of_paying_panel)
    response = client.post(reverse("expenses:involvement"), {"group": paying_panel.pk})
    assert "<title>Error: " in response.text
    assert "Choose whether you want involvement payments" in response.text


def test_a_member_cannot_set_a_choice_for_a_group_they_are_not_in(client, member, paying_panel):
    client.force_login(member)
    response = client.post(
        reverse("expenses:involvement"), {"group": paying_panel.pk, f"group-{paying_panel.pk}-choice": "decline"}
    )
    assert response.status_code == 404
    assert not InvolvementPreference.objects.exists()


def test_the_member_sees_their_payments(client, panel_member_of_paying_panel, paying_panel):
    InvolvementPayment.objects.create(
        person=panel_member_of_paying_panel,
        group=paying_panel,
        activity_date=last_week(),
        description="Leaflet review",
        amount=Decimal("25"),
    )
    client.force_login(panel_member_of_paying_panel)
    text = client.get(reverse("expenses:involvement")).text
    assert "Leaflet review" in text and "£25.00" in text and "approved for payment" in text


def test_the_claim_list_points_to_involvement_payments_only_where_a_group_pays(client, member, paying_panel):
    client.force_login(member)
    assert "Involvement payments" not in client.get(reverse("expenses:claim_list")).text
    Membership.objects.create(user=member, group=paying_panel)
    assert "Involvement payments" in client.get(reverse("expenses:claim_list")).text
