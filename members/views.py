from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Exists, OuterRef, Value
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from engagement.core import backends, channels
from engagement.core.dates import local_today
from engagement.core.forms import submitted
from engagement.core.prepared import PreparedQuery, instance
from engagement.core.uploads import file_response
from feedback.events.models import Event

from . import invitations, privacy, services, twostep
from .access import get_group_for_user
from .forms import EqualityMonitoringForm, PasswordChangeForm, ProfileForm, TextMessagesForm, TwoFactorForm
from .models import AccessNeed, EngagementGroup, EqualityMonitoring, LivedExperienceArea, Membership, User
from .onboarding.checklist import person_facts, role_needs_dbs


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(
        request,
        "home.html",
        {
            "public_groups": EngagementGroup.objects.public().only("name", "slug"),
            "open_events": Event.objects.open_for_sign_up().only("title", "start"),
        },
    )


@login_required
def dashboard(request):
    memberships = _memberships(DASHBOARD_MEMBERSHIPS.rows(None, user_id=request.user.pk))
    return render(request, "members/dashboard.html", {"memberships": memberships})


# The person's memberships with their groups' names and slugs. Ordered here: Membership's default order
# also sorts by the member's own name, a join for nothing. Built once per process (engagement.core.prepared).
MEMBERSHIP_COLUMNS = (
    "id",
    "user_id",
    "group_id",
    "role",
    "status",
    "term_start",
    "term_end",
    "group__id",
    "group__name",
    "group__slug",
)
DASHBOARD_MEMBERSHIPS = PreparedQuery(
    lambda shape, user_id: (
        Membership.objects.with_access().filter(user=user_id).order_by("group__name").values(*MEMBERSHIP_COLUMNS)
    )
)
PROFILE_MEMBERSHIPS = PreparedQuery(
    lambda shape, user_id: (
        Membership.objects.filter(user=user_id)
        .order_by("group__name")
        .values(*MEMBERSHIP_COLUMNS, needs_dbs=role_needs_dbs())
    )
)


def _memberships(rows):
    """Memberships with their groups, as the ORM would make them from these rows (the fields not read
    are deferred), for the pages and template tags that read a person's memberships."""
    memberships = []
    for row in rows:
        membership = instance(Membership, row)
        membership.group = instance(EngagementGroup, row, "group__")
        if "needs_dbs" in row:
            membership.needs_dbs = row["needs_dbs"]
        memberships.append(membership)
    return memberships


@login_required
def group_detail(request, slug):
    group = get_group_for_user(request.user, slug)
    leaders = (
        group.memberships.with_access()
        .filter(role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR])
        .select_related("user")
        .order_by("role")
    )
    my_membership = group.memberships.filter(user=request.user).first()
    return render(
        request,
        "members/group_detail.html",
        {
            "group": group,
            "leaders": leaders,
            "member_count": group.memberships.active().count(),
            "my_membership": my_membership,
            "crumbs": [("Home", reverse("dashboard"))],
        },
    )


@login_required
def terms_of_reference(request, slug):
    """The group's terms of reference document, for anyone who may open the group's page."""
    group = get_group_for_user(request.user, slug)
    if not group.terms_of_reference:
        raise Http404("This group has no terms of reference document.")
    return file_response(group.terms_of_reference, f"{group.slug}-terms-of-reference")


@login_required
def profile(request):
    person = request.user
    names = LISTED_FOR_PERSON.rows(None, user_id=person.pk)
    return render(
        request,
        "members/profile.html",
        {
            "person": person,
            "facts": PROFILE_FACTS.rows(None, user_id=person.pk, today=local_today())[0],
            "lived_experience": [row for row in names if row["list"] == LIVED_EXPERIENCE],
            "access_needs": [row for row in names if row["list"] == ACCESS_NEEDS],
            "memberships": _memberships(PROFILE_MEMBERSHIPS.rows(None, user_id=person.pk)),
            "crumbs": [("Home", reverse("dashboard"))],
        },
    )


# Built once per process (engagement.core.prepared). Every single fact the profile shows beyond the signed-in
# person's own columns (their area, whether they answered equality monitoring, their onboarding checklist's),
# so the page runs the same queries whatever they hold.
PROFILE_FACTS = PreparedQuery(
    lambda shape, user_id, today: User.objects.filter(pk=user_id).values(
        "pk",
        "locality__name",
        has_equality_answers=Exists(EqualityMonitoring.objects.filter(user=OuterRef("pk"))),
        **person_facts(today),
    )
)
# The names of the person's lived experience areas and access needs, in one query. Each list in its own
# order (ManagedListItem's), given to the whole: the parts of a union may not be ordered.
LIVED_EXPERIENCE, ACCESS_NEEDS = 1, 2
LISTED_FOR_PERSON = PreparedQuery(
    lambda shape, user_id: (
        LivedExperienceArea.objects.filter(people=user_id)
        .order_by()
        .values("name", "position", list=Value(LIVED_EXPERIENCE))
        .union(
            AccessNeed.objects.filter(people=user_id).order_by().values("name", "position", list=Value(ACCESS_NEEDS)),
            all=True,
        )
        .order_by("list", "position", "name")
    )
)


