from django import template

from .. import rules
from ..models import ExpenseClaim

register = template.Library()

# What the member sees for each status: the colour and words of the NHS.UK tag.
STATUS_TAGS = {
    ExpenseClaim.Status.DRAFT: ("grey", "Draft: not sent yet"),
    ExpenseClaim.Status.SUBMITTED: ("blue", "Submitted"),
    ExpenseClaim.Status.QUERIED: ("orange", "Question for you"),
    ExpenseClaim.Status.APPROVED: ("green", "Approved"),
    ExpenseClaim.Status.REJECTED: ("red", "Rejected"),
    ExpenseClaim.Status.PAID: ("purple", "Paid"),
}
DASHBOARD_CLAIMS = 3


@register.inclusion_tag("expenses/includes/status_tag.html")
def status_tag(status):
    colour, label = STATUS_TAGS[status]
    return {"colour": colour, "label": label}


@register.filter
def pounds(amount):
    """£1,234.50: exact, from the Decimal, with no float on the way."""
    return f"£{amount:,.2f}"


@register.inclusion_tag("expenses/includes/dashboard.html", takes_context=True)
def expenses_for_dashboard(context):
    user = context["request"].user
    return {
        "claims": list(
            ExpenseClaim.objects.filter(claimant=user).with_totals().select_related("group")[:DASHBOARD_CLAIMS]
        ),
        "can_claim": rules.claim_groups(user).exists(),
    }


@register.inclusion_tag("expenses/includes/claim_link.html", takes_context=True)
def claim_link(context, meeting):
    return {"meeting": meeting, "show": rules.can_claim_for_meeting(context["request"].user, meeting)}
