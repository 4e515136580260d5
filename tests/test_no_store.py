"""Pages opened from a private link in an e-mail name the person and work without signing in,
so no browser or proxy may keep a copy."""

from datetime import timedelta

import pytest
from django.urls import reverse

from engagement.core.dates import local_today
from feedback.planning.models import Invitation, Survey
from meetings import replies
from members import invitations

pytestmark = pytest.mark.django_db


def assert_not_stored(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_reply_link_page_is_not_stored(client, meeting, member):
    response = client.get(reverse("meetings:reply_by_link", args=[replies.make_token(meeting, member, "attending")]))
    assert response.status_code == 200
    assert_not_stored(response)


def test_the_invitation_page_is_not_stored(client, member):
    response = client.get(reverse("accept_invitation", args=[invitations.make_token(member)]))
    assert response.status_code == 200
    assert_not_stored(response)


def test_the_survey_page_is_not_stored(client):
    survey = Survey.objects.create(
        title="How well do we involve the public?",
        opens_on=local_today() - timedelta(days=7),
        closes_on=local_today() + timedelta(days=7),
    )
    invitation = Invitation.objects.create(survey=survey, name="Ada Fenwick", email="ada@example.org")
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 200
    assert_not_stored(response)
