import logging
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from engagement.core import idempotency
from engagement.core.forms import as_id, submitted
from engagement.core.paging import counted, first_page, page_counted_by_window, page_number
from engagement.core.prepared import PreparedQuery, columns, instance
from engagement.core.row_urls import pk_url
from engagement.core.uploads import STORAGE_ERRORS, file_response

from . import rules, services
from .access import get_claim_for_user, get_receipt_for_user
from .forms import ClaimForm, LineFormSet, SubmitForm
from .models import (
    ClaimEvent,
    ClaimLine,
    Contract,
    ExpenseClaim,
    ExpenseRate,
    TransitionNotAllowed,
)
from .money import per_unit
from .templatetags.expenses_tags import STATUS_TAG_HTML

logger = logging.getLogger(__name__)

RECEIPT_NOT_STORED = "We could not save your receipt just now; please try again."


def _crumbs(*extra):
    return [("Home", reverse("dashboard")), *extra]


def _expenses_crumbs(*extra):
    return _crumbs(("Your expenses", reverse("expenses:claim_list")), *extra)


CLAIMS_PER_PAGE = 25


def _my_claims(user_id):
    return (
        ExpenseClaim.objects.filter(claimant=user_id)
        .with_totals()
        # Newest first by the date the page shows, not by when the claim was started.
        .order_by("-activity_date", "-created", "-pk")
        .values("pk", "description", "activity_date", "status", "total", "group__name")
    )


# Built once per process (engagement.core.prepared): the first page, as page_counted_by_window reads it,
# which is the page nearly everyone sees; later pages are built each time, so each page number is not kept.
FIRST_CLAIMS_PAGE = PreparedQuery(lambda shape, user_id: counted(_my_claims(user_id))[:CLAIMS_PER_PAGE])
CLAIMING_FACTS = PreparedQuery(lambda shape, user_id: rules.claiming_facts(user_id))


@login_required
def claim_list(request):
    user_id = request.user.pk
    number = page_number(request.GET.get("page"))
    if number == 1:
        page = first_page(FIRST_CLAIMS_PAGE.rows(None, user_id=user_id), CLAIMS_PER_PAGE)
    else:
        page = page_counted_by_window(_my_claims(user_id), number, CLAIMS_PER_PAGE)
    url = pk_url("expenses:claim_detail")
    for claim in page:
        claim["url"] = url(claim["pk"])
        claim["tag"] = STATUS_TAG_HTML[claim["status"]]
    return render(
        request,
        "expenses/claim_list.html",
        {"claims": page, **CLAIMING_FACTS.rows(None, user_id=user_id)[0], "crumbs": _crumbs()},
    )


@login_required
def claim_create(request):
    claim = ExpenseClaim(claimant=request.user)
    return _claim_form_page(request, claim)


@login_required
def claim_edit(request, pk):
    claim = get_claim_for_user(request.user, pk)
    if not rules.can_edit_claim(request.user, claim):
        messages.error(request, "This claim cannot be changed: it is with the engagement team or has been decided.")
        return redirect(claim)
    return _claim_form_page(request, claim)


def _claim_form_page(request, claim):
    user = request.user
    if not rules.claim_groups(user).exists():
        messages.error(
            request,
            "You can claim expenses once you are a member of a group. Ask the engagement team if this is wrong.",
        )
        return redirect("expenses:claim_list")
    form = ClaimForm(submitted(request), instance=claim, user=user)
    if request.method == "GET" and not claim.pk:
        meeting = form.fields["meeting"].queryset.filter(pk=as_id(request.GET.get("meeting") or "")).first()
        if meeting:
            form.initial.update(meeting=meeting.pk, group=meeting.group_id)
    # The rates for the claim's date as it stands (today for a new claim): the ones that will be applied.
    rates_on = claim.activity_date or timezone.localdate()
    rates = ExpenseRate.on(rates_on)
    lines = LineFormSet(submitted(request), request.FILES or None, instance=claim, prefix="lines", rates=rates)
    if request.method == "POST":
        if all([form.is_valid(), lines.is_valid()]):
            adding = claim.pk is None
            try:
                # Once, for changes as well as new claims: a new cost sent twice would be added twice.
                return idempotency.once(request, lambda: _save_claim(request, form, lines))
            except STORAGE_ERRORS:
                logger.exception("Could not store a receipt, so the claim was not saved")
                # Receipts are written as the claim is saved, in one transaction: nothing was kept,
                # so a new claim is still new (its number came from the insert that was rolled back).
                if adding:
                    claim.pk = None
                form.add_error(None, RECEIPT_NOT_STORED)
        lines.ask_for_receipts_again(request.FILES)
    return render(
        request,
        "expenses/claim_form.html",
        {
            "claim": claim,
            "form": form,
            "lines": lines,
            # Only an invalid POST comes back to this page; a valid one redirects.
            "has_errors": request.method == "POST",
            "rates": _rates_list(rates),
            "rates_on": rates_on,
            "deadline_months": settings.EXPENSES_CLAIM_DEADLINE_MONTHS,
            "crumbs": _expenses_crumbs(*([(str(claim), claim.get_absolute_url())] if claim.pk else [])),
        },
    )


def _save_claim(request, form, lines):
    with transaction.atomic():
        claim = form.save()
        lines.save()
    if "add_line" in request.POST:
        messages.success(request, "Your claim has been saved. Add the next cost below.")
        return redirect(reverse("expenses:claim_edit", args=[claim.pk]) + f"#cost-{claim.lines.count() + 1}")
    if claim.is_out_of_time():
        messages.warning(request, "Your claim has been saved as a draft, but it is too late to submit: see below.")
    elif claim.is_draft:
        messages.success(request, "Your claim has been saved as a draft. Check it, then submit it.")
    else:
        messages.success(request, "Your changes have been saved. Answer the question below to send the claim back.")
    return redirect(claim)


