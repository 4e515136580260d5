"""Members can turn off the reminder sent before comments close."""

import pytest
from django.urls import reverse

from feedback.models import FeedbackPreference
from members.models import User

pytestmark = pytest.mark.django_db

URL = reverse("feedback:email_settings")


def test_reminders_are_on_until_a_member_turns_them_off(client, member):
    client.force_login(member)
    response = client.get(URL)
    assert 'value="True" required checked' in response.text
    response = client.post(URL, {"closing_reminders": "False"})
    assert response.status_code == 302
    assert FeedbackPreference.objects.get(user=member).closing_reminders is False


def test_a_member_turns_reminders_back_on(client, member):
    FeedbackPreference.objects.create(user=member, closing_reminders=False)
    client.force_login(member)
    client.post(URL, {"closing_reminders": "True"})
    assert FeedbackPreference.objects.get(user=member).closing_reminders is True


def test_it_asks_for_a_choice(client, member):
    client.force_login(member)
    response = client.post(URL, {})
    assert "Choose whether you want a reminder" in response.text
    assert "<title>Error: " in response.text
    assert not FeedbackPreference.objects.exists()


def test_it_says_when_the_member_does_not_get_emails_at_all(client, member):
    User.objects.filter(pk=member.pk).update(communication_preference=User.CommunicationPreference.POST)
    client.force_login(member)
    assert "so we do not send you these e-mails" in client.get(URL).text
