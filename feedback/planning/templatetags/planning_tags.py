from django import template

from ..models import EngagementPlan
from ..reports import current_report_year
from ..rules import can_see_annual_report

register = template.Library()


@register.inclusion_tag("planning/includes/plan_link.html")
def plan_link(project):
    """A short section linking a project page to its engagement plan, if it has one: one query.

    `project` is the one the page showing it has fetched for the viewer (get_project_for_user),
    and a plan is visible exactly when its project is (EngagementPlan.objects.visible_to), so
    the viewer's groups are not looked up a second time.
    """
    plan = EngagementPlan.objects.filter(project=project).with_progress().first()
    return {"plan": plan, "project": project}


@register.inclusion_tag("planning/includes/annual_report_link.html", takes_context=True)
def annual_report_link(context):
    """A link to this year's annual report for the group on the page, for its chair and staff."""
    group = context.get("group")
    user = context["request"].user
    show = group is not None and can_see_annual_report(user, group)
    return {"group": group if show else None, "year": current_report_year()}
