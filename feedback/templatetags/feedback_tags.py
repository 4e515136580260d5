from django import template
from django.utils.html import format_html

from engagement.core.dates import local_today
from engagement.core.prepared import PreparedQuery
from engagement.core.row_urls import pk_url
from members.models import viewer

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


# Built once per process (engagement.core.prepared); the shape is whether staff are looking.
OPEN_PROJECTS = PreparedQuery(
    lambda staff, group_ids, user_id, today: (
        Project.objects.seen_by(staff, group_ids)
        .open_for_comments(today=today)
        .with_commented_by(user_id)
        .order_by("closes_on", "title")
        .values("pk", "title", "closes_on", "commented_by_me")
    )
)


@register.inclusion_tag("feedback/includes/dashboard_projects.html", takes_context=True)
def projects_for_dashboard(context, memberships):
    """Projects open for comment in the signed-in person's groups: one query, however many there are.
    memberships: the dashboard's, for the rule of Project.objects.visible_to."""
    user = context["request"].user
    staff, group_ids = viewer(user, memberships)
    projects = OPEN_PROJECTS.rows(staff, group_ids=group_ids, user_id=user.pk, today=local_today())
    url = pk_url("feedback:project_detail")
    for project in projects:
        project["url"] = url(project["pk"])
    return {"projects": projects}
