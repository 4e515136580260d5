"""The member's involvement payments: what each is for and how it is paid, their choices, and their earnings limit."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from engagement.core.forms import submitted

from . import rules, services
from .access import get_payment_for_user
from .models import InvolvementPayment, InvolvementPreference, TransitionNotAllowed
from .payment_forms import EarningsLimitForm, PaymentChoiceForm, StandingChoiceForm
from .payments import Choice, InvolvementRate, PaymentProfile


def _crumbs(*extra):
    return [
        ("Home", reverse("dashboard")),
        ("Your expenses", reverse("expenses:claim_list")),
        *extra,
    ]


def _involvement_crumbs():
    return _crumbs(("Involvement payments", reverse("expenses:involvement")))


SAVED = {
    Choice.ACCEPT: "Saved: you will get involvement payments from {}.",
    Choice.DECLINE: "Saved: you will not get involvement payments from {} until you change this.",
    Choice.CHARITY: "Saved: your involvement payments from {} will go to {}.",
}


@login_required
def involvement(request):
    user = request.user
    groups = list(
        rules.claim_groups(user).filter(expense_settings__pays_involvement=True).select_related("expense_settings")
    )
    invalid = {}
    if request.method == "POST":
        group = next((g for g in groups if str(g.pk) == request.POST.get("group")), None)
        if group is None:
            raise Http404("You are not in a group that pays involvement payments.")
        form = StandingChoiceForm(request.POST, prefix=f"group-{group.pk}")
        if form.is_valid():
            choice, charity = form.cleaned_data["choice"], form.cleaned_data.get("charity")
            services.set_standing_choice(user, group, choice, charity)
            messages.success(request, SAVED[choice].format(group.name, charity))
            return redirect("expenses:involvement")
        invalid = {group.pk: form}
    standing = {p.group_id: p for p in InvolvementPreference.objects.filter(person=user).select_related("charity")}
    choices = []
    today = timezone.localdate()
    for group in groups:
        preference = standing.get(group.pk)
        initial = {"choice": preference.choice, "charity": preference.charity_id} if preference else {}
        form = invalid.get(group.pk) or StandingChoiceForm(prefix=f"group-{group.pk}", initial=initial)
        group.rate_card = InvolvementRate.objects.card(group.pk, today)
        choices.append((group, preference, form))
    payments = list(InvolvementPayment.objects.filter(person=user).with_choice().select_related("group", "charity"))
    for payment in payments:
        # Only held payments are over the limit unchecked: no query per payment for the rest.
        payment.warning = payment.limit_warning() if payment.status == InvolvementPayment.Status.CHECK else None
        if payment.chosen == Choice.CHARITY and payment.charity is None:
            # Following the standing choice: shown with the charity it names, already loaded.
            payment.charity = standing[payment.group_id].charity
    return render(
        request,
        "expenses/involvement.html",
        {
            "choices": choices,
            "has_errors": bool(invalid),
            "payments": payments,
            "profile": PaymentProfile.objects.filter(person=user).first(),
            "advice_url": settings.BENEFITS_ADVICE_URL,
            "crumbs": _crumbs(),
        },
    )


@login_required
def payment_choice(request, pk):
    payment = get_payment_for_user(request.user, pk)
    if not rules.can_choose_for_payment(request.user, payment):
        messages.error(request, "This payment has gone to payroll, so it can no longer be changed.")
        return redirect("expenses:involvement")
    initial = {"choice": payment.chosen, "reduced_amount": payment.reduced_amount, "charity": payment.to_charity}
    form = PaymentChoiceForm(submitted(request), payment=payment, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.choose_for_payment(
                payment, request.user, data["choice"], data.get("reduced_amount"), data.get("charity")
            )
        except TransitionNotAllowed as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, f"Saved your choice for “{payment.description}”.")
        return redirect("expenses:involvement")
    return render(
        request,
        "expenses/payments/payment_choice.html",
        {
            "payment": payment,
            "form": form,
            "limit": payment.limit_standing(),
            "advice_url": settings.BENEFITS_ADVICE_URL,
            "crumbs": _involvement_crumbs(),
        },
    )


@login_required
def earnings_limit(request):
    profile = PaymentProfile.objects.filter(person=request.user).first() or PaymentProfile(person=request.user)
    form = EarningsLimitForm(submitted(request), instance=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_earnings_limit(
            request.user, data["earnings_limit"], data["limit_period"], data["advice_offered_on"]
        )
        messages.success(
            request,
            "Saved your earnings limit. We will warn you and the engagement team before a "
            "payment would take you over it.",
        )
        return redirect("expenses:involvement")
    return render(
        request,
        "expenses/payments/earnings_limit.html",
        {"form": form, "advice_url": settings.BENEFITS_ADVICE_URL, "crumbs": _involvement_crumbs()},
    )
