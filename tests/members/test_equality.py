import random

import pytest
from django.urls import reverse
from django.utils import timezone

from members.equality import (
    EVERYONE,
    SUPPRESSED,
    TOO_FEW_DIFFER,
    TOO_FEW_PEOPLE,
    equality_summary,
    shown_breakdowns,
    suppress,
)
from members.models import EngagementGroup, EqualityMonitoring, Membership, User
from tests.conftest import make_person


def test_it_suppresses_counts_under_five():
    assert suppress({"a": 7, "b": 3, "c": 4, "d": 6}) == {"a": 7, "b": SUPPRESSED, "c": SUPPRESSED, "d": 6}


def test_it_suppresses_zero_as_well():
    # A zero says that nobody in the group gave that answer.
    assert suppress({"a": 9, "b": 0, "c": 6})["b"] == SUPPRESSED


def test_it_suppresses_a_second_count_when_only_one_is_small():
    # Otherwise the small one could be worked out from the group total.
    shown = suppress({"a": 10, "b": 2, "c": 8})
    assert shown == {"a": 10, "b": SUPPRESSED, "c": SUPPRESSED}


def test_it_hides_more_counts_until_the_hidden_ones_add_up_to_five():
    # Otherwise 1 + 2 = 3 could be worked out from the total, or two hidden zeros from adding up to nothing.
    assert suppress({"a": 10, "b": 1, "c": 2, "d": 7}) == {"a": 10, "b": SUPPRESSED, "c": SUPPRESSED, "d": SUPPRESSED}
    assert suppress({"a": 10, "b": 0, "c": 0, "d": 7}) == {"a": 10, "b": SUPPRESSED, "c": SUPPRESSED, "d": SUPPRESSED}


def test_it_leaves_large_counts_alone():
    assert suppress({"a": 5, "b": 9}) == {"a": 5, "b": 9}


@pytest.mark.django_db
def test_it_counts_answers_and_people_who_did_not_answer():
    for i in range(12):
        user = User.objects.create_user(f"p{i}@example.org", full_name=f"P {i}")
        if i < 10:
            EqualityMonitoring.objects.create(
                user=user, consent_given_at=timezone.now(), sex="female" if i < 6 else "male"
            )
    summary = equality_summary(EVERYONE)
    sex = next(c for c in summary["characteristics"] if c["label"] == "Sex")
    assert dict(sex["rows"]) == {
        "Female": 6,
        "Male": SUPPRESSED,
        "Prefer not to say": SUPPRESSED,
        "Not answered": SUPPRESSED,
    }
    assert (summary["people"], summary["answered"]) == (12, 10)


@pytest.mark.django_db
def test_staff_without_the_equality_permission_cannot_open_the_report(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:members_equalitymonitoring_changelist"))
    assert response.status_code == 403


@pytest.mark.django_db
def test_staff_with_the_equality_permission_see_only_totals(client, equality_staff, member):
    EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now(), religion="jewish")
    make_members(member.memberships.get().group, 5, "other")
    client.force_login(equality_staff)
    response = client.get(reverse("admin:members_equalitymonitoring_changelist"))
    assert response.status_code == 200
    assert "Religion or belief" in response.text
    assert "fewer than 5" in response.text
    assert member.email not in response.text and member.full_name not in response.text


