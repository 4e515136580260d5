"""Public pages: open rounds, a round's page with its form, and the thank-you page. No account needed."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from engagement.core import idempotency

from . import services, throttle
from .forms import ExpressionOfInterestForm
from .models import Round


def get_published_round(slug):
    return get_object_or_404(Round.objects.published().select_related("group"), slug=slug)


def round_list(request):
    today = timezone.localdate()
    rounds = Round.objects.published().select_related("group").order_by("closes_on", "title")
    return render(
        request,
        "recruitment/round_list.html",
        {
            "open_rounds": rounds.open_on(today),
            "upcoming_rounds": rounds.opening_after(today),
            "closed_rounds": rounds.recently_closed(today).order_by("-closes_on"),
            "crumbs": [("Home", reverse("home"))],
        },
    )


def round_detail(request, slug):
    round = get_published_round(slug)
    if request.method != "POST":
        return _round_page(request, round, ExpressionOfInterestForm() if round.is_open() else None)
    if not round.is_open():
        return _round_page(request, round, None, status=403, refused=True)
    form = ExpressionOfInterestForm(request.POST)
    if throttle.is_limited(request):
        # Shown with everything they typed, so nothing is lost while they wait.
        form.is_valid()
        form.add_error(
            None,
            "We have had several forms from your internet connection in the last hour, so we cannot take "
            "another one yet. Your answers are still below. Try again in an hour, or e-mail them to us at "
            f"{settings.ENGAGEMENT_TEAM_EMAIL}.",
        )
        return _round_page(request, round, form, status=429)
    if form.is_bot():
        # A bot is told it succeeded, so it learns nothing; nothing is stored.
        throttle.record(request)
        return redirect("recruitment:thank_you", slug=round.slug)
    if form.is_valid():
        return idempotency.once(request, lambda: _receive(request, form, round))
    return _round_page(request, round, form)


def _receive(request, form, round):
    services.receive_application(form, round)
    throttle.record(request)
    return redirect("recruitment:thank_you", slug=round.slug)


def _round_page(request, round, form, status=200, refused=False):
    return render(
        request,
        "recruitment/round_detail.html",
        {
            "round": round,
            "criteria": round.criteria.all(),
            "form": form,
            "is_open": round.is_open(),
            "has_closed": round.has_closed(),
            "refused": refused,
            "retention_months": settings.RECRUITMENT_RETENTION_MONTHS,
            "crumbs": [("Home", reverse("home")), ("Join a group", reverse("recruitment:round_list"))],
        },
        status=status,
    )


def thank_you(request, slug):
    round = get_published_round(slug)
    return render(
        request,
        "recruitment/thank_you.html",
        {"round": round, "crumbs": [("Home", reverse("home")), ("Join a group", reverse("recruitment:round_list"))]},
    )
