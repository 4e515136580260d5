from django import template
from django.utils.html import format_html

from engagement.core.prepared import PreparedQuery
from engagement.core.row_urls import pk_url
from engagement.core.templatetags.money import pounds

from .. import rules
from ..models import ExpenseClaim
from ..money import per_unit

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


# Made once: lists show a tag on every row.
STATUS_TAG_HTML = {
    status: format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, label)
    for status, (colour, label) in STATUS_TAGS.items()
}


@register.simple_tag
def status_tag(status):
    return STATUS_TAG_HTML[status]


# The one money format, from the core, under the name the expenses templates already use.
register.filter("pounds", pounds)
register.filter("per_unit", per_unit)


# Built once per process (engagement.core.prepared).
LATEST_CLAIMS = PreparedQuery(
    lambda shape, user_id: (
        ExpenseClaim.objects.filter(claimant=user_id)
        .with_totals()
        .values("pk", "description", "activity_date", "status", "total")[:DASHBOARD_CLAIMS]
    )
)


@register.inclusion_tag("expenses/includes/dashboard.html", takes_context=True)
def expenses_for_dashboard(context, memberships):
    """The latest claims, and whether the member can start one: the dashboard has their memberships already."""
    claims = LATEST_CLAIMS.rows(None, user_id=context["request"].user.pk)
    url = pk_url("expenses:claim_detail")
    for claim in claims:
        claim["url"] = url(claim["pk"])
    return {"claims": claims, "can_claim": any(rules.can_claim_through(membership) for membership in memberships)}


@register.inclusion_tag("expenses/includes/claim_link.html", takes_context=True)
def claim_link(context, meeting):
    return {"meeting": meeting, "show": rules.can_claim_for_meeting(context["request"].user, meeting)}
