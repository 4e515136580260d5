import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from engagement.core.dates import local_today
from engagement.core.forms import submitted
from engagement.core.resources import spreadsheet_safe
from members.models import EngagementGroup

from . import rules, services
from .access import get_interest_for_user, get_register_group_for_user
from .forms import InterestForm
from .models import UPDATE_WITHIN_DAYS, Declaration, Interest
from .register import group_register


def _crumbs(*extra):
    return [("Home", reverse("dashboard")), ("Your profile", reverse("profile")), *extra]


def _mine_crumbs(*extra):
    return _crumbs(("Your interests", reverse("interests:mine")), *extra)


def _declared_by(user):
    """The person's declaration (None before their first) and their interests on the register."""
    return {
        "declaration": Declaration.objects.filter(person=user).first(),
        "interests": list(Interest.objects.in_register(local_today()).filter(declaration__person=user)),
    }


@login_required
def my_interests(request):
    return render(
        request,
        "interests/my_interests.html",
        {**_declared_by(request.user), "update_within_days": UPDATE_WITHIN_DAYS, "crumbs": _crumbs()},
    )


@login_required
def add_interest(request):
    return _interest_form(request, Interest(), "Add an interest")


@login_required
def edit_interest(request, pk):
    return _interest_form(request, get_interest_for_user(request.user, pk), "Change an interest")


def _interest_form(request, interest, title):
    form = InterestForm(submitted(request), instance=interest)
    if form.is_valid():
        services.save_interest(request.user, form.save(commit=False), by=request.user)
        messages.success(request, "Your interest has been saved. Thank you.")
        return redirect("interests:mine")
    return render(
        request,
        "interests/interest_form.html",
        {"form": form, "title": title, "update_within_days": UPDATE_WITHIN_DAYS, "crumbs": _mine_crumbs()},
    )


@login_required
@require_POST
def remove_interest(request, pk):
    services.remove_interest(get_interest_for_user(request.user, pk), by=request.user)
    messages.success(request, "The interest has been removed.")
    return redirect("interests:mine")


@login_required
@require_POST
def declare_nothing(request):
    try:
        services.declare_nothing(request.user, by=request.user)
    except services.NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "You have declared that you have no interests to declare. Thank you.")
    return redirect("interests:mine")


@login_required
def review(request):
    """The yearly review: confirm nothing has changed, or go and update."""
    if request.method == "POST":
        try:
            services.confirm_unchanged(request.user)
        except services.NotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Thank you. You have confirmed that your interests have not changed.")
        return redirect("interests:mine")
    return render(request, "interests/review.html", {**_declared_by(request.user), "crumbs": _mine_crumbs()})


@login_required
def register(request, slug):
    group = get_register_group_for_user(request.user, slug)
    return render(
        request,
        "interests/register.html",
        {
            "group": group,
            "rows": group_register(group, local_today()),
            "published": rules.register_is_public(group),
            "crumbs": [("Home", reverse("dashboard")), (group.name, group.get_absolute_url())],
        },
    )


@login_required
def register_csv(request, slug):
    group = get_register_group_for_user(request.user, slug)
    today = local_today()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-of-interests-{group.slug}-{today:%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Name", "Declared or confirmed on", "Type of interest", "Organisation", "Details", "From", "To"])
    for row in group_register(group, today):
        declared = f"{row.declared_on:%d/%m/%Y}" if row.declared_on else "Not declared"
        if not row.interests:
            writer.writerow(
                [spreadsheet_safe(row.person.full_name), declared, "Nothing to declare" if row.declared_on else ""]
            )
        for interest in row.interests:
            writer.writerow(
                [
                    spreadsheet_safe(row.person.full_name),
                    declared,
                    interest.get_category_display(),
                    spreadsheet_safe(interest.organisation),
                    spreadsheet_safe(interest.description),
                    f"{interest.started_on:%d/%m/%Y}" if interest.started_on else "",
                    f"{interest.ended_on:%d/%m/%Y}" if interest.ended_on else "",
                ]
            )
    return response


def public_register(request, slug):
    group = get_object_or_404(EngagementGroup, slug=slug)
    if not rules.register_is_public(group):
        raise Http404
    return render(
        request,
        "interests/public_register.html",
        {"group": group, "rows": group_register(group, local_today(), public=True)},
    )