@login_required
def edit_profile(request):
    form = ProfileForm(submitted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile has been updated.")
        return redirect("profile")
    return render(request, "members/profile_form.html", {"form": form, "crumbs": _profile_crumbs()})


@login_required
def equality_monitoring(request):
    instance = EqualityMonitoring.objects.filter(user=request.user).first() or EqualityMonitoring(user=request.user)
    form = EqualityMonitoringForm(submitted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Thank you. Your equality monitoring answers have been saved.")
        return redirect("profile")
    return render(
        request,
        "members/equality_form.html",
        {"form": form, "has_answers": bool(instance.pk), "crumbs": _profile_crumbs()},
    )


@login_required
@require_POST
def delete_equality_monitoring(request):
    EqualityMonitoring.objects.filter(user=request.user).delete()
    messages.success(request, "Your equality monitoring answers have been deleted.")
    return redirect("profile")


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Django's view: it asks for the current password and keeps the person signed in afterwards."""

    form_class = PasswordChangeForm
    template_name = "members/password_change.html"
    success_url = reverse_lazy("profile")
    success_message = "Your password has been changed."
    extra_context = {"crumbs": [("Home", reverse_lazy("dashboard")), ("Your profile", reverse_lazy("profile"))]}


def _profile_crumbs():
    return [("Home", reverse("dashboard")), ("Your profile", reverse("profile"))]


# Never cached: the link signs in whoever holds it, and the page names the person.
@never_cache
def accept_invitation(request, token):
    user = invitations.user_for_token(token)
    if user is None:
        return render(request, "members/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, submitted(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend=backends.PATH)
        messages.success(request, f"Welcome, {user.display_name}. Your password is set and you are signed in.")
        return redirect("dashboard")
    return render(request, "members/invitation_accept.html", {"form": form, "invited": user})


@staff_member_required(login_url="login")
def two_factor(request):
    """Staff ask for a set-up link for two-step sign-in, e-mailed to their own address."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return render(request, "members/two_factor_on.html", {"crumbs": _profile_crumbs()})
    if request.method == "POST":
        services.send_two_step_link(request.user)
        messages.success(request, f"We have sent a set-up link to {request.user.email}. It works for 24 hours.")
        return redirect("two_factor")
    return render(request, "members/two_factor_start.html", {"crumbs": _profile_crumbs()})


@never_cache  # the page shows the authenticator's secret
@staff_member_required(login_url="login")
def two_factor_set_up(request, token):
    """The e-mailed link: only it opens the authenticator set-up (see members.twostep)."""
    if not twostep.link_is_valid(request.user, token):
        return render(request, "members/two_factor_link_invalid.html", {"crumbs": _profile_crumbs()}, status=400)
    # Not get_or_create: two quick first visits (a double click, two tabs) can each make a
    # device, and get_or_create would then fail on every later visit.
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
        user=request.user, confirmed=False, name="Authenticator app"
    )
    form = TwoFactorForm(device, submitted(request))
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # The session that enrolled is not marked verified: staff pages open after
        # the next sign-in with a code, like every other session.
        messages.success(
            request, "Two-step sign-in is on. Sign in to the staff admin with your password and a code from your app."
        )
        return redirect("two_factor")
    return render(
        request,
        "members/two_factor_setup.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": b32encode(device.bin_key).decode(),
            "crumbs": _profile_crumbs(),
        },
    )


@login_required
def my_data(request):
    if request.method == "POST":
        response = HttpResponse(privacy.export_zip(request.user), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y-%m-%d}.zip"'
        return response
    return render(request, "members/my_data.html", {"crumbs": _profile_crumbs()})


@login_required
def text_messages(request):
    form = TextMessagesForm(submitted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        if channels.by_text_message(form.instance):
            messages.success(request, "We will text you meeting reminders.")
        else:
            messages.success(request, "Your text message settings have been saved.")
        return redirect("profile")
    return render(
        request,
        "members/text_messages.html",
        {
            "form": form,
            "texts_sent": channels.sending_texts(),
            "crumbs": _profile_crumbs(),
        },
    )