@pytest.mark.django_db
def test_nobody_can_open_one_persons_answers_in_the_admin(client, equality_staff, member):
    answers = EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now())
    client.force_login(equality_staff)
    response = client.get(reverse("admin:members_equalitymonitoring_change", args=[answers.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_a_member_saves_answers_only_with_consent(client, member):
    client.force_login(member)
    response = client.post(reverse("equality_monitoring"), {"sex": "female"})
    assert response.status_code == 200
    assert "Tick the box to agree" in response.text
    assert not EqualityMonitoring.objects.exists()

    response = client.post(reverse("equality_monitoring"), {"sex": "female", "consent": "on"})
    assert response.status_code == 302
    answers = EqualityMonitoring.objects.get(user=member)
    assert answers.sex == "female" and answers.consent_given_at is not None


@pytest.mark.django_db
def test_a_member_deletes_their_answers(client, member):
    EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now(), sex="male")
    client.force_login(member)
    client.post(reverse("delete_equality_monitoring"))
    assert not EqualityMonitoring.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_saving_with_nothing_ticked_explains_what_is_needed(client, member):
    client.force_login(member)
    response = client.post(reverse("equality_monitoring"), {})
    assert "Tick the box to agree" in response.text
    assert not EqualityMonitoring.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("odd", ["abc", "¹", str(2**64)])
def test_an_odd_group_in_the_address_shows_the_totals_for_everyone(client, equality_staff, odd):
    client.force_login(equality_staff)
    response = client.get(reverse("admin:members_equalitymonitoring_changelist"), {"group": odd})
    assert response.status_code == 200
    assert response.context["group"] is None


def people(*numbers):
    return frozenset(("user", n) for n in numbers)


def test_a_breakdown_of_fewer_than_five_people_is_refused():
    assert shown_breakdowns({EVERYONE: people(*range(20)), ("group", 1): people(*range(4))}) == {EVERYONE}


def test_of_two_breakdowns_one_to_four_people_apart_the_smaller_is_refused():
    # Everyone minus the group would be the answers of the one person not in it.
    assert shown_breakdowns({EVERYONE: people(*range(30)), ("group", 1): people(*range(29))}) == {EVERYONE}


def test_of_two_groups_of_one_size_a_swap_apart_only_the_first_is_shown():
    assert shown_breakdowns({("group", 1): people(*range(10)), ("group", 2): people(*range(1, 11))}) == {("group", 1)}


def test_breakdowns_of_the_same_people_or_at_least_five_apart_are_all_shown():
    populations = {EVERYONE: people(*range(30)), ("group", 1): people(*range(25)), ("round", 1): people(*range(25))}
    assert shown_breakdowns(populations) == set(populations)


def overlapping_breakdowns(rng):
    """Twelve breakdowns of 2 to 30 people, mostly a few people apart from each other: built to leak."""
    base = rng.sample(range(40), 20)
    populations = {}
    for i in range(12):
        kept = rng.sample(base, rng.randint(0, 20))
        added = rng.sample(range(40, 50), rng.randint(0, 10))
        populations[("group", i)] = people(*kept, *added)
    return populations


def test_no_two_breakdowns_shown_are_one_to_four_people_apart():
    rng = random.Random(5)
    for _ in range(200):
        populations = overlapping_breakdowns(rng)
        shown = [populations[key] for key in shown_breakdowns(populations)]
        assert all(len(a) >= 5 for a in shown)
        assert all(not 0 < len(a ^ b) < 5 for a in shown for b in shown)


def test_a_breakdown_is_refused_only_when_it_is_small_or_close_to_a_larger_one_shown():
    rng = random.Random(6)
    for _ in range(200):
        populations = overlapping_breakdowns(rng)
        shown = shown_breakdowns(populations)
        for key in set(populations) - shown:
            refused = populations[key]
            assert len(refused) < 5 or any(
                0 < len(refused ^ populations[other]) < 5 and len(populations[other]) >= len(refused) for other in shown
            )


def make_members(group, count, prefix, **membership):
    """`count` people in `group`, each with an answer to the religion question."""
    users = []
    for i in range(count):
        user = make_person(f"{prefix}{i}@example.org", f"{prefix.title()} {i}")
        Membership.objects.create(user=user, group=group, **membership)
        EqualityMonitoring.objects.create(user=user, consent_given_at=timezone.now(), religion="christian")
        users.append(user)
    return users


@pytest.fixture
def one_on_leave(peg, equality_staff):
    """30 active people, 29 of them active in the PEG; the 30th, on leave, is the only Jewish person."""
    Membership.objects.create(user=equality_staff, group=peg, role=Membership.Role.STAFF)
    make_members(peg, 28, "member")
    (away,) = make_members(peg, 1, "away", status=Membership.Status.ON_LEAVE)
    EqualityMonitoring.objects.filter(user=away).update(religion="jewish")
    return peg


def report(client, **params):
    return client.get(reverse("admin:members_equalitymonitoring_changelist"), params)


def test_a_group_one_person_short_of_everyone_is_refused_in_the_report(client, equality_staff, one_on_leave):
    client.force_login(equality_staff)
    response = report(client, group=one_on_leave.pk)
    assert response.status_code == 200
    assert TOO_FEW_DIFFER in response.text
    assert "Religion or belief" not in response.text


def test_everyone_is_still_shown_when_a_group_is_one_person_short(client, equality_staff, one_on_leave):
    client.force_login(equality_staff)
    response = report(client)
    assert "Religion or belief" in response.text and TOO_FEW_DIFFER not in response.text


def test_of_two_groups_one_person_apart_the_smaller_is_refused(peg, panel):
    make_members(EngagementGroup.objects.create(name="Forum", slug="forum"), 10, "other")
    both = make_members(peg, 10, "both")
    for user in both:
        Membership.objects.create(user=user, group=panel)
    make_members(panel, 1, "panel")
    assert equality_summary(("group", peg.pk)) == {"refused": TOO_FEW_DIFFER}
    assert equality_summary(("group", panel.pk))["people"] == 11


def test_a_group_of_fewer_than_five_people_is_refused(peg, panel):
    make_members(peg, 10, "member")
    make_members(panel, 3, "panel")
    assert equality_summary(("group", panel.pk)) == {"refused": TOO_FEW_PEOPLE}


# The report for everyone:
#  1 session, 2 user, 3 permissions (user's and groups'), 4 the group asked for (none), 5 logging the view,
#  6-9 the breakdowns anyone may open (active people, active memberships, applicants in the running, rounds),
#  10 their answers, 11 the groups for the menu.
REPORT_QUERIES = 11


def test_the_report_runs_fixed_queries_however_many_groups(
    client, equality_staff, one_on_leave, django_assert_num_queries
):
    client.force_login(equality_staff)
    with django_assert_num_queries(REPORT_QUERIES):
        report(client)
    for i in range(5):
        make_members(EngagementGroup.objects.create(name=f"Locality group {i}", slug=f"locality-{i}"), 6, f"l{i}-")
    with django_assert_num_queries(REPORT_QUERIES):
        report(client)
