"""A reply to a meeting sent twice is one reply: a person has one reply per meeting, changed in place."""

import pytest
from django.urls import reverse

from meetings.models import Reply

pytestmark = pytest.mark.django_db


def test_the_reply_button_waits_after_a_click(client, member, meeting):
    client.force_login(member)
    assert 'data-prevent-double-click="true">Send your reply' in client.get(meeting.get_absolute_url()).text


def test_two_posts_of_the_same_reply_leave_one_reply(client, member, meeting):
    client.force_login(member)
    for _ in range(2):
        client.post(reverse("meetings:reply", args=[meeting.pk]), {"response": "apologies", "note": "Away"})
    assert Reply.objects.filter(meeting=meeting, user=member).count() == 1
