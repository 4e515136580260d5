"""Access helpers: fetch a plan, a comment on one, or a survey only if the user may see it, else 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import rules
from .models import EngagementPlan, Invitation, PlanComment, Survey


def get_plan_for_user(user, project_pk):
    # 404 rather than 403, as for projects, so that other groups learn nothing about it.
    # The project for its title and dates; no page about a plan shows the project's partner.
    return get_object_or_404(EngagementPlan.objects.visible_to(user).select_related("project"), project_id=project_pk)


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
