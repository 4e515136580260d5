"""“Appoint” creates the person and their membership, carries over their answers and sends one invitation."""

from datetime import date

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.models import EqualityMonitoring, Membership, User
from members.recruitment import services
from members.recruitment.models import ApplicantEquality, Application
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

S = Application.Status


def appoint_url(application):
    return reverse("admin:recruitment_application_appoint", args=[application.pk])


@pytest.fixture
def shortlisted(open_round, make_application, localities, areas, needs):
    application = make_application(
        open_round,
        "Amara Nwosu",
        S.SHORTLISTED,
        localities[2],
        [areas[0], areas[2]],
        email="Amara.Nwosu@Example.net",
        phone="01632 960555",
        address="3 Quarry Row\nSouthmere",
        postcode="ZZ3 3AA",
        access_needs_other="Morning meetings suit me best.",
    )
    application.access_needs.set([needs[1]])
    return application


def test_it_creates_exactly_one_person_membership_and_invitation(
    client, staff, shortlisted, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    people_before = User.objects.count()
    with time_machine.travel(date(2026, 4, 1)), django_capture_on_commit_callbacks(execute=True):
        response = client.post(appoint_url(shortlisted))
    assert response.status_code == 302
    assert User.objects.count() == people_before + 1
    person = User.objects.get(email="amara.nwosu@example.net")
    membership = Membership.objects.get(user=person)
    assert (membership.group, membership.role, membership.status) == (
        shortlisted.round.group,
        Membership.Role.MEMBER,
        Membership.Status.ACTIVE,
    )
    assert (membership.term_start, membership.term_end) == (date(2026, 4, 1), date(2029, 3, 31))
    assert [m.to for m in mail.outbox] == [["amara.nwosu@example.net"]]
    assert "/accounts/invitation/" in mail.outbox[0].body
    shortlisted.refresh_from_db()
    assert shortlisted.status == S.APPOINTED and shortlisted.appointed_user == person
    event = shortlisted.events.get()
    assert (event.by, event.from_status, event.to_status) == (staff, S.SHORTLISTED, S.APPOINTED)


def test_it_carries_over_the_profile_answers(staff, shortlisted, localities, areas, needs):
    services.appoint(shortlisted.pk, staff)
    person = User.objects.get(email="amara.nwosu@example.net")
    assert (person.full_name, person.phone, person.postcode, person.locality) == (
        "Amara Nwosu",
        "01632 960555",
        "ZZ3 3AA",
        localities[2],
    )
    assert person.address == "3 Quarry Row\nSouthmere"
    assert set(person.lived_experience.all()) == {areas[0], areas[2]}
    assert list(person.access_needs.all()) == [needs[1]]
    assert person.access_needs_other == "Morning meetings suit me best."
    assert not person.has_usable_password()


def test_it_copies_equality_answers_given_with_consent(staff, shortlisted):
    consented = timezone.now()
    ApplicantEquality.objects.create(
        application=shortlisted, consent_given_at=consented, sex="female", age_band="65_74"
    )
    services.appoint(shortlisted.pk, staff)
    answers = EqualityMonitoring.objects.get(user__email="amara.nwosu@example.net")
    assert (answers.sex, answers.age_band, answers.religion, answers.consent_given_at) == (
        "female",
        "65_74",
        "",
        consented,
    )


def test_without_equality_answers_none_are_made_up(staff, shortlisted):
    services.appoint(shortlisted.pk, staff)
    assert not EqualityMonitoring.objects.exists()


def test_it_reuses_a_person_with_the_same_email_in_any_case(staff, shortlisted, panel, localities):
    existing = make_person("amara.nwosu@example.net", "Amara N", phone="07700 900123")
    Membership.objects.create(user=existing, group=panel)
    services.appoint(shortlisted.pk, staff)
    assert User.objects.filter(email__iexact="amara.nwosu@example.net").count() == 1
    existing.refresh_from_db()
    # What they already told us stays; what was missing is filled in.
    assert (existing.full_name, existing.phone, existing.locality) == ("Amara N", "07700 900123", localities[2])
    assert existing.memberships.count() == 2


def test_appointing_twice_does_nothing_more(client, staff, shortlisted, django_capture_on_commit_callbacks):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(appoint_url(shortlisted))
        response = client.post(appoint_url(shortlisted), follow=True)
    assert "already been appointed" in response.text
    assert Membership.objects.filter(user__email="amara.nwosu@example.net").count() == 1
    assert len(mail.outbox) == 1


def test_an_application_not_shortlisted_cannot_be_appointed(staff, open_round, make_application):
    application = make_application(open_round)
    with pytest.raises(ValidationError, match="Shortlist them first"):
        services.appoint(application.pk, staff)
    assert not Membership.objects.filter(user__email=application.email).exists()


def test_the_confirmation_page_says_what_will_happen(client, staff, shortlisted):
    client.force_login(staff)
    response = client.get(appoint_url(shortlisted))
    assert response.status_code == 200
    assert "add a new person, Amara Nwosu" in response.text
    assert "invitation" in response.text
    assert not Membership.objects.exists()


def test_staff_without_permission_to_add_people_cannot_appoint(client, shortlisted):
    helper = make_person("helper@example.org", "Helper", is_staff=True)
    helper.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_engagementgroup", "view_application", "change_application"])
    )
    client.force_login(helper)
    assert client.post(appoint_url(shortlisted)).status_code == 403
    shortlisted.refresh_from_db()
    assert shortlisted.status == S.SHORTLISTED


