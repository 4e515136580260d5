"""A double click or a resend adds a comment or a reply once (engagement/core/idempotency.py)."""

import re

import pytest
from django.urls import reverse

from engagement.core.idempotency import ALREADY_HAVE
from engagement.core.models import FormSubmission
from feedback.models import Comment

from .test_comments import landing

pytestmark = pytest.mark.django_db

TOKEN = "a-one-time-token-from-the-page"


def add_url(project):
    return reverse("feedback:add_comment", args=[project.pk])


def token_on(page):
    return re.search(r'name="form_token" value="([^"]+)"', page.text).group(1)


def test_the_comment_form_carries_a_one_time_token(client, member, project):
    client.force_login(member)
    page = client.get(project.get_absolute_url())
    assert len(token_on(page)) >= 20
    assert 'data-prevent-double-click="true">Add your comment' in page.text


def test_two_posts_with_the_same_token_add_one_comment(client, member, project):
    client.force_login(member)
    for _ in range(2):
        client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN})
    assert Comment.objects.count() == 1


def test_the_second_post_goes_to_the_first_comment_and_says_why(client, member, project):
    client.force_login(member)
    first = client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN})
    second = client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN}, follow=True)
    assert second.redirect_chain[0][0] == first.url == landing(Comment.objects.get())
    assert ALREADY_HAVE in second.text


def test_a_different_comment_sent_with_the_same_token_is_added(client, member, project):
    # One rendered page open in two tabs (a duplicated tab, back and forward) has one token: each tab's own comment counts.
    client.force_login(member)
    client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN})
    client.post(add_url(project), {"body": "And open on Saturdays.", "form_token": TOKEN})
    assert Comment.objects.count() == 2


def test_the_same_token_from_someone_else_adds_their_comment(client, member, other_member, project):
    client.force_login(member)
    client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN})
    client.force_login(other_member)
    client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN})
    assert Comment.objects.count() == 2


def test_a_comment_sent_without_a_token_is_added(client, member, project):
    client.force_login(member)
    response = client.post(add_url(project), {"body": "Please keep the phone line."})
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_a_form_shown_again_with_errors_keeps_its_token(client, member, project):
    client.force_login(member)
    response = client.post(add_url(project), {"body": "   ", "form_token": TOKEN})
    assert token_on(response) == TOKEN


def test_the_corrected_form_is_added_after_an_error(client, member, project):
    client.force_login(member)
    client.post(add_url(project), {"body": "   ", "form_token": TOKEN})
    response = client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN})
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_two_posts_of_the_same_reply_add_one_reply(client, member, other_member, project, make_comment):
    parent = make_comment(project, other_member)
    client.force_login(member)
    url = reverse("feedback:reply_to_comment", args=[project.pk, parent.pk])
    token = token_on(client.get(url))
    responses = [client.post(url, {"body": "I agree.", "form_token": token}) for _ in range(2)]
    reply = Comment.objects.get(parent=parent)
    assert [r.url for r in responses] == [landing(reply)] * 2


def test_the_record_of_a_sent_comment_keeps_no_answers(client, member, project):
    client.force_login(member)
    client.post(add_url(project), {"body": "Please keep the phone line.", "form_token": TOKEN})
    record = FormSubmission.objects.get()
    assert re.fullmatch("[0-9a-f]{64}", record.key) and TOKEN not in record.key
    assert record.result_url == landing(Comment.objects.get())
