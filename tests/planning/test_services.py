"""E-mailing survey links is one transaction: every invitation planned and queued, or none."""

import pytest

from engagement.core.models import Notification, QueuedTask
from feedback.planning import services
from feedback.planning.models import Invitation

pytestmark = pytest.mark.django_db


def test_emailing_links_is_all_or_nothing(survey, invitation, fails_after_queueing):
    Invitation.objects.create(survey=survey, name="Jo Castellano", email="jo@example.org")
    with pytest.raises(RuntimeError):
        services.email_invitations(survey.invitations.all())
    assert (Notification.objects.count(), QueuedTask.objects.count()) == (0, 0)


def test_each_waiting_link_is_planned_and_queued_once(survey, invitation):
    assert services.email_invitations(survey.invitations.all()) == 1
    assert services.email_invitations(survey.invitations.all()) == 1  # planned, not yet sent: queued again
    assert Notification.objects.filter(event="survey-invitation").count() == 1
