from django.contrib import admin, messages
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from engagement.core import documents
from engagement.core.forms import submitted
from engagement.core.history_admin import RecordOnlyHistoryAdmin

from . import documents as meeting_documents
from . import services
from .forms import GenerateMeetingsForm
from .models import Action, AgendaItem, Attendee, Meeting, Paper, Reply, Venue


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "step_free", "hearing_loop", "accessible_toilet"]
    search_fields = ["name", "address"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = [("position", "title"), ("purpose", "presenter", "minutes_allotted"), "project", "outcome", "minutes"]
    autocomplete_fields = ["project"]
    show_change_link = True


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0
    fields = ["user", "response", "note", "channel", "responded_at"]
    readonly_fields = ["responded_at"]
    autocomplete_fields = ["user"]


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    fields = ["user", "guest_name", "organisation", "kind", "declaration_of_interest"]
    autocomplete_fields = ["user"]


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["description", "owner", "due", "status", "item"]
    autocomplete_fields = ["owner"]


@admin.register(Meeting)
class MeetingAdmin(RecordOnlyHistoryAdmin):
    list_display = ["title", "group", "start", "status", "minutes_status", "venue"]
    list_filter = ["group", "status", "kind", "minutes_status"]
    list_select_related = ["group", "venue"]
    search_fields = ["title", "group__name"]
    date_hierarchy = "start"
    autocomplete_fields = ["venue"]
    inlines = [AgendaItemInline, ReplyInline, AttendeeInline, ActionInline]
    actions = ["issue_papers", "mark_held", "approve_minutes", "cancel_meetings", "export_packs", "export_minutes"]
    fieldsets = [
        (
            None,
            {
                "fields": ["group", "title", "kind", "status"],
                "description": "To issue papers, mark a meeting as held or cancel it, use the actions on the list "
                "of meetings, so that members are told.",
            },
        ),
        ("When", {"fields": ["start", "end", "papers_deadline"]}),
        ("Where", {"fields": ["venue", "online_link", "online_instructions"]}),
        ("Minutes", {"fields": ["minutes_status", "minutes_approved_on"]}),
    ]
    change_list_template = "admin/meetings/meeting/change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Status changes go through the list actions, which tell members and update calendars
    # (services.cancel(), issue_papers()); editing the field here would skip both.
    readonly_fields = ["status"]

    def get_urls(self):
        return [
            path("generate/", self.admin_site.admin_view(self.generate_view), name="meetings_meeting_generate"),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        moved = change and {"start", "end"} & set(form.changed_data)
        if moved:
            # Save everything else, then move through the model so people already told hear about it.
            start, end = obj.start, obj.end
            original = Meeting.objects.get(pk=obj.pk)
            obj.start, obj.end = original.start, original.end
            super().save_model(request, obj, form, change)
            services.move(obj, start, end)
            self.message_user(request, "Everyone already invited will be told the new time.", messages.INFO)
        else:
            super().save_model(request, obj, form, change)
            if not change:
                services.arrange([obj])

    @admin.action(description="Issue papers and tell members", permissions=["change"])
    def issue_papers(self, request, queryset):
        meetings = list(queryset.exclude(status=Meeting.Status.CANCELLED))
        with transaction.atomic():
            for meeting in meetings:
                services.issue_papers(meeting)
        self.message_user(
            request, f"Papers issued for {len(meetings)} meeting(s). Members will be e-mailed.", messages.SUCCESS
        )

    @admin.action(description="Mark as held", permissions=["change"])
    def mark_held(self, request, queryset):
        count = queryset.exclude(status=Meeting.Status.CANCELLED).update(status=Meeting.Status.HELD)
        self.message_user(request, f"{count} meeting(s) marked as held.", messages.SUCCESS)

    @admin.action(description="Approve minutes (members can then read them)", permissions=["change"])
    def approve_minutes(self, request, queryset):
        # Only drafts: minutes not yet written cannot be approved, and approved ones keep their date.
        drafts = list(
            queryset.exclude(status=Meeting.Status.CANCELLED).filter(minutes_status=Meeting.MinutesStatus.DRAFT)
        )
        for meeting in drafts:
            meeting.minutes_status = Meeting.MinutesStatus.APPROVED
            meeting.minutes_approved_on = timezone.localdate()
            # One save each, not update(), so the history records who approved them.
            meeting.save(update_fields=["minutes_status", "minutes_approved_on", "modified"])
        skipped = queryset.count() - len(drafts)
        self.message_user(request, f"Minutes approved for {len(drafts)} meeting(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} meeting(s) skipped: only draft minutes of meetings that were not cancelled can be approved.",
                messages.WARNING,
            )

    @admin.action(description="Cancel meetings and tell members", permissions=["change"])
    def cancel_meetings(self, request, queryset):
        meetings = list(queryset.exclude(status=Meeting.Status.CANCELLED))
        with transaction.atomic():
            for meeting in meetings:
                services.cancel(meeting)
        self.message_user(
            request, f"{len(meetings)} meeting(s) cancelled. Everyone already invited will be told.", messages.SUCCESS
        )

    @admin.action(description="Download meeting packs (PDF)", permissions=["view"])
    def export_packs(self, request, queryset):
        return self._download(request, queryset.select_related("group", "venue"), "pack", "meeting-pack")

    @admin.action(description="Download minutes (PDF; drafts are marked DRAFT)", permissions=["view"])
    def export_minutes(self, request, queryset):
        meetings = queryset.exclude(minutes_status=Meeting.MinutesStatus.NONE).select_related("group", "venue")
        if not meetings:
            self.message_user(request, "None of the selected meetings has minutes yet.", messages.WARNING)
            return None
        return self._download(request, meetings, "minutes", "minutes")

    @staticmethod
    def _download(request, meetings, kind, prefix):
        build = meeting_documents.meeting_pack if kind == "pack" else meeting_documents.minutes
        return documents.download(
            request,
            [
                (
                    f"{prefix}-{m.group.slug}-{timezone.localdate(m.start):%Y-%m-%d}.pdf",
                    build(m),
                    lambda m=m: services.build_document(m, kind, request.user),
                )
                for m in meetings
            ],
            f"{prefix}s.zip",
        )

    def generate_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = GenerateMeetingsForm(submitted(request))
        preview = None
        if request.method == "POST" and form.is_valid():
            if "confirm" in request.POST:
                with transaction.atomic():
                    created = form.create_meetings()
                    services.arrange(created)
                self.message_user(
                    request, f"{len(created)} meetings created. Invitations will be sent.", messages.SUCCESS
                )
                return redirect(reverse("admin:meetings_meeting_changelist"))
            preview = form.cleaned_data["occurrences"]
        context = {
            **self.admin_site.each_context(request),
            "title": "Generate a series of meetings",
            "opts": self.model._meta,
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(request, "admin/meetings/meeting/generate.html", context)


@admin.register(AgendaItem)
class AgendaItemAdmin(RecordOnlyHistoryAdmin):
    class PaperInline(admin.TabularInline):
        model = Paper
        extra = 1
        fields = ["title", "file"]

    list_display = ["title", "meeting", "purpose", "position"]
    list_select_related = ["meeting__group"]
    list_filter = ["meeting__group", "purpose"]
    search_fields = ["title", "meeting__title"]
    inlines = [PaperInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "due", "status", "meeting"]
    list_filter = ["status", "meeting__group"]
    list_select_related = ["owner", "meeting__group"]
    search_fields = ["description", "owner__full_name"]
    autocomplete_fields = ["owner"]
