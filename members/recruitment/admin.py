from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from engagement.core import confirm
from engagement.core.admin import ManagedListAdmin, SelectOnlyRelatedFields
from engagement.core.confirm import counted
from engagement.core.models import Notification
from members.models import User

from . import balance, rules, services
from .forms import ApplicationAdminForm
from .models import (
    Application,
    ApplicationEvent,
    BalanceTarget,
    InterviewPanelMember,
    OutcomeEmail,
    RecruitmentChannel,
    RetentionRecord,
    Round,
    Score,
    SelectionCriterion,
)

admin.site.register(RecruitmentChannel, ManagedListAdmin)


class SelectionCriterionInline(admin.TabularInline):
    model = SelectionCriterion
    extra = 0
    fields = ["position", "title", "description"]


class BalanceTargetInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = BalanceTarget
    extra = 0
    fields = ["locality", "lived_experience", "minimum"]
    verbose_name = "balance target (a locality or a lived-experience area)"


class InterviewPanelInline(admin.TabularInline):
    model = InterviewPanelMember
    extra = 0
    fields = ["name", "organisation", "job_title"]


@admin.register(Round)
class RoundAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["title", "group", "role", "opens_on", "closes_on", "is_published", "applications", "balance"]
    list_filter = ["group", "role", "is_published"]
    list_select_related = ["group"]
    search_fields = ["title", "group__name"]
    prepopulated_fields = {"slug": ["title"]}
    change_form_template = "admin/recruitment/round/change_form.html"
    fieldsets = [
        (None, {"fields": ["group", "title", "slug", "role", "is_published"]}),
        ("Dates", {"fields": ["opens_on", "closes_on", "next_round_expected"]}),
        (
            "The public page",
            {"fields": ["summary", "about_group", "what_members_do", "expenses", "other_formats", "easy_read"]},
        ),
        ("Appointment", {"fields": ["term_years", "annual_remuneration", "not_appointed_message"]}),
    ]

    def get_inlines(self, request, obj):
        # The interview panel of partners is recorded for chair rounds (save the round as a chair round first).
        if obj and obj.is_for_chair:
            return [SelectionCriterionInline, BalanceTargetInline, InterviewPanelInline]
        return [SelectionCriterionInline, BalanceTargetInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(application_count=Count("applications"))

    @admin.display(description="applications", ordering="application_count")
    def applications(self, obj):
        url = reverse("admin:recruitment_application_changelist") + f"?round__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.application_count)

    @admin.display(description="balance")
    def balance(self, obj):
        return format_html('<a href="{}">Balance</a>', reverse("admin:recruitment_round_balance", args=[obj.pk]))

    def get_urls(self):
        return [
            path(
                "<int:object_id>/balance/",
                self.admin_site.admin_view(self.balance_view),
                name="recruitment_round_balance",
            ),
            *super().get_urls(),
        ]

    def balance_view(self, request, object_id):
        if not rules.can_view_balance(request.user):
            raise PermissionDenied
        round = get_object_or_404(Round.objects.select_related("group"), pk=object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Balance: {round}",
            "opts": self.model._meta,
            "original": round,
            "round": round,
            "balance": balance.round_balance(round, with_equality=rules.can_see_characteristics(request.user)),
        }
        return TemplateResponse(request, "admin/recruitment/round/balance.html", context)


class ScoreInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = Score
    extra = 1
    fields = ["criterion", "panel_member", "score", "note"]
    autocomplete_fields = ["panel_member"]
    verbose_name = "panel score"

    def get_formset(self, request, obj=None, **kwargs):
        # Remembered for formfield_for_foreignkey: only this round's criteria can be scored.
        self.application = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "criterion":
            round_id = self.application.round_id if self.application else None
            kwargs["queryset"] = SelectionCriterion.objects.filter(round_id=round_id)
        if db_field.name == "panel_member":
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion", "panel_member")


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(Application)
class ApplicationAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    """Applications per round, their status workflow, the panel's scores and the history of every change.

    Equality answers are never shown here: only totals, on the round's balance page.
    """

    form = ApplicationAdminForm
    list_display = ["full_name", "round", "locality", "status", "interview_at", "average_score", "submitted"]
    list_filter = ["round", "status", "locality", "lived_experience", "heard_via", "round__group"]
    list_select_related = ["round", "locality"]
    search_fields = ["full_name", "email", "postcode"]
    filter_horizontal = ["lived_experience", "access_needs"]
    readonly_fields = ["appointed_user", "submitted", "confirmation_sent_at"]
    inlines = [ScoreInline, ApplicationEventInline]
    actions = ["shortlist", "email_not_appointed"]
    change_form_template = "admin/recruitment/application/change_form.html"
    fieldsets = [
        ("Status", {"fields": ["status", "interview_at", "outcome_reason", "note", "appointed_user"]}),
        ("Applicant", {"fields": ["round", "full_name", "email", "phone", "address", "postcode", "locality"]}),
        (
            "Their answers",
            {
                "fields": [
                    "lived_experience",
                    "why_interested",
                    "access_needs",
                    "access_needs_other",
                    "heard_via",
                    "heard_via_other",
                    "submitted",
                    "confirmation_sent_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(average=Avg("scores__score"))

    @admin.display(description="average score (0–4)", ordering="average")
    def average_score(self, obj):
        return "–" if obj.average is None else f"{obj.average:.1f}"

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.status == Application.Status.APPOINTED:
            return [*self.readonly_fields, "status", "interview_at", "outcome_reason", "round"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        previous = getattr(obj, "_saved_status", "") if change else ""
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("note", "")
        if obj.status != previous or note:
            obj.record_event(previous, request.user, note)
            obj._saved_status = obj.status

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_appoint"] = bool(obj) and rules.can_appoint(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description="Shortlist the selected applications", permissions=["change"])
    def shortlist(self, request, queryset):
        received = list(queryset.filter(status=Application.Status.RECEIVED))
        for application in received:
            application.move_to(Application.Status.SHORTLISTED, request.user, note="Shortlisted from the list.")
        self.message_user(
            request,
            f"{len(received)} shortlisted. Only applications marked “received” can be shortlisted this way.",
            messages.SUCCESS,
        )

    @admin.action(description="E-mail the not-appointed applicants", permissions=["change"])
    def email_not_appointed(self, request, queryset):
        if not rules.can_email_applicants(request.user):
            raise PermissionDenied
        untold = list(services.not_appointed_untold(queryset))
        left_out = queryset.count() - len(untold)

        def first():
            # The preview's transaction is undone, so this row is not kept.
            application = untold[0]
            outcome, _ = OutcomeEmail.objects.get_or_create(
                round_id=application.round_id,
                email=User.objects.normalize_email(application.email),
                defaults={"application": application},
            )
            return Notification(subject=outcome, event="not-appointed")

        def send():
            queued = services.email_not_appointed(queryset)
            return f"The “not appointed” message e-mailed to {counted(queued, 'applicant')}."

        return confirm.confirm_send(
            self,
            request,
            title=f"E-mail {counted(len(untold), 'applicant')} that they were not appointed?",
            emailed=untold,
            first=untold and first,
            send=send,
            left_out=[
                f"{counted(left_out, 'application')} not marked “not appointed”, or already sent this message, left out."
            ]
            if left_out
            else [],
            ready=bool(untold),
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/appoint/",
                self.admin_site.admin_view(self.appoint_view),
                name="recruitment_application_appoint",
            ),
            *super().get_urls(),
        ]

    def appoint_view(self, request, object_id):
        if not rules.can_appoint(request.user):
            raise PermissionDenied
        application = get_object_or_404(Application.objects.select_related("round__group"), pk=object_id)
        change_url = reverse("admin:recruitment_application_change", args=[application.pk])
        if request.method == "POST":
            try:
                membership = services.appoint(application.pk, request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return redirect(change_url)
            self.message_user(
                request,
                f"{membership.user} is now {membership.get_role_display().lower()} of {membership.group}. "
                f"An invitation e-mail will be sent to {membership.user.email}.",
                messages.SUCCESS,
            )
            if application.round.is_for_chair:
                self.message_user(
                    request,
                    "A draft chair's contract has been made for the Contracts team to check. "
                    "If someone else is chair, change their role."
                    if services.contracts_installed()
                    else "If someone else is chair, change their role.",
                    messages.WARNING,
                )
            return redirect(change_url)
        today = timezone.localdate()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Appoint {application.full_name}",
            "opts": self.model._meta,
            "original": application,
            "application": application,
            "problem": application.appointment_problem or services.account_problem(application, request.user),
            "existing": User.objects.filter(email=User.objects.normalize_email(application.email)).first(),
            "term_start": today,
            "term_end": services.term_end(today, application.round.term_years),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/recruitment/application/appoint.html", context)


@admin.register(RetentionRecord)
class RetentionRecordAdmin(admin.ModelAdmin):
    """Evidence that old applications were deleted on time. Made by the daily task; no one edits it."""

    list_display = ["round_title", "deleted", "ran_at"]
    readonly_fields = ["round", "round_title", "deleted", "ran_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
