from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.core.dates import local_today
from feedback.models import Comment, Partner, Project, Question, ResponseEntry, Theme
from members.models import Membership
from tests.conftest import make_person


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Riverside County Council")


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Access to care")


@pytest.fixture
def make_project(peg, partner):
    def make(status=Project.Status.OPEN, closes_in=7, groups=None, **fields):
        closes_on = local_today() + timedelta(days=closes_in)
        project = Project.objects.create(
            title=fields.pop("title", "Improving access to GP services"),
            partner=partner,
            lead_name="Priyanka Bhatt",
            lead_role="Transformation manager",
            lead_email=fields.pop("lead_email", "lead@example.org"),
            summary="How you book appointments is changing.",
            status=status,
            closes_on=closes_on,
            opened_at=timezone.now() - timedelta(days=14),
            **fields,
        )
        project.groups.set(groups or [peg])
        return project

    return make


@pytest.fixture
def project(make_project):
    return make_project()


@pytest.fixture
def question(project):
    return Question.objects.create(project=project, text="What gets in the way of booking?", position=1)


@pytest.fixture
def other_member(peg):
    user = make_person("other@example.org", "Tom Okafor")
    Membership.objects.create(user=user, group=peg)
    return user


@pytest.fixture
def make_comment():
    def make(project, author, body="The 8am phone queue is the biggest problem.", **fields):
        return Comment.objects.create(project=project, author=author, body=body, **fields)

    return make


def close(project, days_ago=1):
    project.status = Project.Status.CLOSED
    project.closes_on = local_today() - timedelta(days=days_ago)
    project.closed_at = timezone.now() - timedelta(days=days_ago)
    project.save()
    return project


def publish(project, days_after_closing=10):
    project.status = Project.Status.PUBLISHED
    project.response_published_at = project.closed_at + timedelta(days=days_after_closing)
    project.save()
    return project


@pytest.fixture
def make_entry(theme):
    def make(project, comments=(), outcome=ResponseEntry.Outcome.ADOPTED, **fields):
        entry = ResponseEntry.objects.create(
            project=project,
            theme=fields.pop("theme", theme),
            what_we_heard=fields.pop("what_we_heard", "People cannot get through on the phone at 8am."),
            how_we_reflected=fields.pop("how_we_reflected", "Practices will offer bookings all day."),
            where_addressed=fields.pop("where_addressed", "Access plan, section 3"),
            outcome=outcome,
            **fields,
        )
        entry.comments.set(comments)
        return entry

    return make
