"""Who may do what with expense claims, involvement payments and contracts: one place, checked on the server."""

from django.db.models import OuterRef
from django.utils import timezone

from meetings.models import Meeting
from members.models import EngagementGroup, Membership
from members.rules import is_engagement_staff

from .models import Contract, attendance


def claim_groups(user):
    """Groups a person claims expenses from: those they are a volunteer of (chair, vice-chair or member), with access."""
    if not user.is_authenticated:
        return EngagementGroup.objects.none()
    return EngagementGroup.objects.filter(
        memberships__user=user,
        memberships__status__in=Membership.Status.with_access(),
        memberships__role__in=Membership.Role.voting(),
    )


def can_claim_through(membership):
    """The rule of claim_groups for one membership already loaded, so a page listing them asks nothing more."""
    return membership.status in Membership.Status.with_access() and membership.role in Membership.Role.voting()


def is_claimant(user, claim):
    return user.is_authenticated and claim.claimant_id == user.pk


def can_edit_claim(user, claim):
    """The member changes (and submits) their own claim while it is a draft or answering a question."""
    return is_claimant(user, claim) and claim.is_editable


def can_withdraw_claim(user, claim):
    return is_claimant(user, claim) and claim.is_draft


def can_decide_on_claim(user, claim):
    """Staff query, approve, reject and mark paid; nobody decides on their own claim."""
    return is_engagement_staff(user) and not is_claimant(user, claim)


def can_claim_for_meeting(user, meeting):
    """A volunteer of the group who was there (or said they would be), once the meeting has started. One query."""
    if meeting.is_cancelled or meeting.start > timezone.now():
        return False
    return (
        Meeting.objects.filter(pk=meeting.pk, group__in=claim_groups(user))
        .filter(attendance(OuterRef("pk"), user))
        .exists()
    )


def has_contract(user):
    return Contract.objects.filter(person=user).exists()


def can_choose_for_payment(user, payment):
    """The member chooses how their own payment is paid until it goes to payroll."""
    return user.is_authenticated and payment.person_id == user.pk and payment.is_open
