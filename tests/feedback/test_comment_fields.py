"""The project page draws its comment form by hand: the markup must stay what the crispy NHS.UK pack gives."""

import re

import pytest
from django.template import Context, Template

from feedback.forms import CommentForm
from feedback.models import ChecklistArea, Question

pytestmark = pytest.mark.django_db


def tidy(html):
    """Whitespace between and inside tags is not markup."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).strip()


def by_hand(form, questions, areas):
    context = {
        "form": form,
        "question_options": form.question_options(questions) if "question" in form.fields else None,
        "area_options": form.area_options(areas),
    }
    return Template('{% include "feedback/includes/comment_fields.html" %}').render(Context(context))


def by_crispy(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


@pytest.fixture
def questions(project):
    return [
        Question.objects.create(project=project, text="First & <question>", position=1),
        Question.objects.create(project=project, text="Second\nquestion", position=2),
    ]


# "first" and "second" stand for the questions' ids; areas are the nine from the data migration.
CASES = [
    ("new", None, {}),
    ("chosen question", None, {"question": "second"}),
    ("valid", {"question": "first", "body": "Hello", "areas": ["1", "3"]}, {}),
    ("empty", {"question": "first", "body": " ", "areas": ["2"]}, {}),
    ("too long", {"body": "x" * 10_001}, {}),
    ("unknown question", {"question": "999999", "body": "Hello"}, {}),
    ("unknown area", {"body": "Hello", "areas": ["999"]}, {}),
    ("not an id", {"question": "abc", "body": "Hello", "areas": ["x"]}, {}),
]


@pytest.mark.parametrize("name, data, initial", CASES, ids=[case[0] for case in CASES])
def test_it_matches_crispy(project, questions, name, data, initial):
    areas = list(ChecklistArea.objects.all())
    ids = {"first": questions[0].pk, "second": questions[1].pk}
    initial = {key: ids[value] for key, value in initial.items()}
    if data is not None:
        data = {key: ids.get(value, value) if key == "question" else value for key, value in data.items()}
    form = CommentForm(data, questions=questions, initial=initial)
    if data is not None:
        form.is_valid()
    assert tidy(by_hand(form, questions, areas)) == tidy(by_crispy(form))


def test_it_matches_crispy_without_questions(project):
    areas = list(ChecklistArea.objects.all())
    for data in [None, {"body": ""}, {"body": "Hello", "areas": ["1"]}]:
        form = CommentForm(data, questions=[])
        if data is not None:
            form.is_valid()
        assert tidy(by_hand(form, [], areas)) == tidy(by_crispy(form))
