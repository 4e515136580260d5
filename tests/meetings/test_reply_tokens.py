"""What a reply link gives away to someone who sees it but is not meant to use it."""

import base64
import binascii
import re

import pytest
from django.urls import reverse

from meetings import replies
from meetings.models import Reply

pytestmark = pytest.mark.django_db


def everything_readable_in(token):
    """Each part of the token decoded from base64, as anyone could do without a key."""
    readable = b""
    for part in re.split(r"[:.]", token):
        try:
            readable += base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
    return readable


def test_a_reply_link_shows_neither_the_person_nor_the_answer(meeting, member):
    readable = everything_readable_in(replies.make_token(meeting, member, "apologies"))
    assert b"apologies" not in readable
    assert member.email.encode() not in readable
    assert f'"u": {member.pk}'.encode() not in readable and f'"u":{member.pk}'.encode() not in readable


def test_a_link_sent_before_the_secret_key_changed_still_works(client, settings, meeting, member):
    old_key = settings.SECRET_KEY
    url = reverse("meetings:reply_by_link", args=[replies.make_token(meeting, member, "apologies")])
    settings.SECRET_KEY = "a-new-secret-key-that-is-long-enough-for-the-checks-to-pass-0123456789"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert client.post(url).status_code == 200
    assert Reply.objects.get().response == "apologies"


def test_a_link_made_with_an_unknown_key_does_not_work(client, settings, meeting, member):
    url = reverse("meetings:reply_by_link", args=[replies.make_token(meeting, member, "apologies")])
    settings.SECRET_KEY = "a-new-secret-key-that-is-long-enough-for-the-checks-to-pass-0123456789"
    response = client.get(url)
    assert response.status_code == 400
    assert "This link does not work" in response.text
