from django import template
from django.utils.html import format_html

from engagement.core.row_urls import pk_url

from ..models import OUTCOME_COLOURS, Project, ResponseEntry

register = template.Library()

# Made once: the response tables show a tag on every row, and get_outcome_display() builds the
# choices again on each call.
OUTCOME_TAG_HTML = {
    outcome: format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', OUTCOME_COLOURS[outcome], label)
    for outcome, label in ResponseEntry.Outcome.choices
}


@register.simple_tag
def outcome_tag(outcome):
    return OUTCOME_TAG_HTML[outcome]


@register.inclusion_tag("feedback/includes/dashboard_projects.html", takes_context=True)
def projects_for_dashboard(context, memberships):
    """Projects open for comment in the signed-in person's groups: one query, however many there are.
    memberships: the dashboard's, for Project.objects.visible_to."""
    user = context["request"].user
    projects = list(
        Project.objects.visible_to(user, memberships)
        .open_for_comments()
        .with_commented_by(user)
        .order_by("closes_on", "title")
        .values("pk", "title", "closes_on", "commented_by_me")
    )
    url = pk_url("feedback:project_detail")
    for project in projects:
        project["url"] = url(project["pk"])
    return {"projects": projects}
