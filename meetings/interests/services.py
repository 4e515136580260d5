"""Changes to the register of interests, each in one transaction: the member's pages and the admin
both come here. The yearly review asks each member once a year and tells staff once about anyone
who has not replied (engagement/core/notifications.py makes both once-only)."""

from django.db import transaction
from django.db.models import Exists, OuterRef

from engagement.core import notifications
from engagement.core.dates import local_today
from engagement.core.tasks import send_notifications
from members.models import EngagementGroup, Membership, User

from .models import Declaration, Interest, RegisterSettings, register_people


class NotAllowed(Exception):
    pass


def _declared(person: User, by: User) -> Declaration:
    declaration, _ = Declaration.objects.update_or_create(
        person=person, defaults={"confirmed_on": local_today(), "recorded_by": by}
    )
    return declaration


@transaction.atomic
def save_interest(person: User, interest: Interest, by: User) -> Interest:
    """Add or change one interest: the declaration is dated today."""
    interest.declaration = _declared(person, by)
    interest.save()
    return interest


@transaction.atomic
def remove_interest(interest: Interest, by: User) -> None:
    """For an entry made in error; an interest that has ended is kept with its end date instead."""
    person = interest.declaration.person
    interest.delete()
    _declared(person, by)


@transaction.atomic
def declare_nothing(person: User, by: User) -> Declaration:
    if Interest.objects.in_register(local_today()).filter(declaration__person=person).exists():
        raise NotAllowed("You have interests listed. Give each one an end date, or remove it, first.")
    return _declared(person, by)


@transaction.atomic
def confirm_unchanged(person: User) -> Declaration:
    """The yearly review answered "nothing has changed"."""
    if not Declaration.objects.filter(person=person).exists():
        raise NotAllowed("You have not declared your interests yet.")
    return _declared(person, person)


def record_for_member(declaration: Declaration, by: User) -> Declaration:
    """Staff recorded the member's declaration in the admin, on their behalf."""
    return _declared(declaration.person, by)


def not_reviewed(group_id, since):
    """The group's members who have not declared or confirmed their interests since `since`."""
    confirmed = Declaration.objects.filter(person=OuterRef("pk"), confirmed_on__gte=since)
    return register_people(group_id).exclude(Exists(confirmed))


def group_staff(group_id):
    return User.objects.filter(
        is_active=True,
        memberships__group_id=group_id,
        memberships__role=Membership.Role.STAFF,
        memberships__status__in=Membership.Status.with_access(),
    )


@transaction.atomic
def run_yearly_reviews(today=None) -> int:
    """Daily. From the first of each group's review month until its reminder falls due, ask each member
    who has not confirmed since the review opened (once a year: the event names the year); from then on,
    tell the group's staff, once, about anyone who still has not. Returns how many e-mails were queued."""
    today = today or local_today()
    ids = []
    for group in EngagementGroup.objects.filter(is_active=True):
        register = RegisterSettings.for_group(group)
        opens = register.review_opens(today)
        if register.review_opened_on != opens:
            if today >= register.reminder_due_on(opens):
                # This year's asking time passed before the review opened (the register arrived mid-year):
                # no one was asked, so there is no one to chase; next year's review asks everyone.
                continue
            register.review_opened_on = opens
            register.save(update_fields=["review_opened_on"])
        people = list(not_reviewed(group.pk, opens))
        if today < register.reminder_due_on(opens):
            for person in people:
                ids += notifications.plan(person, f"interests-review-{opens.year}", [person])
        elif people:
            ids += notifications.plan(register, f"overdue-reviews-{opens.year}", group_staff(group.pk))
    return send_notifications(ids)
