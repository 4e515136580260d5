"""Each step that changes a project and tells people is one transaction: all of it or none."""

import pytest

from engagement.core.models import QueuedTask
from feedback import services
from feedback.models import Project
from tests.feedback.conftest import close

pytestmark = pytest.mark.django_db


def test_opening_is_all_or_nothing(make_project, fails_after_queueing):
    project = make_project(status=Project.Status.DRAFT)
    with pytest.raises(RuntimeError):
        services.open_for_comments(project)
    project.refresh_from_db()
    assert (project.status, QueuedTask.objects.count()) == (Project.Status.DRAFT, 0)


def test_closing_is_all_or_nothing(project, fails_after_queueing):
    with pytest.raises(RuntimeError):
        services.close_comments(project)
    project.refresh_from_db()
    assert (project.status, project.closed_at, QueuedTask.objects.count()) == (Project.Status.OPEN, None, 0)


def test_publishing_is_all_or_nothing(project, make_entry, fails_after_queueing):
    close(project)
    make_entry(project)
    with pytest.raises(RuntimeError):
        services.publish_response(project)
    project.refresh_from_db()
    assert (project.status, project.response_published_at, QueuedTask.objects.count()) == (
        Project.Status.CLOSED,
        None,
        0,
    )


def test_hiding_a_comment_is_all_or_nothing(project, make_comment, member, staff, fails_after_queueing):
    comment = make_comment(project, member)
    with pytest.raises(RuntimeError):
        services.hide_comment(comment, staff, "Names a member of staff.")
    comment.refresh_from_db()
    assert (comment.hidden_at, QueuedTask.objects.count()) == (None, 0)
