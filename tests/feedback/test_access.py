"""Only members of a project's groups see it or comment on it; drafts are for staff only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feedback.models import Comment, Project
from members.models import Membership

pytestmark = pytest.mark.django_db


def test_it_shows_a_member_a_project_brought_to_their_group(client, member, project):
    client.force_login(member)
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert project.title in response.text


def test_it_hides_a_project_from_a_member_outside_its_groups(client, panel_member, project):
    client.force_login(panel_member)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_it_leaves_other_groups_projects_off_the_list(client, panel_member, project):
    client.force_login(panel_member)
    response = client.get(reverse("feedback:project_list"))
    assert project.title not in response.text
    assert "There are no projects for your groups yet" in response.text


def test_a_member_outside_the_groups_cannot_comment(client, panel_member, project):
    client.force_login(panel_member)
    response = client.post(reverse("feedback:add_comment", args=[project.pk]), {"body": "Let me in"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_it_hides_a_draft_from_members(client, member, make_project):
    draft = make_project(status=Project.Status.DRAFT)
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_it_shows_a_draft_to_staff(client, staff, make_project):
    draft = make_project(status=Project.Status.DRAFT)
    client.force_login(staff)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Members cannot see this project" in response.text


def test_it_removes_access_when_a_member_steps_down(client, member, project):
    Membership.objects.filter(user=member).update(status=Membership.Status.STEPPED_DOWN)
    client.force_login(member)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_an_observer_can_read_but_not_comment(client, member, project):
    Membership.objects.filter(user=member).update(role=Membership.Role.OBSERVER)
    client.force_login(member)
    assert "Add your comment" not in client.get(project.get_absolute_url()).text
    response = client.post(reverse("feedback:add_comment", args=[project.pk]), {"body": "Hello"})
    assert response.status_code == 403


def test_it_sends_visitors_to_sign_in(client, project):
    for url in [reverse("feedback:project_list"), project.get_absolute_url(), reverse("feedback:you_said_we_did")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_a_member_of_both_groups_sees_a_project_brought_to_either(client, member, panel, make_project):
    Membership.objects.create(user=member, group=panel)
    panel_project = make_project(title="Leaving hospital leaflet", groups=[panel])
    client.force_login(member)
    assert client.get(panel_project.get_absolute_url()).status_code == 200


@pytest.fixture
def paper(project):
    return project.papers.create(title="Slides", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides"))


def test_a_member_downloads_a_projects_paper(client, member, project, paper):
    client.force_login(member)
    response = client.get(paper.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"


def test_it_hides_papers_of_other_groups_projects(client, panel_member, project, paper):
    client.force_login(panel_member)
    assert client.get(paper.get_absolute_url()).status_code == 404
