"""A person's recruitment records are in their data download and go when they are erased."""

import io
import json
import zipfile

import pytest
from django.utils import timezone

from members import privacy
from members.recruitment import services
from members.recruitment.models import ApplicantEquality, Application, Score

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def appointed(staff, open_round, make_application):
    application = make_application(open_round, "Amara Nwosu", S.SHORTLISTED)
    ApplicantEquality.objects.create(application=application, consent_given_at=timezone.now(), sex="female")
    Score.objects.create(
        application=application, criterion=open_round.criteria.first(), panel_member=staff, score=3, note="Clear."
    )
    services.appoint(application.pk, staff)
    return application.round.group.memberships.get(user__email=application.email).user


def test_their_applications_scores_and_equality_answers_are_in_their_download(
    appointed, make_application, closed_round
):
    make_application(
        closed_round, "Amara Nwosu", S.NOT_APPOINTED, email=appointed.email.upper(), outcome_reason="Full."
    )
    with zipfile.ZipFile(io.BytesIO(privacy.export_zip(appointed))) as archive:
        mine = json.loads(archive.read("data.json"))["Recruitment"]
    assert sorted(a["Round"] for a in mine["Recruitment applications"]) == [
        "Join the Public Engagement Group",
        "Join the Reading Panel",
    ]
    assert mine["Recruitment equality answers"][0]["Sex"] == "Female"
    assert mine["Recruitment panel scores"][0]["Note"] == "Clear."


def test_erasing_a_person_deletes_their_applications_and_leaves_others(appointed, open_round, make_application):
    other = make_application(open_round, "Someone Else")
    privacy.erase(appointed)
    assert list(Application.objects.all()) == [other]
    assert not ApplicantEquality.objects.exists() and not Score.objects.exists()
