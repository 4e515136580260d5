"""A double click or a resend sends an expression of interest once (engagement/core/idempotency.py)."""

import pytest
from django.core import mail
from django.urls import reverse

from members.recruitment.models import Application

from .conftest import answer_steps, apply

pytestmark = pytest.mark.django_db

TOKEN = "a-one-time-token-from-the-page"


def url(round):
    return reverse("recruitment:check_answers", args=[round.slug])


def test_the_form_carries_a_one_time_token(client, open_round, form_data):
    answer_steps(client, open_round, form_data)
    assert 'name="form_token"' in client.get(url(open_round)).text


def test_two_posts_with_the_same_token_make_one_application_and_one_e_mail(
    client, open_round, form_data, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            apply(client, open_round, form_data | {"form_token": TOKEN})
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_second_post_goes_to_the_thank_you_page_and_says_why(client, open_round, form_data):
    apply(client, open_round, form_data | {"form_token": TOKEN})
    response = client.post(url(open_round), {"form_token": TOKEN}, follow=True)
    assert response.redirect_chain == [(reverse("recruitment:thank_you", args=[open_round.slug]), 302)]
    assert "We already have this: you only need to press the button once." in response.text


def test_a_second_copy_does_not_count_towards_the_rate_limit(client, open_round, form_data):
    for _ in range(5):
        apply(client, open_round, form_data | {"form_token": TOKEN})
    other = form_data | {"email": "someone.else@example.net", "form_token": "another-one-time-token-here"}
    assert apply(client, open_round, other).status_code == 302


def test_a_second_click_after_the_first_finished_goes_to_the_thank_you_page(client, open_round, form_data):
    apply(client, open_round, form_data | {"form_token": TOKEN})
    response = client.post(url(open_round), {"form_token": TOKEN})
    assert response.url == reverse("recruitment:thank_you", args=[open_round.slug])
    assert Application.objects.count() == 1
