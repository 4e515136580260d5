"""Plans start from the template's actions; overdue is worked out from the UK date."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import IntegrityError

from feedback.planning.models import EngagementPlan, PlanAction, Step, TemplateAction

pytestmark = pytest.mark.django_db

Status = PlanAction.Status


def test_the_template_has_actions_for_all_six_steps():
    assert set(TemplateAction.objects.values_list("step", flat=True)) == set(Step.values)
    assert len(Step.values) == 6


def test_a_plan_created_from_the_template_has_every_template_action(project):
    TemplateAction.objects.create(step=Step.ONGOING, description="Write to every parish council", time_needed="1 day")
    template = list(TemplateAction.objects.values_list("step", "description", "time_needed", "position"))
    plan = EngagementPlan.objects.start(project)
    copied = list(plan.actions.values_list("step", "description", "time_needed", "position"))
    assert sorted(copied) == sorted(template)
    assert set(plan.actions.values_list("status", flat=True)) == {Status.NOT_STARTED}


def test_changing_the_template_changes_new_plans_only(plan, make_project):
    before = plan.actions.count()
    TemplateAction.objects.create(step=Step.AUDIENCE, description="Ask the local councillors' forum")
    TemplateAction.objects.filter(step=Step.ONGOING).delete()
    assert plan.actions.count() == before
    later = EngagementPlan.objects.start(make_project(title="Improving access to GP services"))
    assert later.actions.filter(description="Ask the local councillors' forum").exists()
    assert not later.actions.filter(step=Step.ONGOING).exists()


def action(plan, target, status=Status.NOT_STARTED, **fields):
    return PlanAction.objects.create(
        plan=plan,
        step=fields.pop("step", Step.AUDIENCE),
        description="Book a venue",
        target_date=target,
        status=status,
        **fields,
    )


def test_an_action_is_overdue_when_not_done_and_its_target_date_has_passed(plan):
    today = date(2026, 3, 10)
    assert action(plan, date(2026, 3, 9)).is_overdue(today)
    assert action(plan, date(2026, 3, 9), Status.IN_PROGRESS).is_overdue(today)
    assert not action(plan, date(2026, 3, 9), Status.DONE).is_overdue(today)
    assert not action(plan, date(2026, 3, 10)).is_overdue(today)
    assert not action(plan, None).is_overdue(today)


def test_overdue_goes_by_the_uk_date_not_the_servers(plan):
    due = action(plan, date(2026, 6, 1))
    # 11:30pm UTC on 1 June is 12:30am on 2 June in the UK (summer time): the target day has gone.
    with time_machine.travel(datetime(2026, 6, 1, 23, 30, tzinfo=UTC), tick=False):
        assert due.is_overdue()
        assert EngagementPlan.objects.with_progress().get(pk=plan.pk).overdue_count == 1
    with time_machine.travel(datetime(2026, 6, 1, 22, 30, tzinfo=UTC), tick=False):
        assert not due.is_overdue()
        assert EngagementPlan.objects.with_progress().get(pk=plan.pk).overdue_count == 0


def test_progress_counts_done_and_overdue_actions_by_step(plan):
    plan.actions.all().delete()
    today = date(2026, 3, 10)
    action(plan, date(2026, 3, 1), Status.DONE)
    action(plan, date(2026, 3, 1), Status.IN_PROGRESS)
    action(plan, date(2026, 4, 1))
    action(plan, date(2026, 2, 1), step=Step.WORKSHOPS)
    progress = EngagementPlan.progress(list(plan.actions.all()), today)
    assert [step.step for step in progress] == list(Step)
    audience, workshops = progress[0], progress[2]
    assert (len(audience.actions), audience.done, audience.overdue) == (3, 1, 1)
    assert (len(workshops.actions), workshops.done, workshops.overdue) == (1, 0, 1)
    assert progress[5].actions == []


def test_plans_carry_their_progress_in_one_query(plan, django_assert_num_queries):
    plan.actions.all().delete()
    today = date(2026, 3, 10)
    action(plan, date(2026, 3, 1), Status.DONE)
    action(plan, date(2026, 3, 1))
    action(plan, None)
    with django_assert_num_queries(1):
        annotated = EngagementPlan.objects.with_progress(today).get(pk=plan.pk)
    assert (annotated.action_count, annotated.done_count, annotated.overdue_count) == (3, 1, 1)


def test_an_action_cannot_start_after_its_target_date(plan):
    with pytest.raises(IntegrityError):
        action(plan, date(2026, 3, 1), starts_on=date(2026, 3, 2))


def test_a_project_has_one_plan_at_most(plan):
    with pytest.raises(IntegrityError):
        EngagementPlan.objects.create(project=plan.project)
