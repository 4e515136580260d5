"""Who may do what on the member site: one place, checked on the server."""

from .models import Membership


def is_engagement_staff(user):
    return user.is_authenticated and user.is_active and user.is_staff and user.has_perm("members.view_engagementgroup")


def is_chair_of(user, group):
    return (
        user.is_authenticated
        and Membership.objects.with_access()
        .filter(user=user, group=group, role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR])
        .exists()
    )


def can_view_equality_report(user):
    return user.is_active and user.is_staff and user.has_perm("members.view_equality_report")
