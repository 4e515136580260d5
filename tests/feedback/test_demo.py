"""The demo projects: something open, something overdue, one answered in four themes; safe to run twice."""

import pytest
from django.core.management import call_command

from feedback.models import Comment, Project, ResponseEntry
from members.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_it_adds_projects_in_every_state(seeded):
    assert set(Project.objects.values_list("status", flat=True)) == set(Project.Status.values)
    assert Project.objects.overdue().exists()
    assert Project.objects.open_for_comments().count() >= 2


def test_the_published_response_has_four_themes_and_mixed_outcomes(seeded):
    published = Project.objects.get(status=Project.Status.PUBLISHED)
    entries = ResponseEntry.objects.filter(project=published)
    assert entries.values("theme").distinct().count() == 4
    assert entries.values("outcome").distinct().count() == 4
    assert published.publish_publicly


def test_several_demo_members_have_commented(seeded):
    assert Comment.objects.values("author").distinct().count() >= 5
    assert Comment.objects.filter(author=User.objects.get(email="member@example.org")).exists()


def test_it_duplicates_nothing_when_run_twice(seeded):
    counts = [model.objects.count() for model in (Project, Comment, ResponseEntry)]
    call_command("seed_demo")
    assert [model.objects.count() for model in (Project, Comment, ResponseEntry)] == counts


def test_it_emails_no_one(seeded, mailoutbox):
    assert mailoutbox == []
