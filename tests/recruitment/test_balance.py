"""The balance view: active members plus shortlisted applicants, against the round's targets."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from members.equality import SUPPRESSED, TOO_FEW_DIFFER, equality_summary
from members.models import EqualityMonitoring, Membership
from members.recruitment.balance import round_balance, suggest_shortlist
from members.recruitment.models import ApplicantEquality, Application
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def known_group(open_round, localities, areas, make_member, make_application, target):
    """Known data: three localities, three lived-experience areas, four counted members and two counted applicants."""
    northgate, eastbrook, southmere = localities
    carer, dementia, mental_health = areas
    make_member("Member One", northgate, [carer])
    make_member("Member Two", northgate, [carer, dementia])
    make_member("Member Three", eastbrook)
    make_member("Jean Ellison", eastbrook, [mental_health], role=Membership.Role.CHAIR)
    make_member("On Leave", southmere, [dementia], status=Membership.Status.ON_LEAVE)
    make_member("Staff Person", southmere, [dementia], role=Membership.Role.STAFF)
    make_application(open_round, "Shortlisted Applicant", S.SHORTLISTED, southmere, [carer])
    make_application(open_round, "Interviewed Applicant", S.INTERVIEW_ARRANGED, northgate)
    make_application(open_round, "Received Applicant", S.RECEIVED, southmere, [dementia])
    make_application(open_round, "Withdrawn Applicant", S.WITHDRAWN, southmere, [dementia])
    target(open_round, northgate, 2)
    target(open_round, southmere, 2)
    target(open_round, dementia, 2)
    return open_round


def rows(balance_rows):
    return {row.label: (row.members, row.applicants, row.minimum) for row in balance_rows}


def test_it_counts_active_members_and_shortlisted_applicants_by_locality(known_group):
    balance = round_balance(known_group, with_equality=False)
    assert (balance.members, balance.applicants) == (4, 2)
    assert rows(balance.localities) == {
        "Northgate": (2, 1, 2),
        "Eastbrook": (2, 0, None),
        "Southmere": (0, 1, 2),
    }


def test_it_counts_lived_experience(known_group):
    balance = round_balance(known_group, with_equality=False)
    assert rows(balance.lived_experience) == {
        "Carer": (2, 1, None),
        "Dementia": (1, 0, 2),
        "Mental health": (1, 0, None),
    }


def test_it_puts_gaps_in_words(known_group):
    balance = round_balance(known_group, with_equality=False)
    assert [row.in_words for row in balance.gaps] == [
        "Southmere: 1 of at least 2 — gap of 1",
        "Dementia: 1 of at least 2 — gap of 1",
    ]
    assert [row.in_words for row in balance.targets][0] == "Northgate: 3 of at least 2 — met"


def test_it_suggests_received_applicants_who_fill_gaps(known_group):
    balance = round_balance(known_group, with_equality=False)
    assert [(a.full_name, fills) for a, fills in balance.suggestion] == [
        ("Received Applicant", ["Southmere", "Dementia"])
    ]


def test_the_suggestion_fills_the_most_gaps_first_then_prefers_the_earlier_application():
    candidates = [("first", {"north"}), ("second", {"north", "carer"}), ("third", {"south"}), ("fourth", {"south"})]
    assert suggest_shortlist(candidates, {"north": 1, "carer": 1, "south": 1}) == [
        ("second", ["carer", "north"]),
        ("third", ["south"]),
    ]


def test_the_suggestion_stops_when_no_one_fills_a_gap():
    assert suggest_shortlist([("a", {"north"}), ("b", set())], {"south": 2}) == []
    assert suggest_shortlist([("a", {"north"}), ("b", {"north"})], {"north": 1}) == [("a", ["north"])]


@pytest.fixture
def answered(open_round, make_member, make_application):
    """Twelve members and three shortlisted applicants who answered: 8 female, 7 male; 2 members Jewish."""
    now = timezone.now()
    for i in range(12):
        person = make_member(f"Member {i}")
        EqualityMonitoring.objects.create(
            user=person, consent_given_at=now, sex="female" if i < 7 else "male", religion="jewish" if i < 2 else ""
        )
    for i, sex in enumerate(["male", "male", "female"]):
        application = make_application(open_round, f"Applicant {i}", S.SHORTLISTED)
        ApplicantEquality.objects.create(application=application, consent_given_at=now, sex=sex)
    received = make_application(open_round, "Not Shortlisted", S.RECEIVED)
    ApplicantEquality.objects.create(application=received, consent_given_at=now, sex="female")
    return open_round


def characteristic(balance, label):
    return dict(next(c["rows"] for c in balance.equality["characteristics"] if c["label"] == label))


def test_characteristics_add_members_and_shortlisted_applicants(answered):
    balance = round_balance(answered, with_equality=True)
    assert balance.equality["people"] == 15
    # 7 female members and 1 female applicant shortlisted; the two zeros hide the 7 men too.
    assert characteristic(balance, "Sex") == {
        "Female": 8,
        "Male": SUPPRESSED,
        "Prefer not to say": SUPPRESSED,
        "Not answered": SUPPRESSED,
    }


def test_small_numbers_are_suppressed(answered):
    religion = characteristic(round_balance(answered, with_equality=True), "Religion or belief")
    assert religion["Jewish"] == SUPPRESSED
    # Otherwise 2 could be worked out as 15 minus the people who did not answer.
    assert religion["Not answered"] == SUPPRESSED


def test_no_characteristic_figures_without_being_asked(answered):
    assert round_balance(answered, with_equality=False).equality is None


@pytest.fixture
def one_staff_apart(open_round, make_member):
    """Twelve members and no one shortlisted, so the round is the group less its one staff member."""
    now = timezone.now()
    for i in range(12):
        EqualityMonitoring.objects.create(user=make_member(f"Member {i}"), consent_given_at=now, religion="christian")
    staff_member = make_member("Staff Member", role=Membership.Role.STAFF)
    EqualityMonitoring.objects.create(user=staff_member, consent_given_at=now, religion="jewish")
    return open_round


def test_a_round_one_person_short_of_its_group_is_refused(one_staff_apart):
    # The group's figures minus the round's would be the staff member's answers.
    assert round_balance(one_staff_apart, with_equality=True).equality == {"refused": TOO_FEW_DIFFER}


def test_a_group_one_applicant_short_of_a_round_is_refused_on_the_equality_report(
    open_round, make_member, make_application
):
    # One rule for both pages: the round's figures minus the group's would be the applicant's answers.
    for i in range(12):
        make_member(f"Member {i}")
    make_application(open_round, "Only Applicant", S.SHORTLISTED)
    assert equality_summary(("group", open_round.group_id)) == {"refused": TOO_FEW_DIFFER}
    assert round_balance(open_round, with_equality=True).equality["people"] == 13


def balance_url(round):
    return reverse("admin:recruitment_round_balance", args=[round.pk])


def test_staff_see_counts_and_gaps_on_the_balance_page(client, staff, known_group):
    client.force_login(staff)
    response = client.get(balance_url(known_group))
    assert response.status_code == 200
    assert "Southmere: 1 of at least 2 — gap of 1" in response.text
    assert "suggestion for the panel to review; it decides nothing" in response.text


def test_staff_without_the_equality_permission_see_no_characteristic_figures(client, staff, answered):
    client.force_login(staff)
    response = client.get(balance_url(answered))
    assert response.status_code == 200
    assert response.context["balance"].equality is None
    for text in ["protected characteristic", "Religion or belief", "Female", "Jewish", SUPPRESSED]:
        assert text not in response.text


def test_staff_with_the_equality_permission_see_suppressed_totals(client, equality_staff, answered):
    client.force_login(equality_staff)
    response = client.get(balance_url(answered))
    assert "By protected characteristic" in response.text
    assert "Religion or belief" in response.text and SUPPRESSED in response.text
    assert "Applicant 0" not in response.text  # no one is named next to an answer


def test_the_balance_page_says_why_characteristic_figures_are_not_shown(client, equality_staff, one_staff_apart):
    client.force_login(equality_staff)
    response = client.get(balance_url(one_staff_apart))
    assert "By protected characteristic" in response.text and TOO_FEW_DIFFER in response.text
    assert "Religion or belief" not in response.text


def test_a_member_cannot_open_the_balance_page(client, member, open_round):
    client.force_login(member)
    response = client.get(balance_url(open_round))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_staff_without_permission_to_see_applications_cannot_open_it(client, open_round):
    person = make_person("helper@example.org", "Helper", is_staff=True)
    person.user_permissions.add(Permission.objects.get(codename="view_engagementgroup"))
    client.force_login(person)
    assert client.get(balance_url(open_round)).status_code == 403


# Balance page for equality staff:
#  1 session, 2 user, 3 permissions (user's and groups'), 4 round with group,
#  5 targets with their items, 6-7 members and applicants by locality, 8-9 by lived experience,
#  10-11 localities and areas, 12-15 the breakdowns of equality figures anyone may open (active people,
#  active memberships, applicants in the running, rounds), 16-17 members' and applicants' equality answers,
#  18-19 received applicants and their lived experience (for the suggestion).
BALANCE_QUERIES = 19


def test_the_balance_page_runs_fixed_queries(
    client, equality_staff, known_group, make_member, make_application, localities, areas, django_assert_num_queries
):
    client.force_login(equality_staff)
    with django_assert_num_queries(BALANCE_QUERIES):
        assert client.get(balance_url(known_group)).status_code == 200
    for i in range(30):
        make_member(f"Extra Member {i}", localities[i % 3], [areas[i % 3]])
        status = S.SHORTLISTED if i % 2 else S.RECEIVED
        make_application(known_group, f"Extra Applicant {i}", status, localities[i % 3], areas[: i % 3 + 1])
    with django_assert_num_queries(BALANCE_QUERIES):
        assert client.get(balance_url(known_group)).status_code == 200
