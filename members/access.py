"""Access helpers: fetch an object only if the user may see it, else 404."""

from django.shortcuts import get_object_or_404

from .models import EngagementGroup


def get_group_for_user(user, slug):
    # 404 rather than 403 so that a group's existence is not revealed to outsiders.
    return get_object_or_404(EngagementGroup.objects.visible_to(user), slug=slug)
