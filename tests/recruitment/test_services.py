"""Appointing and the applicants' e-mails are each one transaction: all of it or none."""

import pytest

from engagement.core.models import Notification, QueuedTask
from members.models import Membership, User
from members.recruitment import services
from members.recruitment.models import ApplicantEquality, Application
from tests.recruitment.conftest import apply

pytestmark = pytest.mark.django_db


def test_appointing_is_all_or_nothing(open_round, make_application, staff, fails_after_queueing):
    application = make_application(open_round, status=Application.Status.SHORTLISTED)
    with pytest.raises(RuntimeError):
        services.appoint(application.pk, staff)
    application.refresh_from_db()
    assert application.status == Application.Status.SHORTLISTED
    assert not User.objects.filter(email=application.email).exists()
    assert (Membership.objects.count(), Notification.objects.count(), QueuedTask.objects.count()) == (0, 0, 0)


def test_emailing_those_not_appointed_is_all_or_nothing(open_round, make_application, fails_after_queueing):
    make_application(open_round, status=Application.Status.NOT_APPOINTED)
    with pytest.raises(RuntimeError):
        services.email_not_appointed(Application.objects.all())
    assert (Notification.objects.count(), QueuedTask.objects.count()) == (0, 0)


def test_receiving_an_application_with_equality_answers_is_all_or_nothing(
    client, open_round, form_data, fails_after_queueing
):
    equality = {"sex": "female", "age_band": "65_74", "consent": "on"}
    with pytest.raises(RuntimeError):
        apply(client, open_round, form_data | equality)
    assert (Application.objects.count(), ApplicantEquality.objects.count(), QueuedTask.objects.count()) == (0, 0, 0)
