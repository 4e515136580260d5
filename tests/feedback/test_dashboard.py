"""The dashboard lists projects open for comment in the member's own groups."""

import pytest
from django.urls import reverse

from feedback.models import Project
from tests.feedback.conftest import close

pytestmark = pytest.mark.django_db


def test_it_lists_open_projects_with_their_closing_dates(client, member, project):
    client.force_login(member)
    text = client.get(reverse("dashboard")).text
    assert project.title in text
    assert f"Comments close on {project.closes_on:%-d %B %Y}" in text


def test_it_leaves_out_other_groups_closed_and_draft_projects(client, member, panel, make_project):
    make_project(title="For the panel", groups=[panel])
    close(make_project(title="Already closed"))
    make_project(title="Still a draft", status=Project.Status.DRAFT)
    client.force_login(member)
    text = client.get(reverse("dashboard")).text
    for title in ["For the panel", "Already closed", "Still a draft"]:
        assert title not in text


def test_it_says_what_will_appear_when_nothing_is_open(client, member):
    client.force_login(member)
    assert "When a partner asks your group for views on a project" in client.get(reverse("dashboard")).text


def test_it_marks_projects_the_member_has_commented_on(client, member, project, make_comment):
    make_comment(project, member)
    client.force_login(member)
    assert "You have commented" in client.get(reverse("dashboard")).text
