from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin

from engagement.core import confirm
from engagement.core.admin import ManagedListAdmin, SelectOnlyRelatedFields
from engagement.core.confirm import counted
from engagement.core.import_admin import BackgroundImportMixin
from engagement.core.models import Notification

from . import services
from .models import (
    Answer,
    Area,
    CodedTheme,
    Coding,
    EngagementPlan,
    FeedbackSource,
    Invitation,
    PlanAction,
    PlanComment,
    Stakeholder,
    Step,
    Survey,
    SurveyResponse,
    TemplateAction,
)
from .resources import StakeholderResource

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


def _excerpt(text, words=20):
    words_list = text.split()
    return " ".join(words_list[:words]) + ("…" if len(words_list) > words else "")


@admin.register(TemplateAction)
class TemplateActionAdmin(admin.ModelAdmin):
    """The actions every new plan starts with. Changing them changes new plans only."""

    list_display = ["__str__", "step", "time_needed", "position"]
    list_editable = ["position"]
    list_filter = ["step"]
    search_fields = ["description"]


class PlanActionInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = PlanAction
    extra = 0
    fields = [
        "step",
        "description",
        "time_needed",
        "owner",
        "owner_name",
        "starts_on",
        "target_date",
        "status",
        "position",
    ]
    formfield_overrides = SHORT_TEXT


class StakeholderForm(forms.ModelForm):
    steps = forms.TypedMultipleChoiceField(
        label="involved at steps", choices=Step.choices, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Stakeholder
        fields = ["name", "organisation", "category", "email", "phone", "steps"]


class StakeholderInline(admin.TabularInline):
    model = Stakeholder
    form = StakeholderForm
    extra = 0
    verbose_name = "stakeholder (audience analysis)"
    verbose_name_plural = "stakeholders (audience analysis): export them from the Stakeholders list"


class FeedbackSourceInline(admin.TabularInline):
    model = FeedbackSource
    extra = 0
    fields = ["kind", "title", "date", "key_themes"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 40})}}


