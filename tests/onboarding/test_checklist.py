from datetime import date

import pytest
import time_machine
from django.urls import reverse

from members.models import Membership
from members.onboarding.models import AgreementSignature, DbsCheck, DbsRequirement, Induction, TrainingRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_june():
    with time_machine.travel("2026-06-10 12:00 +01:00", tick=False):
        yield


def profile(client, person):
    client.force_login(person)
    return client.get(reverse("profile")).text


def test_it_shows_the_date_the_agreement_was_signed(client, member, agreement):
    AgreementSignature.objects.create(
        user=member, version=agreement, typed_name="Olivia Bennett", signed_on=date(2026, 4, 2)
    )
    assert "Signed on 2 April 2026" in profile(client, member)


def test_it_links_to_signing_while_unsigned(client, member, agreement):
    page = profile(client, member)
    assert "Still to do: sign the involvement agreement" in page
    assert reverse("onboarding:sign_agreement") in page


def test_it_shows_induction_and_training_with_what_runs_out(client, member, agreement):
    Induction.objects.create(user=member, completed_on=date(2026, 4, 20))
    TrainingRecord.objects.create(
        user=member, course="Safeguarding adults", completed_on=date(2023, 6, 30), expires_on=date(2026, 6, 30)
    )
    page = profile(client, member)
    assert "Done on 20 April 2026" in page
    assert "Safeguarding adults, done on 30 June 2023: <strong>runs out on 30 June 2026</strong>" in page


def test_it_asks_to_renew_training_that_ran_out(client, member):
    TrainingRecord.objects.create(
        user=member, course="Safeguarding adults", completed_on=date(2023, 5, 1), expires_on=date(2026, 5, 1)
    )
    assert "renew your Safeguarding adults training" in profile(client, member)


def test_it_offers_no_dbs_check_to_a_role_that_does_not_need_one(client, member, peg):
    DbsRequirement.objects.create(group=peg, role=Membership.Role.CHAIR)
    assert "DBS check" not in profile(client, member)


def test_it_asks_for_a_dbs_check_where_the_role_needs_one(client, chair, peg):
    DbsRequirement.objects.create(group=peg, role=Membership.Role.CHAIR)
    page = profile(client, chair)
    assert "have a DBS check" in page
    assert "Needed for your role (chair, Public Engagement Group)" in page


def test_it_shows_the_dbs_check_on_record(client, chair, peg):
    DbsRequirement.objects.create(group=peg, role=Membership.Role.CHAIR)
    DbsCheck.objects.create(
        user=chair, level=DbsCheck.Level.STANDARD, certificate_date=date(2025, 3, 1), renewal_due=date(2028, 3, 1)
    )
    page = profile(client, chair)
    assert "Standard, certificate dated 1 March 2025; renewal due 1 March 2028" in page
    assert "have a DBS check" not in page


def test_a_member_who_stepped_down_from_the_role_is_not_asked_for_a_dbs_check(client, chair, peg):
    DbsRequirement.objects.create(group=peg, role=Membership.Role.CHAIR)
    Membership.objects.filter(user=chair).update(status=Membership.Status.STEPPED_DOWN)
    assert "DBS check" not in profile(client, chair)


def add_records(member, chair, peg, agreement, n, dbs=True):
    AgreementSignature.objects.get_or_create(
        user=member, version=agreement, defaults={"typed_name": "Olivia Bennett", "signed_on": date(2026, 5, 1)}
    )
    Induction.objects.get_or_create(user=member, defaults={"completed_on": date(2026, 4, 1)})
    for i in range(n):
        TrainingRecord.objects.create(user=member, course=f"Course {n}.{i}", completed_on=date(2026, 1, 1 + i))
    if dbs:
        DbsRequirement.objects.get_or_create(group=peg, role=Membership.Role.MEMBER)
        DbsCheck.objects.create(user=member, level=DbsCheck.Level.BASIC, certificate_date=date(2025, 1, 1 + n))


# 1 session, 2 user, 3 the person's area, equality answers, induction, the agreement in force and their
# signature of it, 4 lived experience and access needs, 5 memberships with whether each role needs a
# DBS check, 6 training; 7 the latest DBS check, only where a role needs one.
PROFILE_QUERIES = 6
PROFILE_QUERIES_WITH_DBS = 7


@pytest.mark.parametrize("dbs, queries", [(False, PROFILE_QUERIES), (True, PROFILE_QUERIES_WITH_DBS)])
def test_the_profile_with_the_checklist_runs_fixed_queries(
    client, member, chair, peg, agreement, dbs, queries, django_assert_num_queries
):
    add_records(member, chair, peg, agreement, 1, dbs)
    client.force_login(member)
    with django_assert_num_queries(queries):
        client.get(reverse("profile"))
    add_records(member, chair, peg, agreement, 5, dbs)
    with django_assert_num_queries(queries):
        client.get(reverse("profile"))


def test_staff_without_a_members_role_have_no_onboarding_checklist(client, staff, agreement):
    assert "Your onboarding" not in profile(client, staff)
