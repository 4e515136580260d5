"""Replying from an e-mail without signing in: signed, expiring, single-purpose, works once."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from meetings import replies, services
from meetings.models import Reply
from members import invitations
from members.models import Membership

pytestmark = pytest.mark.django_db


def url_for(meeting, user, response):
    return reverse("meetings:reply_by_link", args=[replies.make_token(meeting, user, response)])


def test_opening_the_link_changes_nothing(client, meeting, member):
    response = client.get(url_for(meeting, member, "apologies"))
    assert response.status_code == 200
    assert "Send your apologies" in response.text
    assert not Reply.objects.exists()


def test_confirming_records_the_reply_without_signing_in(client, meeting, member):
    response = client.post(url_for(meeting, member, "apologies"), {"note": "On holiday"})
    assert response.status_code == 200
    reply = Reply.objects.get()
    assert (reply.user, reply.response, reply.note, reply.channel) == (member, "apologies", "On holiday", "email_link")
    assert "Your apologies have been sent" in response.text


def test_a_link_works_only_once(client, meeting, member):
    url = url_for(meeting, member, "attending")
    client.post(url)
    response = client.post(url)
    assert response.status_code == 400
    assert "This link has already been used" in response.text
    assert Reply.objects.count() == 1


def test_a_tampered_link_gets_a_clear_page(client, meeting, member):
    token = replies.make_token(meeting, member, "attending")
    response = client.get(reverse("meetings:reply_by_link", args=[token.replace("attending", "x")[:-3] + "abc"]))
    assert response.status_code == 400
    assert "This link does not work" in response.text


def test_an_expired_link_gets_a_clear_page(client, make_meeting, member):
    meeting = make_meeting(days=200)
    url = url_for(meeting, member, "attending")
    with time_machine.travel(timedelta(days=121)):
        response = client.get(url)
    assert response.status_code == 400
    assert "This link has expired" in response.text


def test_a_link_for_another_purpose_is_refused(client, member):
    invitation = invitations.make_token(member)
    response = client.get(reverse("meetings:reply_by_link", args=[invitation]))
    assert response.status_code == 400


def test_a_link_for_a_cancelled_meeting_says_so(client, meeting, member):
    url = url_for(meeting, member, "attending")
    services.cancel(meeting)
    response = client.get(url)
    assert response.status_code == 400
    assert "This meeting has been cancelled" in response.text


def test_a_member_who_has_stepped_down_since_the_email_cannot_reply(client, meeting, member):
    url = url_for(meeting, member, "attending")
    Membership.objects.filter(user=member).update(status=Membership.Status.STEPPED_DOWN)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "You cannot reply to this meeting" in response.text
        assert "Go to the meeting page" not in response.text  # they can no longer open it
    assert not Reply.objects.exists()


def test_a_member_on_leave_can_still_reply_by_link(client, meeting, member):
    Membership.objects.filter(user=member).update(status=Membership.Status.ON_LEAVE)
    assert client.post(url_for(meeting, member, "apologies")).status_code == 200
    assert Reply.objects.get().user == member
