"""Public pages: open rounds, a round's page, its form in steps, and the thank-you page. No account needed."""

from django import forms
from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from engagement.core import idempotency
from engagement.core.uploads import easy_read_response
from members.models import EqualityMonitoring

from . import services, throttle
from .forms import STEPS, ExpressionOfInterestForm
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
    return _round_page(request, round)


def _round_page(request, round, status=200, refused=False):
    return render(
        request,
        "recruitment/round_detail.html",
        {
            "round": round,
            "criteria": round.criteria.all(),
            "is_open": round.is_open(),
            "has_closed": round.has_closed(),
            "refused": refused,
            "first_step": STEPS[0],
            "crumbs": _crumbs(),
        },
        status=status,
    )


def _crumbs():
    return [("Home", reverse("home")), ("Join a group", reverse("recruitment:round_list"))]


# The expression of interest, in steps. Each step's answers are kept in the session, under the round,
# as they were sent (lists of strings), until the applicant sends them all from "check your answers":
# going back, or changing an answer from there, shows what they gave.


def _session_key(round):
    return f"recruitment-answers-{round.pk}"


def _as_data(*answers):
    data = QueryDict(mutable=True)
    for step_answers in answers:
        for name, values in step_answers.items():
            data.setlist(name, values)
    return data


def _step_url(round, step, changing=False):
    url = reverse("recruitment:apply", args=[round.slug, step.slug])
    return url + "?change=1" if changing else url


def _closed(request, round):
    """A round that closed (or has not opened) part way through: the round's page says so."""
    if request.method == "POST":
        return _round_page(request, round, status=403, refused=True)
    return redirect(round)


def apply_step(request, slug, step):
    round = get_published_round(slug)
    number, step = next(((n, s) for n, s in enumerate(STEPS, start=1) if s.slug == step), (None, None))
    if step is None:
        raise Http404("There is no such step.")
    if not round.is_open():
        return _closed(request, round)
    answers = request.session.get(_session_key(round), {})
    changing = "change" in request.GET
    if request.method == "POST":
        form = ExpressionOfInterestForm(request.POST, step=step)
        if form.is_valid():
            given = {name: request.POST.getlist(name) for name in step.fields}
            request.session[_session_key(round)] = answers | {step.slug: given}
            if changing or number == len(STEPS):
                return redirect("recruitment:check_answers", slug=round.slug)
            return redirect(_step_url(round, STEPS[number]))
    elif step.slug in answers:
        form = ExpressionOfInterestForm(_as_data(answers[step.slug]), step=step)
    else:
        form = ExpressionOfInterestForm(step=step)
    if changing:
        back = reverse("recruitment:check_answers", args=[round.slug])
    else:
        back = _step_url(round, STEPS[number - 2]) if number > 1 else round.get_absolute_url()
    return render(
        request,
        f"recruitment/apply_{step.slug.replace('-', '_')}.html",
        {
            "round": round,
            "form": form,
            "step": step,
            "number": number,
            "steps": len(STEPS),
            "back": back,
            "retention_months": settings.RECRUITMENT_RETENTION_MONTHS,
        },
    )


def check_answers(request, slug):
    round = get_published_round(slug)
    if not round.is_open():
        return _closed(request, round)
    answers = request.session.get(_session_key(round), {})
    if request.method == "POST" and not answers:
        # Sent already (a second click that arrived after the first had finished), or the session ran out.
        return idempotency.once(request, lambda: redirect(_step_url(round, STEPS[0])))
    missing = next((step for step in STEPS if step.slug not in answers), None)
    if missing:
        return redirect(_step_url(round, missing))
    decision = {"keep_equality": request.POST.getlist("keep_equality")} if request.method == "POST" else {}
    form = ExpressionOfInterestForm(_as_data(*answers.values(), decision))
    valid = form.is_valid()
    wrong = next((step for step in STEPS if any(name in form.errors for name in step.fields)), None)
    if wrong:
        # Its page shows the answer bound again, with the problem.
        return redirect(_step_url(round, wrong, changing=True))
    if request.method != "POST":
        # Asked on this page, so not a problem until they send without answering it.
        form.errors.pop("keep_equality", None)
        return _check_page(request, round, form)
    if throttle.is_limited(request):
        # Their answers stay in the session, so nothing is lost while they wait.
        form.add_error(
            None,
            "We have had several forms from your internet connection in the last hour, so we cannot take "
            "another one yet. Your answers are kept on this page. Try again in an hour, or e-mail them to us at "
            f"{settings.ENGAGEMENT_TEAM_EMAIL}.",
        )
        return _check_page(request, round, form, status=429)
    if form.is_bot():
        # A bot is told it succeeded, so it learns nothing; nothing is stored.
        throttle.record(request)
        del request.session[_session_key(round)]
        return redirect("recruitment:thank_you", slug=round.slug)
    if not valid:
        return _check_page(request, round, form)
    response = idempotency.once(request, lambda: _receive(request, form, round))
    # Sent, so not kept: the next person at a shared computer must not see them.
    del request.session[_session_key(round)]
    return response


def _receive(request, form, round):
    services.receive_application(form, round)
    throttle.record(request)
    return redirect("recruitment:thank_you", slug=round.slug)


def _check_page(request, round, form, status=200):
    return render(
        request,
        "recruitment/check_answers.html",
        {
            "round": round,
            "form": form,
            "sections": _summary(round, form),
            "back": _step_url(round, STEPS[-1]),
        },
        status=status,
    )


def _summary(round, form):
    """(step, its Change link, [(question, answer), ...]) for each step, the answers as the form read them.
    Unanswered equality questions are left out: they are optional, and there are nine."""
    sections = []
    for step in STEPS:
        rows = []
        for name in step.fields:
            field, value = form.fields[name], form.cleaned_data.get(name)
            if name in (form.HONEYPOT, "consent") or (name in EqualityMonitoring.CHARACTERISTICS and not value):
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                value = ", ".join(str(item) for item in value)
            elif isinstance(field, forms.ModelChoiceField):
                value = str(value) if value else ""
            elif isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(value, "")
            rows.append((field.label.removesuffix(" (optional)"), value))
        if step.slug == "equality":
            if not rows:
                rows.append(("Equality questions", "Not answered"))
            elif not form.needs_equality_decision:
                kept = form.cleaned_data.get("consent") or form.cleaned_data.get("keep_equality") == "yes"
                rows.append(("Keep my equality answers", "Yes" if kept else "No"))
        sections.append((step, _step_url(round, step, changing=True), rows))
    return sections


def thank_you(request, slug):
    round = get_published_round(slug)
    return render(request, "recruitment/thank_you.html", {"round": round, "crumbs": _crumbs()})


def download_easy_read(request, slug):
    round = get_published_round(slug)
    return easy_read_response(round.easy_read, round.title)
