"""The expression of interest in steps: counting characters as the page does, and the pages' queries."""

import pytest
from django.urls import reverse

from members.models import AccessNeed, Locality
from members.recruitment.forms import characters

from .conftest import answer_steps

pytestmark = pytest.mark.django_db


def test_a_line_break_is_one_character_as_the_count_on_the_page_shows():
    assert characters("Yes\r\nNo") == 6


def test_an_emoji_is_two_characters_as_the_count_on_the_page_shows():
    assert characters("Carer 🙂") == 8


def test_the_answer_is_stored_with_line_breaks_counted_as_one(client, open_round, form_data):
    story = "\r\n".join(["I care for my mother."] * 100)
    story += "\r\n" + "x" * (3000 - characters(story) - 1)
    answer_steps(client, open_round, form_data | {"why_interested": story})
    response = client.post(reverse("recruitment:check_answers", args=[open_round.slug]))
    assert response.status_code == 302
    assert open_round.applications.get().why_interested == story.replace("\r\n", "\n")


# A step gone back to ("taking part"): 1 round with group, 2 session, 3-4 the chosen needs and channel
# as the form checks the answers kept, 5 the channel checked again by the model, 6-7 every need and
# channel to choose from.
STEP_QUERIES = 7
# Check your answers: 1 round with group, 2 session, 3-6 the chosen locality, areas, needs and channel as
# the form checks them, 7-8 the locality and channel checked again by the model.
CHECK_QUERIES = 8


def test_a_step_page_runs_fixed_queries(client, open_round, form_data, django_assert_num_queries):
    url = reverse("recruitment:apply", args=[open_round.slug, "taking-part"])
    answer_steps(client, open_round, form_data)
    with django_assert_num_queries(STEP_QUERIES):
        client.get(url)
    for i in range(10):
        AccessNeed.objects.create(name=f"Need {i}")
    with django_assert_num_queries(STEP_QUERIES):
        client.get(url)


def test_the_check_page_runs_fixed_queries(client, open_round, form_data, django_assert_num_queries):
    url = reverse("recruitment:check_answers", args=[open_round.slug])
    answer_steps(client, open_round, form_data)
    with django_assert_num_queries(CHECK_QUERIES):
        assert client.get(url).status_code == 200
    for i in range(10):
        Locality.objects.create(name=f"Village {i}")
    with django_assert_num_queries(CHECK_QUERIES):
        assert client.get(url).status_code == 200