class PlanCommentInline(admin.TabularInline):
    model = PlanComment
    extra = 0
    fields = ["author", "body", "created", "edited_at", "withdrawn_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EngagementPlan)
class EngagementPlanAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["project", "progress", "overdue", "modified"]
    list_select_related = ["project"]
    search_fields = ["project__title"]
    autocomplete_fields = ["project"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def get_fields(self, request, obj=None):
        return ["project", "summary"] if obj is None else ["project", "summary", "pages"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["project", "pages"]

    def get_inlines(self, request, obj):
        # A new plan is saved first with the template's actions; then staff date and assign them here.
        return [] if obj is None else [PlanActionInline, StakeholderInline, FeedbackSourceInline, PlanCommentInline]

    @admin.display(description="done")
    def progress(self, plan):
        return f"{plan.done_count} of {plan.action_count}"

    @admin.display(description="overdue", ordering="overdue_count")
    def overdue(self, plan):
        return plan.overdue_count

    @admin.display(description="see it")
    def pages(self, plan):
        stakeholders = reverse("admin:planning_stakeholder_changelist") + f"?plan__id__exact={plan.pk}"
        events = reverse("admin:events_event_changelist") + f"?plan__id__exact={plan.pk}"
        return format_html(
            '<a href="{}">The plan as members see it</a><br><a href="{}">Export this plan’s stakeholders</a><br>'
            '<a href="{}">This plan’s workshops and events</a> (<a href="{}">add one</a>)',
            plan.get_absolute_url(),
            stakeholders,
            events,
            reverse("admin:events_event_add") + f"?plan={plan.pk}",
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            obj.add_template_actions()
            self.message_user(
                request,
                "The plan starts with the template’s actions. Give them owners and dates below.",
                messages.SUCCESS,
            )


@admin.register(Stakeholder)
class StakeholderAdmin(SelectOnlyRelatedFields, BackgroundImportMixin, ImportExportModelAdmin):
    resource_classes = [StakeholderResource]
    form = StakeholderForm
    list_display = ["name", "organisation", "category", "email", "phone", "plan", "involved_at"]
    list_filter = ["plan", "category"]
    list_select_related = ["plan__project"]
    search_fields = ["name", "organisation", "email", "plan__project__title"]
    fields = ["plan", *StakeholderForm._meta.fields]

    @admin.display(description="involved at")
    def involved_at(self, stakeholder):
        return ", ".join(stakeholder.step_labels) or "No steps yet"


@admin.register(Area)
class AreaAdmin(ManagedListAdmin):
    list_display = ["name", "description", "position"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 1
    fields = ["name", "email", "organisation", "emailed_at", "used_at", "private_link"]
    readonly_fields = ["emailed_at", "used_at", "private_link"]

    @admin.display(description="private link")
    def private_link(self, invitation):
        if not invitation.pk:
            return "Made when you save"
        return format_html('<a href="{}">Survey link</a>', invitation.get_absolute_url())


class CodedThemeInline(admin.TabularInline):
    model = CodedTheme
    extra = 1
    verbose_name = "theme for tagging answers"
    verbose_name_plural = "themes for tagging answers"


def _email_links(modeladmin, request, invitations):
    waiting = list(services.waiting(invitations).select_related("survey"))
    done_already = invitations.count() - len(waiting)

    def send():
        count = services.email_invitations(invitations)
        return f"Survey links e-mailed to {counted(count, 'person', 'people')}."

    return confirm.confirm_send(
        modeladmin,
        request,
        title=f"E-mail {counted(len(waiting), 'survey link')}?",
        emailed=waiting,
        first=waiting and (lambda: Notification(subject=waiting[0], event="survey-invitation")),
        send=send,
        left_out=[f"{counted(done_already, 'person', 'people')} already e-mailed, or who answered, left out."]
        if done_already
        else [],
        ready=bool(waiting),
    )


@admin.register(Survey)
class SurveyAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["title", "group", "opens_on", "closes_on", "responses", "pages"]
    list_select_related = ["group"]
    search_fields = ["title"]
    readonly_fields = ["pages"]
    fields = ["title", "group", "introduction", "opens_on", "closes_on", "pages"]
    inlines = [InvitationInline, CodedThemeInline]
    actions = ["email_invitations"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_count=Count("responses"))

    @admin.display(description="responses", ordering="response_count")
    def responses(self, survey):
        return survey.response_count

    @admin.display(description="pages")
    def pages(self, survey):
        if not survey.pk:
            return "Links appear once the survey is saved."
        return format_html(
            '<a href="{}">Report</a><br><a href="{}">Enter answers given by telephone</a><br>'
            '<a href="{}">Tag answers</a>',
            survey.get_report_url(),
            reverse("planning:telephone_response", args=[survey.pk]),
            reverse("admin:planning_answer_changelist") + f"?response__survey__id__exact={survey.pk}",
        )

    @admin.action(description="E-mail the private links to everyone invited to the selected surveys")
    def email_invitations(self, request, queryset):
        return _email_links(self, request, Invitation.objects.filter(survey__in=queryset))


@admin.register(Invitation)
class InvitationAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "survey", "emailed_at", "used_at"]
    list_filter = ["survey", ("used_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["survey"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = ["emailed_at", "used_at", "private_link"]
    fields = ["survey", "name", "email", "organisation", *readonly_fields]
    actions = ["email_invitations"]

    @admin.display(description="private link")
    def private_link(self, invitation):
        return invitation.link if invitation.pk else "Made when you save"

    @admin.action(description="E-mail the private link to the selected people")
    def email_invitations(self, request, queryset):
        return _email_links(self, request, queryset)


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    fields = ["area", "working_well", "could_be_better", "tags"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="theme tags")
    def tags(self, answer):
        url = reverse("admin:planning_answer_change", args=[answer.pk])
        return format_html('<a href="{}">Tag this answer</a>', url)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    """Responses arrive through private links, or from staff on the telephone page: here they are read, not written."""

    list_display = ["respondent_name", "organisation", "survey", "channel", "entered_by", "submitted_at"]
    list_filter = ["survey", "channel"]
    list_select_related = ["survey", "entered_by"]
    search_fields = ["respondent_name", "organisation"]
    fields = ["survey", "respondent_name", "organisation", "invitation", "channel", "entered_by", "submitted_at"]
    readonly_fields = fields
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False


class CodingInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = Coding
    extra = 2
    fields = ["theme", "marker"]
    verbose_name = "theme tag"
    verbose_name_plural = "theme tags: a strength for what works well, a weakness for what could be better"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "theme":
            # Only the themes of this answer's survey.
            answer_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = CodedTheme.objects.filter(survey__responses__answers=answer_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """Where staff tag answers with themes for the report."""

    list_display = ["area", "respondent", "well", "better", "tag_count"]
    list_filter = ["response__survey", "area"]
    list_select_related = ["area", "response"]
    search_fields = ["working_well", "could_be_better"]
    fields = ["respondent", "area", "working_well", "could_be_better"]
    readonly_fields = fields
    inlines = [CodingInline]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tag_total=Count("codings"))

    @admin.display(description="from", ordering="response__respondent_name")
    def respondent(self, answer):
        return answer.response.respondent_name

    @admin.display(description="what is working well")
    def well(self, answer):
        return _excerpt(answer.working_well)

    @admin.display(description="what could be better")
    def better(self, answer):
        return _excerpt(answer.could_be_better)

    @admin.display(description="theme tags", ordering="tag_total")
    def tag_count(self, answer):
        return answer.tag_total
