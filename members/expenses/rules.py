"""Who may do what with expense claims, involvement payments and contracts: one place, checked on the server."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from meetings.models import Meeting
from members.models import EngagementGroup, Membership, User
from members.rules import is_engagement_staff

from .models import Contract, attendance


def claim_groups(user):
    """Groups a person claims expenses from: those they are a volunteer of (chair, vice-chair or member), with access."""
    if not user.is_authenticated:
        return EngagementGroup.objects.none()
    return claim_groups_of(user.pk)


def claim_groups_of(user_id):
    """claim_groups for a signed-in person's id, which is all a prepared query's builder is given."""
    return EngagementGroup.objects.filter(
        memberships__user=user_id,
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


def claiming_facts(user_id):
    """For the claims page, one row: whether the person may claim (claim_groups), whether one of those
    groups pays for involvement, and whether they have a contract."""
    groups = claim_groups_of(user_id)
    return User.objects.filter(pk=user_id).values(
        can_claim=Exists(groups),
        pays_involvement=Exists(groups.filter(expense_settings__pays_involvement=True)),
        has_contract=Exists(Contract.objects.filter(person=user_id)),
    )


def can_choose_for_payment(user, payment):
    """The member chooses how their own payment is paid until it goes to payroll."""
    return user.is_authenticated and payment.person_id == user.pk and payment.is_open
