from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from import_export.admin import ImportExportModelAdmin

from engagement.core import changelists, confirm, documents
from engagement.core.admin import ManagedListAdmin, SelectOnlyRelatedFields
from engagement.core.confirm import counted, told
from engagement.core.history_admin import RecordOnlyHistoryAdmin
from engagement.core.import_admin import BackgroundImportMixin
from feedback.themes.forms import DraftNotice

from . import documents as feedback_documents
from . import rules, services
from . import tasks as feedback_tasks
from .models import (
    ChecklistAnswer,
    ChecklistArea,
    Comment,
    CommentRevision,
    Paper,
    Partner,
    Project,
    Question,
    ResponseChase,
    ResponseEntry,
    Theme,
)
from .resources import ProjectResource, ResponseEntryResource

admin.site.register([Partner, Theme], ManagedListAdmin)

# Staff paste links without a scheme; https is what every site they link to uses.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ChecklistArea)
class ChecklistAreaAdmin(ManagedListAdmin):
    list_display = ["name", "question", "position"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ["text", "position"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class PaperInline(admin.TabularInline):
    model = Paper
    extra = 0
    formfield_overrides = HTTPS_LINKS
    fields = ["title", "file", "url", "position"]


class ChecklistAnswerInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = ChecklistAnswer
    verbose_name = "person-centred checklist answer"
    fields = ["area", "answer"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def get_extra(self, request, obj=None, **kwargs):
        # Enough empty rows for every area not yet answered.
        answered = obj.checklist_answers.count() if obj else 0
        return max(ChecklistArea.objects.count() - answered, 0)


def answers_same_project(form, project_id):
    wrong = [comment for comment in form.cleaned_data.get("comments", []) if comment.project_id != project_id]
    if wrong:
        raise ValidationError({"comments": "Link only comments made on this project."})


class ResponseEntryInlineForm(DraftNotice, forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        answers_same_project(self, self.instance.project_id)
        return cleaned


class ResponseEntryInline(SelectOnlyRelatedFields, admin.StackedInline):
    model = ResponseEntry
    form = ResponseEntryInlineForm
    extra = 0
    formfield_overrides = HTTPS_LINKS
    fields = [
        "theme",
        "what_we_heard",
        "how_we_reflected",
        "where_addressed",
        "where_addressed_url",
        "outcome",
        "comments",
        "position",
        "followed_up_on",
        "difference_made",
    ]
    filter_horizontal = ["comments"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "comments":
            # Only this project's comments: a list of every comment ever made would be useless.
            project_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Comment.objects.filter(project_id=project_id).select_related("author")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Project)
class ProjectAdmin(SelectOnlyRelatedFields, BackgroundImportMixin, ImportExportModelAdmin):
    resource_classes = [ProjectResource]
    list_display = [
        "title",
        "partner",
        "status",
        "closes_on",
        "comment_count",
        "response_published_at",
        "publish_publicly",
    ]
    list_filter = ["status", "partner", "groups", "themes", "publish_publicly"]
    list_select_related = ["partner"]
    search_fields = ["title", "summary", "lead_name", "lead_email"]
    filter_horizontal = ["groups", "themes"]
    readonly_fields = ["status", "opened_at", "closed_at", "response_published_at", "public_page"]
    fieldsets = [
        (None, {"fields": ["title", "partner", "groups", "summary", "easy_read", "themes"]}),
        ("Project lead", {"fields": ["lead_name", "lead_role", "lead_email"]}),
        (
            "Comments and response",
            {
                "description": "Use the actions on the project list to open a project for comments, close it early, "
                "or publish its response. Comments close by themselves at the end of the closing date. "
                "For views gathered at a meeting, a workshop or on paper, choose how below, add the response "
                "entries, then publish: comments never open online and no one is e-mailed.",
                "fields": [
                    "status",
                    "gathered",
                    "gathered_on",
                    "closes_on",
                    "opened_at",
                    "closed_at",
                    "response_published_at",
                    "publish_publicly",
                    "public_page",
                    "response_easy_read",
                ],
            },
        ),
    ]
    inlines = [QuestionInline, PaperInline, ChecklistAnswerInline, ResponseEntryInline]
    actions = ["open_for_comments", "close_comments", "publish_response", "download_reports"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(comment_total=Count("comments", filter=Q(comments__withdrawn_at=None)))
        )

    @admin.display(description="public page")
    def public_page(self, project):
        """The address partners can link to from their own websites."""
        if project.status != Project.Status.PUBLISHED or not project.publish_publicly:
            return "Appears once the response is published with the box above ticked."
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a>',
            (
                (reverse("feedback:public_response", args=[group.slug, project.pk]), group.name)
                for group in project.groups.all()
            ),
        )

    @admin.display(description="comments", ordering="comment_total")
    def comment_count(self, project):
        # Links to the project's comments: the comment list has no filter listing every project.
        url = reverse("admin:feedback_comment_changelist")
        return format_html('<a href="{}?project__id__exact={}">{}</a>', url, project.pk, project.comment_total)

    def _step(self, request, queryset, step):
        """Take the step on each project; return how many succeeded."""
        succeeded = 0
        # Each project's step is its own (a refused one leaves the others done); an unexpected
        # failure undoes them all, so staff never face a half-done selection.
        with transaction.atomic():
            for project in queryset:
                try:
                    step(project)
                except services.NotAllowed as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    succeeded += 1
        return succeeded

    @admin.action(
        description="Download 'You said, we did' reports of the selected projects (PDF)", permissions=["view"]
    )
    def download_reports(self, request, queryset):
        return documents.download(
            request,
            [
                (
                    f"you-said-we-did-{project.pk}.pdf",
                    feedback_documents.project_report(project),
                    lambda project=project: services.build_report(request.user, project=project),
                )
                for project in queryset
            ],
            "you-said-we-did-reports.zip",
        )

    @admin.action(description="Open the selected projects for comments (e-mails the groups' members)")
    def open_for_comments(self, request, queryset):
        problems = {project: project.problems_opening() for project in queryset}
        openable = [project for project, found in problems.items() if not found]
        emailed, offline, first = confirm.audience(((p, p.members()) for p in openable), "project-opened")

        def send():
            opened = self._step(request, openable, services.open_for_comments)
            if opened:
                return f"Comments opened on {counted(opened, 'project')}; {told(len(emailed), offline, 'member')}."

        return confirm.confirm_send(
            self,
            request,
            title=f"Open {counted(len(openable), 'project')} for comments?",
            emailed=emailed,
            offline=offline,
            first=first,
            send=send,
            left_out=[f"“{p}” cannot open: {'; '.join(found)}." for p, found in problems.items() if found],
            ready=bool(openable),
        )

    @admin.action(description="Close comments on the selected projects now")
    def close_comments(self, request, queryset):
        closed = self._step(request, queryset, services.close_comments)
        if closed:
            self.message_user(request, f"Comments closed on {counted(closed, 'project')}.", messages.SUCCESS)

    @admin.action(description="Publish the response for the selected projects (e-mails the commenters it answers)")
    def publish_response(self, request, queryset):
        problems = {project: project.problems_publishing() for project in queryset}
        ready = [project for project, found in problems.items() if not found]
        emailed, offline, first = confirm.audience(
            ((p, feedback_tasks.commenters_answered(p)) for p in ready), "response-published"
        )

        def send():
            published = self._step(request, ready, services.publish_response)
            if published:
                who = told(len(emailed), offline, "commenter")
                return f"The response to {counted(published, 'project')} is published; {who}."

        return confirm.confirm_send(
            self,
            request,
            title=f"Publish the response to {counted(len(ready), 'project')}?",
            emailed=emailed,
            offline=offline,
            first=first,
            send=send,
            left_out=[
                f"The response to “{p}” cannot be published: {'; '.join(found)}."
                for p, found in problems.items()
                if found
            ],
            ready=bool(ready),
        )


class HiddenFilter(admin.SimpleListFilter):
    title = "hidden"
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return [("yes", "Hidden"), ("no", "Not hidden")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(hidden_at__isnull=self.value() == "no")
        return queryset


class WithdrawnFilter(HiddenFilter):
    title = "withdrawn"
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("yes", "Withdrawn"), ("no", "Not withdrawn")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(withdrawn_at__isnull=self.value() == "no")
        return queryset


class CommentRevisionInline(admin.TabularInline):
    model = CommentRevision
    verbose_name = "earlier version"
    fields = ["created", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MeetingCommentForm(forms.ModelForm):
    """Staff record, on a member's behalf, a comment they made at a meeting."""

    class Meta:
        model = Comment
        fields = ["project", "question", "author", "body", "areas", "said_at_meeting_on"]
        labels = {"author": "Member who said it"}
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["said_at_meeting_on"].required = True

    def clean(self):
        cleaned = super().clean()
        project, author = cleaned.get("project"), cleaned.get("author")
        if project and author and not rules.takes_part_in(author, project):
            self.add_error("author", "This person is not a member of any of the project's groups.")
        return cleaned


class ModerationForm(forms.ModelForm):
    hide = forms.BooleanField(
        label="Hide from members", required=False, help_text="The comment is kept and staff still see it."
    )

    class Meta:
        model = Comment
        fields = ["hidden_reason"]
        labels = {"hidden_reason": "Why it is hidden"}
        help_texts = {"hidden_reason": "The author is e-mailed this reason."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hide"].initial = self.instance.is_hidden

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hide") and not cleaned.get("hidden_reason", "").strip():
            self.add_error("hidden_reason", "Give a reason: the author is told it.")
        return cleaned


@admin.register(Comment)
class CommentAdmin(SelectOnlyRelatedFields, RecordOnlyHistoryAdmin):
    list_display = ["__str__", "project", "author", "created", "said_at_meeting_on", "is_hidden", "is_withdrawn"]
    # No sidebar list of every project or every author: with a thousand projects and two
    # thousand members those filters were most of the page. Search finds a project's
    # title or an author's name; the project list links each project's comments
    # (?project__id__exact=), and ?author__id__exact= still works.
    list_filter = [
        "project__status",
        ("project__groups", changelists.RelatedByName),
        ("areas", changelists.RelatedByName),
        HiddenFilter,
        WithdrawnFilter,
    ]
    list_select_related = ["project", "author"]
    # What the rows show (engagement/core/changelists.py): not each project's summary, nor authors' addresses.
    list_columns = [
        "body",
        "created",
        "said_at_meeting_on",
        "hidden_at",
        "withdrawn_at",
        "project__title",
        "author__full_name",
        "author__email",
    ]
    search_fields = ["body", "author__full_name", "author__email", "project__title"]
    autocomplete_fields = ["project", "author"]
    # With tens of thousands of comments, a date drill-down and a full count on every
    # filtered page cost more than they help; filter by project or group instead.
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE
    action_checkbox = changelists.action_checkbox
    action_form = changelists.ActionForm

    def get_changelist(self, request, **kwargs):
        return changelists.QuickChangeList

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = ModerationForm if obj else MeetingCommentForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    "Record a comment made at a meeting",
                    {
                        "description": "Members add their own comments on the website. Use this to record, on a "
                        "member's behalf, something they said at a meeting.",
                        "fields": MeetingCommentForm._meta.fields,
                    },
                )
            ]
        return [
            (
                None,
                {"fields": ["project", "question", "parent", "author", "body", "areas_list", "created", "edited_at"]},
            ),
            ("Recorded at a meeting", {"fields": ["said_at_meeting_on", "recorded_by"]}),
            ("Moderation", {"fields": ["withdrawn_at", "hide", "hidden_reason", "hidden_at", "hidden_by"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "project",
            "question",
            "parent",
            "author",
            "body",
            "areas_list",
            "created",
            "edited_at",
            "said_at_meeting_on",
            "recorded_by",
            "withdrawn_at",
            "hidden_at",
            "hidden_by",
        ]

    def get_inlines(self, request, obj):
        return [CommentRevisionInline] if obj else []

    @admin.display(description="person-centred areas")
    def areas_list(self, comment):
        return ", ".join(area.name for area in comment.areas.all()) or "None"

    @admin.display(description="hidden")
    def is_hidden(self, comment):
        return changelists.boolean_icon(comment.hidden_at is not None)

    @admin.display(description="withdrawn")
    def is_withdrawn(self, comment):
        return changelists.boolean_icon(comment.withdrawn_at is not None)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
            super().save_model(request, obj, form, change)
            return
        hide = form.cleaned_data["hide"]
        if hide and not obj.is_hidden:
            services.hide_comment(obj, request.user, form.cleaned_data["hidden_reason"])
            self.message_user(
                request, "The comment is hidden. Its author will be e-mailed the reason.", messages.SUCCESS
            )
        elif not hide and obj.is_hidden:
            obj.unhide()
        else:
            super().save_model(request, obj, form, change)


class ResponseEntryForm(DraftNotice, forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("project"):
            answers_same_project(self, cleaned["project"].pk)
        return cleaned


@admin.register(ResponseEntry)
class ResponseEntryAdmin(
    changelists.AnnotatedOnce,
    SelectOnlyRelatedFields,
    RecordOnlyHistoryAdmin,
    BackgroundImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = [ResponseEntryResource]
    form = ResponseEntryForm
    formfield_overrides = HTTPS_LINKS
    list_display = ["__str__", "project", "theme", "outcome", "answers"]
    # No sidebar list of every project (a thousand of them): search finds a project's
    # title, and ?project__id__exact= still works.
    list_filter = [
        "outcome",
        ("theme", changelists.RelatedByName),
        "project__status",
        ("project__groups", changelists.RelatedByName),
    ]
    list_select_related = ["project", "theme"]
    list_columns = ["what_we_heard", "outcome", "project__title", "theme__name"]
    search_fields = ["what_we_heard", "how_we_reflected", "where_addressed", "project__title"]
    autocomplete_fields = ["project", "comments"]
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE
    action_checkbox = changelists.action_checkbox
    action_form = changelists.ActionForm

    def get_changelist(self, request, **kwargs):
        return changelists.QuickChangeList

    def get_ordering(self, request):
        # One project's entries in the order its response shows them (by theme). Across every
        # project, newest first: ordering them all by theme joins and sorts the whole table
        # for each page (7 ms for 5,000 entries), where the newest 50 come straight off the index.
        if "project__id__exact" in request.GET:
            return super().get_ordering(request)
        return ["-pk"]

    def annotate_list(self, entries):
        # A subquery, not a join and GROUP BY: counted for the 50 rows shown, and the
        # page's row count stays a plain COUNT(*).
        answered = (
            ResponseEntry.comments.through.objects.filter(responseentry=OuterRef("pk"))
            .order_by()
            .values("responseentry")
            .annotate(count=Count("*"))
            .values("count")
        )
        return entries.annotate(answer_count=Coalesce(Subquery(answered), 0))

    @admin.display(description="comments answered", ordering="answer_count")
    def answers(self, entry):
        return entry.answer_count


@admin.register(ResponseChase)
class ResponseChaseAdmin(admin.ModelAdmin):
    """The reminders project leads have been sent to write their response."""

    list_display = ["event", "project", "email", "sent_at"]
    list_filter = ["event"]
    list_select_related = ["project"]
    search_fields = ["project__title", "email"]
    readonly_fields = ["project", "event", "email", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
