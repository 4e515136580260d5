from django import template

from ..models import EngagementPlan
from ..reports import current_report_year
from ..rules import can_see_annual_report

register = template.Library()


@register.inclusion_tag("planning/includes/plan_link.html", takes_context=True)
def plan_link(context, project):
    """A short section linking a project page to its engagement plan, if it has one the viewer may see: one query."""
    plan = (
        EngagementPlan.objects.visible_to(context["request"].user).filter(project=project).with_progress().first()
    )
    return {"plan": plan, "project": project}


@register.inclusion_tag("planning/includes/annual_report_link.html", takes_context=True)
def annual_report_link(context):
    """A link to this year's annual report for the group on the page, for its chair and staff."""
    group = context.get("group")
    user = context["request"].user
    show = group is not None and can_see_annual_report(user, group)
    return {"group": group if show else None, "year": current_report_year()}
