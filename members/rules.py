"""Who may do what on the member site and in the admin: one place, checked on the server."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet

from .models import Membership, User
from .roles import has_second_step, is_engagement_staff  # noqa: F401 - the rules every app asks


def is_chair_of(user, group) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.with_access()
        .filter(user=user, group=group, role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR])
        .exists()
    )


def can_view_equality_report(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("members.view_equality_report") and has_second_step(user)


def accounts_manageable_by(actor, people: QuerySet | None = None) -> QuerySet:
    """The accounts `actor` may change, set a password for, deactivate, erase or delete.

    Only those whose every role the actor holds too: superuser status, staff status,
    each auth group and each permission (given directly or through a group). So no one
    can climb by taking over an account stronger than their own, and only a superuser
    acts on a superuser. Everyone may manage their own account by this rule; the admin
    still stops non-superusers changing their own roles (UserAdmin.get_readonly_fields).
    """
    people = User.objects.all() if people is None else people
    if not (actor.is_authenticated and actor.is_active):
        return people.none()
    if actor.is_superuser:
        return people
    people = people.filter(is_superuser=False)
    if not actor.is_staff:
        people = people.filter(is_staff=False)
    their_groups = Group.objects.filter(user=actor).values("pk")
    their_permissions = Permission.objects.filter(Q(user=actor) | Q(group__user=actor)).values("pk")
    return people.exclude(groups__in=Group.objects.exclude(pk__in=their_groups)).exclude(
        user_permissions__in=Permission.objects.exclude(pk__in=their_permissions)
    )


def can_manage_account(actor, person) -> bool:
    return accounts_manageable_by(actor, User.objects.filter(pk=person.pk)).exists()
