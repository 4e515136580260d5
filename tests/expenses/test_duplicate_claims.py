"""A second claim for a meeting or a day the person has claimed for already: the member is warned before
submitting, staff see it flagged on the list and the decide page. Never refused: two claims can both be right."""

from datetime import timedelta

import pytest
from django.urls import reverse

from members.expenses import services
from members.expenses.models import ExpenseClaim

from .conftest import set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def first(make_claim, member, past_meeting):
    claim = make_claim(meeting=past_meeting, description="Bus to the meeting")
    services.submit(claim, member)
    return claim


def flagged(claim):
    return ExpenseClaim.objects.with_flags().get(pk=claim.pk).is_duplicate


def test_a_second_claim_for_the_same_meeting_is_flagged(first, make_claim, past_meeting):
    second = make_claim(meeting=past_meeting, activity_date=first.activity_date + timedelta(days=1))
    assert flagged(second)


def test_a_second_claim_for_the_same_day_is_flagged(first, make_claim):
    assert flagged(make_claim(activity_date=first.activity_date))


def test_a_claim_for_another_day_is_not_flagged(first, make_claim):
    assert not flagged(make_claim(activity_date=first.activity_date - timedelta(days=1)))


def test_someone_elses_claim_for_the_same_meeting_is_not_flagged(first, make_claim, other_member, past_meeting):
    assert not flagged(make_claim(claimant=other_member, meeting=past_meeting))


def test_a_rejected_claim_does_not_count(first, make_claim):
    set_status(first, ExpenseClaim.Status.REJECTED)
    assert not flagged(make_claim(activity_date=first.activity_date))


def test_a_draft_does_not_count_as_claimed(make_claim):
    draft = make_claim()
    assert not flagged(make_claim(activity_date=draft.activity_date))


def test_the_member_is_warned_before_submitting(client, member, first, make_claim, past_meeting):
    second = make_claim(meeting=past_meeting)
    client.force_login(member)
    page = client.get(second.get_absolute_url()).text
    assert "You have already claimed for this meeting or this day" in page
    assert f"Claim {first.pk}: Bus to the meeting" in page


def test_the_warning_lists_each_claim_with_its_meeting_if_any_and_where_it_stands(
    client, member, first, make_claim, past_meeting
):
    that_day = make_claim(activity_date=first.activity_date, description="Lunch")
    services.submit(that_day, member)
    client.force_login(member)
    date = f"{first.activity_date:%-d %B %Y}"
    # A claim without a meeting is compared by its day alone.
    page = client.get(make_claim(activity_date=first.activity_date).get_absolute_url()).text
    assert "You have already claimed for this day" in page
    assert f'<a href="/expenses/{that_day.pk}/">Claim {that_day.pk}: Lunch</a>, {date}, submitted</li>' in page
    assert (
        f'<a href="/expenses/{first.pk}/">Claim {first.pk}: Bus to the meeting</a>, {date} (Autumn meeting), submitted'
        in page
    )


def test_the_warning_does_not_stop_the_member_submitting(client, member, first, make_claim, past_meeting):
    second = make_claim(meeting=past_meeting)
    client.force_login(member)
    client.post(reverse("expenses:claim_submit", args=[second.pk]))
    assert ExpenseClaim.objects.get(pk=second.pk).status == ExpenseClaim.Status.SUBMITTED


def test_a_claim_with_nothing_else_that_day_has_no_warning(client, member, make_claim):
    client.force_login(member)
    assert "already claimed" not in client.get(make_claim().get_absolute_url()).text


def test_staff_see_the_flag_on_the_claims_list_and_can_filter_by_it(client, staff, member, first, make_claim):
    second = make_claim(activity_date=first.activity_date)
    services.submit(second, member)
    client.force_login(staff)
    url = reverse("admin:expenses_expenseclaim_changelist")
    assert "Already claimed for that meeting or day" in client.get(url).text
    filtered = client.get(url + "?check=duplicate").context["cl"].result_list
    assert set(filtered) == {first, second}


def test_the_decide_page_links_the_other_claim(client, staff, member, first, make_claim):
    second = make_claim(activity_date=first.activity_date)
    services.submit(second, member)
    client.force_login(staff)
    page = client.get(reverse("admin:expenses_expenseclaim_decide", args=[second.pk])).text
    assert reverse("admin:expenses_expenseclaim_change", args=[first.pk]) in page
    assert "has already claimed for this meeting or this day" not in page
    assert "has already claimed for this day" in page
