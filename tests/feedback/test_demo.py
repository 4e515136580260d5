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
    published = Project.objects.get(title="A new public health website")
    entries = ResponseEntry.objects.filter(project=published)
    assert entries.values("theme").distinct().count() == 4
    assert entries.values("outcome").distinct().count() == 4
    assert published.publish_publicly


def test_one_project_has_views_gathered_at_a_workshop_answered_with_no_online_comments(seeded):
    offline = Project.objects.get(gathered=Project.Gathered.WORKSHOP)
    assert (offline.status, offline.comments.count(), offline.closes_on) == (Project.Status.PUBLISHED, 0, None)


def test_an_entry_of_the_offline_response_has_a_follow_up(seeded):
    entries = ResponseEntry.objects.filter(project__gathered=Project.Gathered.WORKSHOP)
    assert entries.exclude(difference_made="").exclude(followed_up_on=None).count() == 1


def test_several_demo_members_have_commented(seeded):
    assert Comment.objects.values("author").distinct().count() >= 5
    assert Comment.objects.filter(author=User.objects.get(email="member@example.org")).exists()


def test_it_duplicates_nothing_when_run_twice(seeded):
    counts = [model.objects.count() for model in (Project, Comment, ResponseEntry)]
    call_command("seed_demo")
    assert [model.objects.count() for model in (Project, Comment, ResponseEntry)] == counts


def test_it_emails_no_one(seeded, mailoutbox):
    assert mailoutbox == []
