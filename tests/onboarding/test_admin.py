"""Staff keep onboarding records in the admin: a list of members with filters, and each person's records."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Membership, User
from members.onboarding.models import (
    AgreementSignature,
    AgreementVersion,
    DbsCheck,
    DbsRequirement,
    Induction,
    TrainingRecord,
)

pytestmark = pytest.mark.django_db
LIST = reverse("admin:onboarding_onboarding_changelist")


@pytest.fixture(autouse=True)
def _in_june():
    with time_machine.travel("2026-06-10 12:00 +01:00", tick=False):
        yield


def names(response):
    return [person.full_name for person in response.context["cl"].result_list]


def test_a_member_cannot_open_the_onboarding_admin(client, member):
    client.force_login(member)
    assert client.get(LIST).status_code == 302


def test_a_chair_cannot_open_the_onboarding_admin(client, chair):
    client.force_login(chair)
    assert client.get(LIST).status_code == 302


def test_staff_filter_members_who_have_not_signed_the_agreement_in_force(client, staff, member, chair, agreement):
    AgreementSignature.objects.create(
        user=chair, version=agreement, typed_name="Jean Ellison", signed_on=date(2026, 5, 1)
    )
    client.force_login(staff)
    assert names(client.get(LIST, {"agreement": "unsigned"})) == ["Olivia Bennett"]


def test_staff_filter_members_with_training_running_out_in_30_days(client, staff, member, chair):
    TrainingRecord.objects.create(
        user=member, course="Safeguarding", completed_on=date(2023, 7, 1), expires_on=date(2026, 7, 1)
    )
    TrainingRecord.objects.create(
        user=chair, course="Safeguarding", completed_on=date(2025, 1, 1), expires_on=date(2027, 1, 1)
    )
    client.force_login(staff)
    assert names(client.get(LIST, {"runs_out": "soon"})) == ["Olivia Bennett"]


def test_the_training_list_filters_records_running_out_in_30_days(client, staff, member):
    TrainingRecord.objects.create(
        user=member, course="Soon", completed_on=date(2023, 7, 1), expires_on=date(2026, 7, 1)
    )
    TrainingRecord.objects.create(
        user=member, course="Later", completed_on=date(2025, 1, 1), expires_on=date(2027, 1, 1)
    )
    client.force_login(staff)
    response = client.get(reverse("admin:onboarding_trainingrecord_changelist"), {"runs_out": "soon"})
    assert [record.course for record in response.context["cl"].result_list] == ["Soon"]


def add_members(peg, count, start):
    people = User.objects.bulk_create(
        [User(email=f"person{i}@example.org", full_name=f"Person {i}") for i in range(start, start + count)]
    )
    Membership.objects.bulk_create([Membership(user=person, group=peg) for person in people])
    TrainingRecord.objects.bulk_create(
        [TrainingRecord(user=person, course="Safeguarding", completed_on=date(2026, 1, 1)) for person in people]
    )


# 1 session, 2 user, 3 permissions (user's and groups'), 4 the agreement in force, 5 count (filtered only),
# 6 the page of people with their signature, induction and next expiry annotated.
ONBOARDING_LIST_QUERIES = 6


def test_the_onboarding_list_runs_fixed_queries(client, staff, peg, agreement, django_assert_num_queries):
    client.force_login(staff)
    add_members(peg, 3, 0)
    with django_assert_num_queries(ONBOARDING_LIST_QUERIES):
        assert client.get(LIST).status_code == 200
    add_members(peg, 60, 3)
    with django_assert_num_queries(ONBOARDING_LIST_QUERIES):
        response = client.get(LIST)
    assert len(response.context["cl"].result_list) == 50


def change_form(client, staff, person):
    client.force_login(staff)
    return client.get(reverse("admin:onboarding_onboarding_change", args=[person.pk]))


def test_the_dbs_check_is_offered_for_a_role_that_needs_it(client, staff, chair, peg):
    DbsRequirement.objects.create(group=peg, role=Membership.Role.CHAIR)
    assert "DBS checks" in change_form(client, staff, chair).text


def test_the_dbs_check_is_not_offered_for_a_role_that_does_not_need_it(client, staff, member, peg):
    DbsRequirement.objects.create(group=peg, role=Membership.Role.CHAIR)
    assert "DBS checks" not in change_form(client, staff, member).text


def test_a_dbs_check_cannot_be_recorded_for_someone_whose_role_does_not_need_one(member):
    check = DbsCheck(user=member, level=DbsCheck.Level.BASIC, certificate_date=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="holds no role that needs a DBS check"):
        check.full_clean()


def test_recording_an_induction_records_who_recorded_it(client, staff, member):
    client.force_login(staff)
    url = reverse("admin:onboarding_onboarding_change", args=[member.pk])
    empty = {
        f"{prefix}-{count}_FORMS": 0
        for prefix in ["agreement_signatures", "training_records"]
        for count in ["TOTAL", "INITIAL"]
    }
    induction = {"induction-TOTAL_FORMS": 1, "induction-INITIAL_FORMS": 0, "induction-0-completed_on": "01/06/2026"}
    assert client.post(url, empty | induction).status_code == 302
    induction = Induction.objects.get(user=member)
    assert (induction.completed_on, induction.recorded_by) == (date(2026, 6, 1), staff)


def test_an_agreement_version_needs_its_text_or_a_file():
    version = AgreementVersion(name="Blank", in_force_from=date(2026, 7, 1))
    with pytest.raises(ValidationError, match="Give the agreement's text, or attach it as a file"):
        version.full_clean()


def add_records(peg, count, start):
    add_members(peg, count, start)
    people = User.objects.filter(email__startswith="person")
    DbsRequirement.objects.get_or_create(group=peg, role=Membership.Role.MEMBER)
    DbsCheck.objects.bulk_create(
        [DbsCheck(user=person, level=DbsCheck.Level.BASIC, certificate_date=date(2026, 1, 1)) for person in people]
    )


# 1 session, 2 user, 3 permissions (user's and groups'), 4 the courses for the course filter, 5 count,
# 6 the page of records with their people.
TRAINING_LIST_QUERIES = 6
# 1 session, 2 user, 3 permissions (user's and groups'), 4 count, 5 the page of checks with their people.
DBS_LIST_QUERIES = 5


@pytest.mark.parametrize(
    ("model", "queries"), [("trainingrecord", TRAINING_LIST_QUERIES), ("dbscheck", DBS_LIST_QUERIES)]
)
def test_the_record_lists_run_fixed_queries(client, staff, peg, model, queries, django_assert_num_queries):
    client.force_login(staff)
    url = reverse(f"admin:onboarding_{model}_changelist")
    add_records(peg, 3, 0)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    add_records(peg, 60, 3)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 50
