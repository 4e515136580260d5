from django import template
from django.utils import timezone

from engagement.core.prepared import PreparedQuery
from engagement.core.row_urls import pk_url
from members.models import EngagementGroup, viewer

from ..models import Action, Meeting

register = template.Library()

# The dashboard's, built once per process (engagement.core.prepared); the shape is whether staff are looking.
NEXT_MEETING = PreparedQuery(
    lambda staff, group_ids, user_id, now: (
        Meeting.objects.filter(group__in=EngagementGroup.objects.seen_by(staff, group_ids))
        .upcoming(now)
        .cards(user_id)[:1]
    )
)
OPEN_ACTIONS = PreparedQuery(
    lambda shape, user_id: Action.objects.open().filter(owner=user_id).values("description", "due", "status")[:5]
)


@register.inclusion_tag("meetings/_dashboard_next_meeting.html", takes_context=True)
def next_meeting(context, memberships):
    """memberships: the dashboard's, for the rule of Meeting.objects.visible_to."""
    user = context["request"].user
    staff, group_ids = viewer(user, memberships)
    url = pk_url("meetings:detail")
    # A list of (at most) one, for the template that draws the meeting list's cards.
    meetings = NEXT_MEETING.rows(staff, group_ids=group_ids, user_id=user.pk, now=timezone.now())
    return {"meetings": [Meeting.card(meeting, url) for meeting in meetings]}


@register.inclusion_tag("meetings/_dashboard_actions.html", takes_context=True)
def my_open_actions(context):
    actions = OPEN_ACTIONS.rows(None, user_id=context["request"].user.pk)
    for action in actions:
        action["is_overdue"] = Action.overdue(action["status"], action["due"])
    return {"actions": actions}
