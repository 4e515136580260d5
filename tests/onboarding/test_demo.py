import pytest
from django.core.management import call_command

from engagement.core.dates import local_today
from members.models import Membership, User
from members.onboarding.checklist import checklist_for, person_facts, role_needs_dbs
from members.onboarding.models import AgreementSignature, TrainingRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def checklist(email):
    person = User.objects.filter(email=email).values("pk", **person_facts(local_today())).get()
    memberships = (
        Membership.objects.filter(user=person["pk"]).select_related("group").annotate(needs_dbs=role_needs_dbs())
    )
    return checklist_for(person, memberships, local_today())


def test_the_demo_chair_has_done_everything_including_the_dbs_check_the_role_needs(seeded):
    assert checklist("chair@example.org").to_do == []
    assert checklist("chair@example.org").dbs_check is not None


def test_the_demo_member_has_the_new_agreement_to_sign(seeded):
    assert checklist("member@example.org").to_do == ["sign the involvement agreement"]


def test_the_demo_panel_member_has_training_running_out_this_month(seeded):
    assert TrainingRecord.objects.expiring(local_today()).filter(user__email="panel@example.org").count() == 2


def test_seeding_twice_adds_no_onboarding_records(seeded):
    counts = (AgreementSignature.objects.count(), TrainingRecord.objects.count())
    call_command("seed_demo")
    assert (AgreementSignature.objects.count(), TrainingRecord.objects.count()) == counts
