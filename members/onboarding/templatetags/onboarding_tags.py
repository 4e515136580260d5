from django import template

from engagement.core.dates import local_today
from members.models import Membership

from ..checklist import checklist_for

register = template.Library()


@register.inclusion_tag("onboarding/checklist.html")
def onboarding_checklist(person, memberships):
    """The "Your onboarding" section of the profile. Only for members of a group (staff and observers are
    not onboarded); `person` (the row of the person's facts) and `memberships` are the ones the profile
    has read already, with the checklist's facts, so only the training records cost a query."""
    voting = Membership.Role.voting()
    if not any(membership.role in voting and membership.gives_access for membership in memberships):
        return {"checklist": None}
    return {"checklist": checklist_for(person, memberships, local_today())}
