"""Who may see and change what in the register of interests: one place, checked on the server."""

from members.models import EngagementGroup
from members.rules import is_chair_of, is_engagement_staff

from .. import rules as meeting_rules
from .models import RegisterSettings


def can_see_register(user, group: EngagementGroup) -> bool:
    """The whole register, with descriptions and close family: staff and the group's chair or vice-chair."""
    return is_engagement_staff(user) or is_chair_of(user, group)


def register_is_public(group: EngagementGroup) -> bool:
    """Whether anyone may read the group's public register: the group chose to publish it."""
    return group.is_active and RegisterSettings.objects.filter(group=group, publish=True).exists()


def can_see_meeting_interests(user, meeting) -> bool:
    """The interests that may touch a meeting's items: those who see who is coming (staff and the chair),
    asked of the standing the meeting page has read already."""
    return meeting_rules.can_see_replies(user, meeting)


def can_record_meeting_declarations(user) -> bool:
    return is_engagement_staff(user)
