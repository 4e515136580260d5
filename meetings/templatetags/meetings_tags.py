from django import template
from django.db.models import OuterRef, Subquery

from ..models import Action, Meeting, Reply

register = template.Library()


@register.inclusion_tag("meetings/_dashboard_next_meeting.html", takes_context=True)
def next_meeting(context):
    user = context["request"].user
    mine = Reply.objects.filter(meeting=OuterRef("pk"), user=user).values("response")[:1]
    meeting = (
        Meeting.objects.visible_to(user)
        .upcoming()
        .select_related("group", "venue")
        .annotate(my_response=Subquery(mine))
        .first()
    )
    return {"meeting": meeting}


@register.inclusion_tag("meetings/_dashboard_actions.html", takes_context=True)
def my_open_actions(context):
    user = context["request"].user
    return {"actions": list(Action.objects.open().filter(owner=user).select_related("meeting__group")[:5])}
