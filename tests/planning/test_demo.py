"""The demo plan and survey: something done, something overdue, answers online and by telephone; safe to run twice."""

import pytest
from django.core.management import call_command

from feedback.planning.models import (
    Coding,
    EngagementPlan,
    PlanAction,
    PlanComment,
    Stakeholder,
    SurveyResponse,
)

pytestmark = pytest.mark.django_db

MODELS = (EngagementPlan, PlanAction, Stakeholder, PlanComment, SurveyResponse, Coding)


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_the_demo_plan_has_done_in_progress_and_overdue_actions(seeded):
    plan = EngagementPlan.objects.get(project__title="Plans for dementia services")
    statuses = set(plan.actions.values_list("status", flat=True))
    assert statuses == set(PlanAction.Status.values)
    assert any(action.is_overdue() for action in plan.actions.all())
    assert plan.stakeholders.count() >= 5 and plan.feedback_sources.exists() and plan.comments.exists()


def test_the_demo_survey_has_coded_answers_given_online_and_by_telephone(seeded):
    channels = set(SurveyResponse.objects.values_list("channel", flat=True))
    assert channels == set(SurveyResponse.Channel.values)
    assert set(Coding.objects.values_list("marker", flat=True)) == set(Coding.Marker.values)


def test_it_duplicates_nothing_when_run_twice(seeded):
    counts = [model.objects.count() for model in MODELS]
    call_command("seed_demo")
    assert [model.objects.count() for model in MODELS] == counts


def test_it_emails_no_one(seeded, mailoutbox):
    assert mailoutbox == []
