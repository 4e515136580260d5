"""Staff roles as Django auth groups.

Chair and member are roles *in a group* (Membership.role), checked per object
in rules.py; engagement staff and equality-data access are deployment-wide,
so they are Django auth groups that carry model permissions for the admin.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

ENGAGEMENT_STAFF = "Engagement staff"
EQUALITY_DATA = "Equality data"
CONTRACTS = "Contracts"


def engagement_staff():
    """The active accounts in the engagement staff role: who is told about work waiting for staff."""
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=ENGAGEMENT_STAFF)


# Apps whose records engagement staff run from the admin. Not django_celery_beat: its admin
# runs any task with any arguments (an invitation to any account, a reset e-mail past the
# limit) and can switch off retention, so the schedule is for superusers only.
STAFF_APPS = [
    "core",
    "members",
    "meetings",
    "feedback",
    "planning",
    "events",
    "expenses",
    "recruitment",
    "interests",
    "onboarding",
]
# The task outbox is Celery's plumbing: superusers only.
INTERNAL_PERMISSIONS = [f"{action}_queuedtask" for action in ["add", "change", "delete", "view"]]
# Special-category data: never part of the general staff role.
EQUALITY_PERMISSIONS = ["view_equality_report", "view_equalitymonitoring"]
# The chair's remuneration is confidential: only the Contracts role sees or changes contracts.
CONTRACT_PERMISSIONS = [
    f"{action}_{model}"
    for model in ["contract", "contractpayment", "historicalcontract"]
    for action in ["add", "change", "delete", "view"]
]


def sync_staff_roles(sender=None, **kwargs):
    staff_permissions = Permission.objects.filter(content_type__app_label__in=STAFF_APPS).exclude(
        codename__in=EQUALITY_PERMISSIONS
        + ["add_equalitymonitoring", "change_equalitymonitoring", "delete_equalitymonitoring"]
        + CONTRACT_PERMISSIONS
        + INTERNAL_PERMISSIONS
    )
    staff, _ = Group.objects.get_or_create(name=ENGAGEMENT_STAFF)
    # set, not add: the role is defined here, so a permission taken out of it is taken away too.
    staff.permissions.set(staff_permissions)
    equality, _ = Group.objects.get_or_create(name=EQUALITY_DATA)
    equality.permissions.add(
        *Permission.objects.filter(content_type__app_label="members", codename="view_equality_report")
    )
    contracts, _ = Group.objects.get_or_create(name=CONTRACTS)
    contracts.permissions.add(
        *Permission.objects.filter(content_type__app_label="expenses", codename__in=CONTRACT_PERMISSIONS)
    )


def has_second_step(user) -> bool:
    """Whether staff powers are open to this session: with STAFF_TWO_FACTOR on, only after a code.

    django-otp's middleware gives the signed-in user `is_verified()`; a user loaded
    any other way has no verified session, so is refused (fail closed).
    """
    if not settings.STAFF_TWO_FACTOR:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def is_engagement_staff(user) -> bool:
    # Every staff rule in the project is built on this one, so each inherits the second step.
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("members.view_engagementgroup")
        and has_second_step(user)
    )
