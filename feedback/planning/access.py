"""Access helpers: fetch a plan, a comment on one, or a survey only if the user may see it, else 404."""

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from engagement.core.prepared import PreparedQuery
from feedback import rules as feedback_rules
from feedback.events.models import Event
from feedback.models import Project
from members.models import EngagementGroup, groups_with_access
from members.rules import is_engagement_staff

from . import rules
from .models import EngagementPlan, FeedbackSource, Invitation, PlanComment, Stakeholder, Survey


def get_plan_for_user(user, project_pk):
    # 404 rather than 403, as for projects, so that other groups learn nothing about it.
    # The project for its title and dates; no page about a plan shows the project's partner.
    return get_object_or_404(EngagementPlan.objects.visible_to(user).select_related("project"), project_id=project_pk)


def visible_comments(staff):
    """The plan comments a person sees (rules.can_see_plan_comment as a query): staff also see withdrawn ones."""
    comments = PlanComment.objects.all()
    return comments if staff else comments.filter(withdrawn_at=None)


def _plan_page(staff, user_id, project_pk):
    # The user's groups as EngagementGroup.objects.visible_to() finds them, named by a stand-in id.
    groups = groups_with_access(user_id)
    comments = visible_comments(staff).filter(plan=OuterRef("pk")).order_by().values("plan")
    return (
        EngagementPlan.objects.filter(project=project_pk, project__in=Project.objects.seen_by(staff, groups))
        .annotate(
            takes_part=feedback_rules.taking_part_in(user_id, OuterRef("project")),
            comment_count=Coalesce(Subquery(comments.annotate(count=Count("pk")).values("count")), 0),
            has_stakeholders=Exists(Stakeholder.objects.filter(plan=OuterRef("pk"))),
            has_sources=Exists(FeedbackSource.objects.filter(plan=OuterRef("pk"))),
            has_events=Exists(Event.objects.filter(plan=OuterRef("pk"))),
            # events.reports.can_see_reports()'s question, asked here so the plan page offers event reports
            # without a query of its own: does the user chair a group the project is brought to.
            chairs=Exists(
                feedback_rules.chaired_by(EngagementGroup.objects.filter(projects=OuterRef("project")), user_id).filter(
                    chaired=True
                )
            ),
        )
        .order_by()
        .values("pk", "summary", "project__title", "project__status", "project__closes_on", *PLAN_PAGE_FACTS)
    )


# What the plan page needs to know besides the plan, read by the query that finds it.
PLAN_PAGE_FACTS = ("takes_part", "comment_count", "has_stakeholders", "has_sources", "has_events", "chairs")
# Built once per process (engagement.core.prepared); the shape is whether staff are looking.
PLAN_PAGE = PreparedQuery(_plan_page)


def get_plan_page_for_user(user, project_pk):
    """(plan, facts) as get_plan_for_user() finds the plan, in the one query that also reads PLAN_PAGE_FACTS.

    The plan holds its project with only what the plan page shows of it and asks of it
    (title, status, closing day), as the project was fetched for no more.
    """
    if not user.is_active:
        raise Http404
    staff = is_engagement_staff(user)
    found = PLAN_PAGE.rows(staff, user_id=user.pk, project_pk=project_pk)
    if not found:
        raise Http404
    [row] = found
    project = Project(
        pk=project_pk, title=row["project__title"], status=row["project__status"], closes_on=row["project__closes_on"]
    )
    plan = EngagementPlan(pk=row["pk"], project=project, summary=row["summary"])
    return plan, {name: row[name] for name in PLAN_PAGE_FACTS} | {"staff": staff}


def get_plan_comment_for_user(user, project_pk, comment_pk):
    plan = get_plan_for_user(user, project_pk)
    comment = get_object_or_404(PlanComment.objects.select_related("author"), plan=plan, pk=comment_pk)
    comment.plan = plan
    if not rules.can_see_plan_comment(user, comment):
        raise Http404
    return comment


def get_survey_for_staff(user, pk):
    # 404 rather than 403 for everyone else: surveys are staff business only.
    if not rules.can_run_surveys(user):
        raise Http404
    return get_object_or_404(Survey.objects.select_related("group"), pk=pk)


def get_invitation(token):
    """The invitation for a private survey link, or None for a link that was mistyped or made up."""
    return Invitation.objects.select_related("survey").filter(token=token).first()
