"""Access helpers: fetch a claim or receipt only if the user may see it, else 404."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

from engagement.core.prepared import PreparedQuery, columns, instance
from meetings.models import Meeting
from members.models import EngagementGroup
from members.rules import is_engagement_staff

from .models import ExpenseClaim, InvolvementPayment


def _claim_for_user(staff, pk, user_id=None):
    """Every column of the claim, its group and its meeting (and, for staff, its claimant), as
    select_related reads them: staff see any claim, anyone else only their own."""
    claims = ExpenseClaim.objects.filter(pk=pk)
    if not staff:
        claims = claims.filter(claimant=user_id)
    claimant = columns(get_user_model(), "claimant__") if staff else []
    return claims.order_by().values(
        *columns(ExpenseClaim), *columns(EngagementGroup, "group__"), *columns(Meeting, "meeting__"), *claimant
    )


# Built once per process (engagement.core.prepared); the shape is whether staff are looking.
CLAIM_FOR_USER = PreparedQuery(_claim_for_user)


def get_claim_for_user(user, pk):
    # 404 rather than 403, so guessing claim numbers tells an outsider nothing.
    # No total: its subquery cost more Python to build than the claim page's whole table of costs, and that
    # page adds up the costs it lists (views._detail_context).
    staff = is_engagement_staff(user)
    whose = {} if staff else {"user_id": user.pk}
    rows = CLAIM_FOR_USER.rows(staff, pk=pk, **whose)
    if not rows:
        raise Http404("No ExpenseClaim matches the given query.")
    [row] = rows
    claim = instance(ExpenseClaim, row)
    claim.group = instance(EngagementGroup, row, "group__")
    claim.meeting = instance(Meeting, row, "meeting__")
    # Their own claim: the claimant is the signed-in user already loaded, so no join for a second copy.
    claim.claimant = instance(get_user_model(), row, "claimant__") if staff else user
    return claim


def get_receipt_for_user(user, claim_pk, line_pk):
    claim = get_claim_for_user(user, claim_pk)
    return get_object_or_404(claim.lines.exclude(receipt=""), pk=line_pk)


def get_payment_for_user(user, pk):
    """The member's own involvement payment, with the choice in force. Staff see payments in the admin."""
    payments = InvolvementPayment.objects.with_choice().select_related("group")
    return get_object_or_404(payments.filter(person=user), pk=pk)
