"""Access helpers: fetch an interest, or a group's register, only for someone allowed to see it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from members.models import EngagementGroup

from . import rules
from .models import Interest


def get_interest_for_user(user, pk):
    # 404 rather than 403: someone else's interest is not theirs to know of.
    return get_object_or_404(Interest.objects.select_related("declaration__person"), pk=pk, declaration__person=user)


def get_register_group_for_user(user, slug):
    """The group, if this person may read its full register: 404 outside the group, 403 for its members."""
    group = get_object_or_404(EngagementGroup.objects.visible_to(user), slug=slug)
    if not rules.can_see_register(user, group):
        raise PermissionDenied
    return group
