from django import template

from .. import rules
from ..register import minutes_declarations, touching

register = template.Library()


@register.inclusion_tag("interests/_meeting_interests.html", takes_context=True)
def meeting_interests(context, meeting, agenda):
    """For staff and the chair on the meeting page: registered interests that may touch each item.
    One query when an item has a project, none otherwise (register.touching)."""
    user = context["request"].user
    if not rules.can_see_meeting_interests(user, meeting):
        return {"show": False}
    items = [item for _starts, item in agenda]
    found = touching(meeting, items)
    return {
        "show": True,
        "meeting": meeting,
        "hints": [(number, item, found[item.pk]) for number, item in enumerate(items, 1) if item.pk in found],
        "can_record": rules.can_record_meeting_declarations(user),
        "items": items,
    }


@register.simple_tag
def declared_at_items(meeting, agenda):
    """The minutes' declarations recorded against items, as the minutes PDF gives them (one query)."""
    return minutes_declarations(meeting, agenda)
