"""Access helpers: fetch a claim or receipt only if the user may see it, else 404."""

from django.shortcuts import get_object_or_404

from members.rules import is_engagement_staff

from .models import ExpenseClaim, InvolvementPayment


def get_claim_for_user(user, pk):
    # 404 rather than 403, so guessing claim numbers tells an outsider nothing.
    # No total: its subquery cost more Python to build than the claim page's whole table of costs, and that
    # page adds up the costs it lists (views._detail_context).
    claims = ExpenseClaim.objects.select_related("group", "meeting")
    if is_engagement_staff(user):
        return get_object_or_404(claims.select_related("claimant"), pk=pk)
    claim = get_object_or_404(claims.filter(claimant=user), pk=pk)
    # Their own claim: the claimant is the signed-in user already loaded, so no join for a second copy.
    claim.claimant = user
    return claim


def get_receipt_for_user(user, claim_pk, line_pk):
    claim = get_claim_for_user(user, claim_pk)
    return get_object_or_404(claim.lines.exclude(receipt=""), pk=line_pk)


def get_payment_for_user(user, pk):
    """The member's own involvement payment, with the choice in force. Staff see payments in the admin."""
    payments = InvolvementPayment.objects.with_choice().select_related("group")
    return get_object_or_404(payments.filter(person=user), pk=pk)