def test_a_chair_is_appointed_only_after_an_interview(staff, chair_round, make_application):
    application = make_application(chair_round, status=S.SHORTLISTED)
    with pytest.raises(ValidationError, match="arrange the interview first"):
        services.appoint(application.pk, staff)


def test_a_chair_is_appointed_only_with_the_interview_panel_recorded(staff, chair_round, make_application):
    chair_round.interview_panel.all().delete()
    application = make_application(chair_round, status=S.INTERVIEW_ARRANGED, interview_at=timezone.now())
    with pytest.raises(ValidationError, match="interview panel"):
        services.appoint(application.pk, staff)


def test_appointing_a_chair_makes_them_chair_and_drafts_their_contract(staff, chair_round, make_application):
    application = make_application(chair_round, status=S.INTERVIEW_ARRANGED, interview_at=timezone.now())
    membership = services.appoint(application.pk, staff)
    assert membership.role == Membership.Role.CHAIR
    contract = apps.get_model("expenses", "Contract").objects.get()
    assert (contract.person, contract.group, contract.role) == (
        membership.user,
        chair_round.group,
        Membership.Role.CHAIR,
    )
    assert (contract.start, contract.end) == (membership.term_start, membership.term_end)
    assert contract.annual_remuneration == 6000
    assert "Draft" in contract.notes


def test_without_the_expenses_app_a_chair_is_appointed_with_no_contract(
    staff, chair_round, make_application, monkeypatch
):
    monkeypatch.setattr(services, "contracts_installed", lambda: False)
    application = make_application(chair_round, status=S.INTERVIEW_ARRANGED, interview_at=timezone.now())
    assert services.appoint(application.pk, staff).role == Membership.Role.CHAIR
    assert not apps.get_model("expenses", "Contract").objects.exists()


def test_appointing_cannot_switch_on_or_change_an_account_stronger_than_the_officers(staff, shortlisted):
    admin = User.objects.create_superuser("amara.nwosu@example.net", "a-long-test-password", full_name="Former Admin")
    admin.is_active = False
    admin.save()
    with pytest.raises(ValidationError, match="holds roles you do not have"):
        services.appoint(shortlisted.pk, staff)
    admin.refresh_from_db()
    assert not admin.is_active
    assert admin.phone == ""


def test_the_confirmation_page_says_a_stronger_account_cannot_be_appointed_over(client, staff, shortlisted):
    User.objects.create_superuser("amara.nwosu@example.net", "a-long-test-password", full_name="Former Admin")
    client.force_login(staff)
    assert "holds roles you do not have" in client.get(appoint_url(shortlisted)).text
