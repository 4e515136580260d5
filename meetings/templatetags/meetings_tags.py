from django import template

from engagement.core.row_urls import pk_url

from ..models import Action, Meeting

register = template.Library()


@register.inclusion_tag("meetings/_dashboard_next_meeting.html", takes_context=True)
def next_meeting(context, memberships):
    """memberships: the dashboard's, for Meeting.objects.visible_to."""
    user = context["request"].user
    meeting = Meeting.objects.visible_to(user, memberships).upcoming().cards(user).first()
    if meeting is None:
        return {"meetings": []}
    # A list of one, for the template that draws the meeting list's cards.
    return {"meetings": [Meeting.card(meeting, pk_url("meetings:detail"))]}


@register.inclusion_tag("meetings/_dashboard_actions.html", takes_context=True)
def my_open_actions(context):
    user = context["request"].user
    return {"actions": list(Action.objects.open().filter(owner=user)[:5])}