def _rates_list(rates):
    """The rates as the claim form lists them, in the order of its boxes."""
    kinds = ExpenseRate.Kind
    words = {
        kinds.CAR: "Car: {} a mile",
        kinds.MOTORCYCLE: "Motorcycle: {} a mile",
        kinds.BICYCLE: "Bicycle: {} a mile",
        kinds.PASSENGER: "{} a mile for each passenger",
        kinds.SUBSISTENCE_CAP: "Food and drink: up to {} for one activity",
    }
    return [text.format(per_unit(rates[kind])) for kind, text in words.items() if kind in rates]


@login_required
def claim_detail(request, pk):
    claim = get_claim_for_user(request.user, pk)
    return render(request, "expenses/claim_detail.html", _detail_context(request, claim))


# Built once per process (engagement.core.prepared): the claim page's history and costs. Of the people
# acting, only a staff member's name is shown, not the whole person.
CLAIM_EVENTS = PreparedQuery(
    lambda shape, claim_id: ClaimEvent.objects.filter(claim=claim_id).values(
        "actor_id", "created", "from_status", "to_status", "note", actor_name=F("actor__full_name")
    )
)
CLAIM_LINES = PreparedQuery(
    lambda shape, claim_id: ClaimLine.objects.filter(claim=claim_id).values(*columns(ClaimLine))
)
# The shape is whether the claim has a meeting: without one, only the day is compared.
SAME_ACTIVITY = PreparedQuery(
    lambda has_meeting, claimant_id, activity_date, other_than, meeting_id=None: (
        ExpenseClaim.objects.claimed_for_same_activity(claimant_id, meeting_id, activity_date, other_than).values(
            "pk", "description", "activity_date", "status", "meeting_id", "meeting__title"
        )
    )
)


def _same_activity(claim):
    """claim.same_activity_claims() as the claim page lists them, each with its link and its status's word."""
    meeting = {"meeting_id": claim.meeting_id} if claim.meeting_id is not None else {}
    others = SAME_ACTIVITY.rows(
        bool(meeting), claimant_id=claim.claimant_id, activity_date=claim.activity_date, other_than=claim.pk, **meeting
    )
    url = pk_url("expenses:claim_detail")
    for other in others:
        other["url"] = url(other["pk"])
        other["status_label"] = ExpenseClaim.Status(other["status"]).label
    return others


def _detail_context(request, claim, submit_form=None):
    user = request.user
    events = CLAIM_EVENTS.rows(None, claim_id=claim.pk)
    # Costs as the ORM makes them: the template reads their choices' words and receipts.
    lines = [instance(ClaimLine, row) for row in CLAIM_LINES.rows(None, claim_id=claim.pk)]
    claim.total = sum((line.amount for line in lines), Decimal("0.00"))
    question = next((e for e in reversed(events) if e["to_status"] == ExpenseClaim.Status.QUERIED), None)
    can_edit = rules.can_edit_claim(user, claim)
    return {
        "claim": claim,
        "lines": lines,
        "events": events,
        "question": question if claim.status == ExpenseClaim.Status.QUERIED else None,
        "can_edit": can_edit,
        # Before they submit: a warning, not a refusal, since two claims for one day can both be right.
        "same_activity": _same_activity(claim) if can_edit else [],
        "out_of_time": claim.out_of_time_message() if can_edit and claim.is_out_of_time() else "",
        "can_withdraw": rules.can_withdraw_claim(user, claim),
        "can_decide": rules.can_decide_on_claim(user, claim),
        "submit_form": submit_form or (SubmitForm(claim=claim) if can_edit else None),
        "crumbs": _expenses_crumbs(),
    }


@login_required
@require_POST
def claim_submit(request, pk):
    claim = get_claim_for_user(request.user, pk)
    form = SubmitForm(request.POST, claim=claim)
    if not form.is_valid() and rules.can_edit_claim(request.user, claim):
        return render(request, "expenses/claim_detail.html", _detail_context(request, claim, form))
    try:
        services.submit(claim, request.user, form.cleaned_data.get("answer", ""))
    except TransitionNotAllowed as problem:
        messages.error(request, str(problem))
        return redirect(claim)
    messages.success(request, "Your claim has been submitted. We will e-mail you when it has been checked.")
    return redirect(claim)


@login_required
def claim_withdraw(request, pk):
    claim = get_claim_for_user(request.user, pk)
    if not rules.can_withdraw_claim(request.user, claim):
        messages.error(request, "Only a draft can be withdrawn: this claim has been sent to the engagement team.")
        return redirect(claim)
    if request.method == "POST":
        services.withdraw(claim, request.user)
        messages.success(request, "Your draft claim has been withdrawn and deleted.")
        return redirect("expenses:claim_list")
    claim.total = claim.lines.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    return render(
        request,
        "expenses/claim_withdraw.html",
        {"claim": claim, "crumbs": _expenses_crumbs((str(claim), claim.get_absolute_url()))},
    )


@login_required
def receipt(request, pk, line_pk):
    line = get_receipt_for_user(request.user, pk, line_pk)
    return file_response(line.receipt, line.receipt_name)


@login_required
def contract(request):
    """The chair's own contract. Only ever the signed-in person's: staff see contracts in the admin."""
    contracts = list(
        Contract.objects.filter(person=request.user)
        .select_related("group")
        .prefetch_related("payments")
        .annotate(paid_total=Coalesce(Sum("payments__amount"), Value(Decimal("0.00")), output_field=DecimalField()))
    )
    if not contracts:
        raise Http404("You do not have a contract.")
    return render(request, "expenses/contract.html", {"contracts": contracts, "crumbs": _expenses_crumbs()})
