"""The plan page members see: who may open it, what it shows, and a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse

from engagement.core.dates import local_today
from feedback.models import Project
from feedback.planning.models import FeedbackSource, PlanAction, PlanComment, Stakeholder, Step
from members.models import Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

Status = PlanAction.Status


def url(project):
    return reverse("planning:plan_detail", args=[project.pk])


@pytest.fixture
def dated(plan):
    """The first three actions dated: one done, one overdue, one to come."""
    today = local_today()
    done, late, coming = plan.actions.all()[:3]
    PlanAction.objects.filter(pk=done.pk).update(status=Status.DONE, target_date=today - timedelta(days=10))
    PlanAction.objects.filter(pk=late.pk).update(
        status=Status.IN_PROGRESS, starts_on=today - timedelta(days=20), target_date=today - timedelta(days=2)
    )
    PlanAction.objects.filter(pk=coming.pk).update(target_date=today + timedelta(days=30))
    return plan


def test_a_member_of_the_group_sees_progress_and_the_timeline(client, member, dated):
    client.force_login(member)
    response = client.get(url(dated.project))
    assert response.status_code == 200
    text = response.text
    total = dated.actions.count()
    assert f"1 of {total} actions done." in text
    assert "1 action is overdue." in text
    assert "<svg" in text and 'preserveAspectRatio="none"' in text
    assert "Actions, step by step" in text
    for step in Step:
        assert step.label in text
    assert "We will involve carers before the plan is drafted." in text


def test_the_page_has_no_inline_styles_or_scripts(client, member, dated):
    client.force_login(member)
    text = client.get(url(dated.project)).text
    assert " style=" not in text
    assert not re.search(r"<script(?![^>]*\bsrc=)", text)


def test_another_groups_member_gets_not_found(client, panel_member, plan):
    client.force_login(panel_member)
    assert client.get(url(plan.project)).status_code == 404


def test_members_cannot_see_the_plan_of_a_draft_project_but_staff_can(client, member, staff, make_project, plan):
    Project.objects.filter(pk=plan.project.pk).update(status=Project.Status.DRAFT)
    client.force_login(member)
    assert client.get(url(plan.project)).status_code == 404
    client.force_login(staff)
    response = client.get(url(plan.project))
    assert response.status_code == 200
    assert "Change this plan in the staff admin" in response.text


def test_a_project_without_a_plan_has_no_plan_page(client, member, project):
    client.force_login(member)
    assert client.get(url(project)).status_code == 404


def test_signing_in_is_needed(client, plan):
    response = client.get(url(plan.project))
    assert response.status_code == 302
    assert "sign-in" in response.url


def test_a_plan_without_dates_says_there_is_no_timeline_yet(client, member, plan):
    client.force_login(member)
    text = client.get(url(plan.project)).text
    assert "No action has a target date yet" in text
    assert "Nothing is overdue." in text


def test_a_plan_with_no_actions_says_so(client, member, plan):
    plan.actions.all().delete()
    client.force_login(member)
    text = client.get(url(plan.project)).text
    assert "No actions have been planned yet." in text
    assert text.count("No actions have been planned for this step yet.") == 6
    assert "has not listed who they will involve yet" in text
    assert "has not added the feedback people have already given yet" in text
    assert "No one has commented on the plan yet." in text


def test_members_see_who_is_involved_but_not_their_contact_details(client, member, plan):
    Stakeholder.objects.create(
        plan=plan,
        name="Cllr Amrit Dhaliwal",
        organisation="Riverside County Council",
        category=Stakeholder.Category.LOCAL_COUNCILLOR,
        email="amrit.dhaliwal@example.org",
        phone="01632 960123",
        steps=[1, 3],
    )
    FeedbackSource.objects.create(
        plan=plan,
        kind=FeedbackSource.Kind.FRIENDS_AND_FAMILY,
        title="Memory clinic friends and family test",
        key_themes="Staff are kind\n- Waiting times are too long",
    )
    client.force_login(member)
    text = client.get(url(plan.project)).text
    assert "Local councillor (1)" in text
    assert "Riverside County Council: steps 1, 3" in text
    assert "amrit.dhaliwal@example.org" not in text and "01632 960123" not in text
    assert "<li>Waiting times are too long</li>" in text


def add_rows(plan, people, count):
    today = local_today()
    PlanAction.objects.bulk_create(
        [
            PlanAction(
                plan=plan,
                step=Step.WORKSHOPS,
                description=f"Extra action {i}",
                owner=people[i % len(people)],
                target_date=today + timedelta(days=i),
            )
            for i in range(count)
        ]
    )
    Stakeholder.objects.bulk_create(
        [Stakeholder(plan=plan, name=f"Stakeholder {i}", category=Stakeholder.Category.OTHER) for i in range(count)]
    )
    FeedbackSource.objects.bulk_create(
        [FeedbackSource(plan=plan, kind="survey", title=f"Survey {i}", key_themes="Access") for i in range(count)]
    )
    PlanComment.objects.bulk_create(
        [PlanComment(plan=plan, author=people[i % len(people)], body=f"Comment {i}") for i in range(count)]
    )


# The plan page, for a member of the group while the project is open:
#  1 session, 2 user, 3 the plan with its project, how many comments, can the member comment (membership),
#  do they chair one of its groups (event reports) and whether it has stakeholders, feedback sources or
#  events, 4 actions with their owners, 5 this page's
#  comments with their authors, 6 stakeholders, 7 feedback sources (events: one more when there are some).
PLAN_PAGE_QUERIES = 7


def test_the_plan_page_runs_fixed_queries(client, member, staff, dated, peg, django_assert_num_queries):
    people = [member, staff, make_person("tom@example.org", "Tom Okafor")]
    Membership.objects.create(user=people[2], group=peg)
    add_rows(dated, people, 2)
    client.force_login(member)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        assert client.get(url(dated.project)).status_code == 200
    add_rows(dated, people, 60)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = client.get(url(dated.project))
    assert "Comments on the plan (62)" in response.text


def test_the_project_page_links_to_the_plan(client, member, dated):
    client.force_login(member)
    text = client.get(dated.project.get_absolute_url()).text
    assert "Read the engagement plan" in text
    assert f"1 of {dated.actions.count()} actions done" in text


def test_the_project_page_has_no_plan_section_without_a_plan(client, member, project):
    client.force_login(member)
    assert "Engagement plan" not in client.get(project.get_absolute_url()).text


def test_the_plan_link_costs_the_project_page_one_query(rf, member, plan, django_assert_num_queries):
    request = rf.get("/")
    request.user = member
    template = Template("{% load planning_tags %}{% plan_link project %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"request": request, "project": plan.project}))
    assert plan.get_absolute_url() in html


def test_a_long_discussion_is_shown_twenty_comments_a_page(client, member, dated, peg):
    add_rows(dated, [member], 50)
    client.force_login(member)
    first, last = client.get(url(dated.project)), client.get(url(dated.project) + "?page=3")
    assert len(re.findall(r'id="plan-comment-\d+"', first.text)) == 20
    assert len(re.findall(r'id="plan-comment-\d+"', last.text)) == 10
    assert "Page 2 of 3" in first.text and 'href="?page=2"' in first.text


def test_a_link_to_one_comment_opens_the_page_that_holds_it(client, member, dated, peg):
    add_rows(dated, [member], 60)
    last = dated.comments.order_by("created", "pk").last()
    client.force_login(member)
    response = client.get(last.get_absolute_url())
    assert f'id="plan-comment-{last.pk}"' in response.text
