"""A double click or a resend adds a comment on the plan once (engagement/core/idempotency.py)."""

import pytest
from django.urls import reverse

from feedback.planning.models import PlanComment

pytestmark = pytest.mark.django_db

TOKEN = "a-one-time-token-from-the-page"


def add_url(plan):
    return reverse("planning:add_plan_comment", args=[plan.project.pk])


def test_the_plan_comment_form_carries_a_one_time_token(client, member, plan):
    client.force_login(member)
    page = client.get(plan.get_absolute_url())
    assert 'name="form_token"' in page.text
    assert 'data-prevent-double-click="true">Add your comment' in page.text


def test_two_posts_with_the_same_token_add_one_plan_comment(client, member, plan):
    client.force_login(member)
    responses = [
        client.post(add_url(plan), {"body": "Please include carers' groups.", "form_token": TOKEN}) for _ in range(2)
    ]
    comment = PlanComment.objects.get()
    assert [r.url for r in responses] == [comment.get_absolute_url()] * 2
