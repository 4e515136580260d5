"""Impact figures: comments, how many a published response answers, outcomes, speed, and what is overdue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.impact import group_impact
from feedback.models import ResponseEntry
from tests.feedback.conftest import close, publish

pytestmark = pytest.mark.django_db

Outcome = ResponseEntry.Outcome


@pytest.fixture
def figures(peg, member, other_member, make_project, make_comment, make_entry):
    """Two projects: one answered 12 days after closing, one overdue."""
    answered = make_project(title="Answered")
    comments = [make_comment(answered, member, f"View {i}") for i in range(4)]
    make_comment(answered, other_member, "Withdrawn", withdrawn_at=timezone.now())
    make_comment(answered, other_member, "Hidden", hidden_at=timezone.now())
    make_entry(answered, comments[:2], outcome=Outcome.ADOPTED)
    make_entry(answered, comments[1:3], outcome=Outcome.NOT_ADOPTED)
    make_entry(answered, [], outcome=Outcome.ADOPTED)
    publish(close(answered, days_ago=20), days_after_closing=12)

    overdue = make_project(title="Overdue")
    make_comment(overdue, member)
    make_entry(overdue, [], outcome=Outcome.ADOPTED)  # written but not published: not counted
    close(overdue, days_ago=70)
    make_project(title="Still open")
    return group_impact(peg)


def row(figures, title):
    return next(r for r in figures.projects if r.project.title == title)


def test_it_counts_comments_leaving_out_withdrawn_and_hidden_ones(figures):
    assert row(figures, "Answered").comments == 4
    assert figures.comments == 5


def test_it_works_out_the_share_of_comments_a_published_entry_answers(figures):
    assert row(figures, "Answered").answered == 3
    assert row(figures, "Answered").answered_percent == 75
    assert row(figures, "Overdue").answered == 0
    assert figures.answered_percent == 60


def test_it_counts_outcomes_of_published_entries_only(figures):
    assert dict(figures.outcome_counts) == {
        Outcome.ADOPTED: 2,
        Outcome.PARTLY_ADOPTED: 0,
        Outcome.NOT_ADOPTED: 1,
        Outcome.UNDER_CONSIDERATION: 0,
    }


def test_it_measures_days_from_closing_to_publication(figures):
    assert row(figures, "Answered").days_to_response == 12
    assert figures.average_days_to_response == 12


def test_it_lists_responses_overdue_past_the_target(figures):
    assert [r.project.title for r in figures.overdue] == ["Overdue"]


def test_the_target_comes_from_settings(peg, make_project, settings):
    close(make_project(), days_ago=20)
    settings.FEEDBACK_RESPONSE_TARGET_WEEKS = 2
    assert len(group_impact(peg).overdue) == 1


def test_it_runs_three_queries_for_a_group(peg, figures, django_assert_num_queries):
    with django_assert_num_queries(3):
        group_impact(peg)


def test_the_chair_sees_the_impact_page(client, chair, figures):
    client.force_login(chair)
    response = client.get(reverse("feedback:impact", args=["peg"]))
    assert response.status_code == 200
    assert "75%" in response.text


def test_staff_see_the_impact_page(client, staff, figures):
    client.force_login(staff)
    assert client.get(reverse("feedback:impact", args=["peg"])).status_code == 200


def test_members_cannot_see_the_impact_page(client, member, figures):
    client.force_login(member)
    assert client.get(reverse("feedback:impact", args=["peg"])).status_code == 403


def test_other_groups_cannot_see_the_impact_page(client, panel_member, figures):
    client.force_login(panel_member)
    assert client.get(reverse("feedback:impact", args=["peg"])).status_code == 404


def test_the_chair_of_one_group_cannot_see_anothers(client, chair, panel):
    client.force_login(chair)
    assert client.get(reverse("feedback:impact", args=[panel.slug])).status_code == 404


def test_projects_awaiting_a_response_show_no_days_yet(peg, make_project):
    close(make_project(), days_ago=5)
    [only] = group_impact(peg).projects
    assert only.days_to_response is None
    assert not only.overdue
    assert group_impact(peg, now=timezone.now() + timedelta(weeks=9)).overdue
