import csv
from datetime import date

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from engagement.core import confirm, documents
from engagement.core.admin import SelectOnlyRelatedFields
from engagement.core.confirm import counted, told
from engagement.core.forms import submitted
from engagement.core.history_admin import RecordOnlyHistoryAdmin
from engagement.core.resources import spreadsheet_safe
from engagement.core.row_urls import pk_url
from engagement.core.uploads import StorageErrorAsFormError

from . import attendance, services, tasks
from . import documents as meeting_documents
from .forms import AttendancePeriodForm, GenerateMeetingsForm, RegisterForm
from .interests.admin import MeetingDeclarationInline
from .models import Action, AgendaItem, Attendee, Decision, Meeting, MinutesComment, Paper, Reply, Venue


def _change_audience(meetings, event):
    """confirm.audience for moving or cancelling meetings: everyone already told about each hears of it
    (tasks.announce_change); invitees never told who asked for post or phone are listed to contact."""
    told, never_told = [(meeting, list(tasks.already_told(meeting))) for meeting in meetings], []
    for meeting, people in told:
        ids = {person.pk for person in people}
        never_told += [person for person in meeting.invitees() if not person.wants_email and person.pk not in ids]
    return confirm.audience(told, event, to_contact=never_told)


def _after(step, first):
    """Make the preview's e-mail as it will read once `step` is taken (on a copy; the preview undoes it)."""
    if first is None:
        return None

    def make():
        notification = first()
        meeting = Meeting.objects.get(pk=notification.object_id)
        step(meeting)
        notification.subject = meeting
        return notification

    return make


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "step_free", "hearing_loop", "accessible_toilet"]
    search_fields = ["name", "address"]


class AgendaItemInline(SelectOnlyRelatedFields, admin.StackedInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = [
        ("position", "title", "confidential"),
        ("purpose", "presenter", "minutes_allotted"),
        "project",
        "outcome",
        "minutes",
    ]
    autocomplete_fields = ["project"]
    show_change_link = True


class ReplyInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = Reply
    extra = 0
    fields = ["user", "response", "note", "channel", "responded_at"]
    readonly_fields = ["responded_at"]
    autocomplete_fields = ["user"]


class AttendeeInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = Attendee
    extra = 0
    fields = ["user", "guest_name", "organisation", "kind", "online", "declaration_of_interest"]
    autocomplete_fields = ["user"]


class ActionInline(SelectOnlyRelatedFields, admin.TabularInline):
    model = Action
    extra = 0
    fields = ["description", "owner", "due", "status", "item"]
    autocomplete_fields = ["owner"]


class MinutesCommentInline(admin.TabularInline):
    """What attendees sent about the draft minutes (views.draft_minutes): theirs, so staff read and do not edit."""

    model = MinutesComment
    extra = 0
    fields = ["author", "kind", "text", "created"]
    readonly_fields = fields
    can_delete = False
    verbose_name = "comment on the draft minutes"
    verbose_name_plural = "comments on the draft minutes"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(Meeting)
class MeetingAdmin(SelectOnlyRelatedFields, RecordOnlyHistoryAdmin):
    list_display = ["title", "group", "start", "status", "minutes_status", "venue"]
    list_filter = ["group", "status", "kind", "minutes_status"]
    list_select_related = ["group", "venue"]
    search_fields = ["title", "group__name"]
    date_hierarchy = "start"
    autocomplete_fields = ["venue"]
    inlines = [AgendaItemInline, ReplyInline, AttendeeInline, ActionInline, MinutesCommentInline]
    actions = [
        "issue_papers",
        "mark_held",
        "send_draft_minutes",
        "put_minutes_on_next_agenda",
        "approve_minutes",
        "cancel_meetings",
        "export_packs",
        "export_minutes",
    ]
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
        (
            "Minutes",
            {
                "fields": ["minutes_status", "minutes_comments_until", "minutes_approved_on", "minutes_approved_by"],
                "description": "To send the draft to those who attended, put it on the next agenda or approve it, "
                "use the actions on the list of meetings, so that people are told.",
            },
        ),
        (
            "Matters arising",
            {
                "fields": ["matters_arising"],
                "description": "Open actions from the group's earlier meetings. The agenda, the pack and the "
                "meeting page list them until they are marked done.",
            },
        ),
    ]
    change_list_template = "admin/meetings/meeting/change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Status changes go through the list actions, which tell members and update calendars
    # (services.cancel(), issue_papers()); editing the field here would skip both.
    readonly_fields = ["status", "matters_arising", "minutes_approved_by"]

    @admin.display(description="open actions from earlier meetings")
    def matters_arising(self, meeting):
        if meeting.pk is None:
            return "Listed once the meeting is saved."
        change = pk_url("admin:meetings_action_change")
        rows = [
            (
                change(action.pk),
                str(action),
                action.owner.display_name,
                date_format(action.due, "j F Y"),
                " (overdue)" if action.is_overdue else "",
            )
            for action in Action.objects.arising_at(meeting).select_related("owner")
        ]
        if not rows:
            return "None: every action from earlier meetings is done."
        open_list = reverse("admin:meetings_action_changelist") + (
            f"?meeting__group__id__exact={meeting.group_id}&status__in={Action.Status.OPEN},{Action.Status.CARRIED_FORWARD}"
        )
        return format_html(
            '<ul>{}</ul><p><a href="{}">Mark actions done in the list of the group\'s open actions</a></p>',
            format_html_join("", '<li><a href="{}">{}</a>: {}, due {}{}</li>', rows),
            open_list,
        )

    def get_urls(self):
        return [
            path("generate/", self.admin_site.admin_view(self.generate_view), name="meetings_meeting_generate"),
            path("attendance/", self.admin_site.admin_view(self.attendance_view), name="meetings_meeting_attendance"),
            path(
                "<path:object_id>/register/",
                self.admin_site.admin_view(self.register_view),
                name="meetings_meeting_register",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Moving a meeting people have heard about e-mails them all: ask first.
        if request.method == "POST" and object_id and not request.POST.get(confirm.CONFIRMED):
            asking = self._confirm_move(request, object_id)
            if asking is not None:
                return asking
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _confirm_move(self, request, object_id):
        """The confirmation page if this change form moves a meeting people were told about, else None
        (the change form then saves, or shows its errors, as usual)."""
        meeting = self.get_object(request, object_id)
        if meeting is None or not self.has_change_permission(request, meeting):
            return None
        # A copy: checking the form writes the new values into the instance it is given.
        form = self.get_form(request, meeting, change=True)(
            request.POST, request.FILES, instance=Meeting.objects.get(pk=meeting.pk)
        )
        if not (form.is_valid() and {"start", "end"} & set(form.changed_data) and tasks.already_told(meeting)):
            return None
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        emailed, offline, first = _change_audience([meeting], f"moved-{meeting.sequence + 1}")
        return confirm.page(
            self,
            request,
            title=f"Move “{meeting}”?",
            emailed=emailed,
            offline=offline,
            first=_after(lambda copy: services.move(copy, start, end), first),
            # The whole change form, saved as it was filled in once Send is pressed.
            hidden=[
                (name, value)
                for name, values in request.POST.lists()
                if name != "csrfmiddlewaretoken"
                for value in values
            ],
            back=request.get_full_path(),
        )

    def save_model(self, request, obj, form, change):
        moved = change and {"start", "end"} & set(form.changed_data)
        if moved:
            # Save everything else, then move through the model so people already told hear about it.
            start, end = obj.start, obj.end
            original = Meeting.objects.get(pk=obj.pk)
            obj.start, obj.end = original.start, original.end
            super().save_model(request, obj, form, change)
            emailed, offline, _ = _change_audience([obj], f"moved-{obj.sequence + 1}")
            services.move(obj, start, end)
            self.message_user(request, f"Meeting moved; {told(len(emailed), offline, 'person', 'people')}.")
        else:
            super().save_model(request, obj, form, change)
            if not change:
                services.arrange([obj])

    @admin.action(description="Issue papers and tell members", permissions=["change"])
    def issue_papers(self, request, queryset):
        meetings = list(queryset.exclude(status=Meeting.Status.CANCELLED))
        # Only meetings still to come are e-mailed about (tasks.plan_meeting_emails).
        upcoming = set(Meeting.objects.upcoming().filter(pk__in=[m.pk for m in meetings]).values_list("pk", flat=True))
        emailed, offline, first = confirm.audience(
            ((m, m.invitees()) for m in meetings if m.pk in upcoming), "papers-issued"
        )

        def send():
            with transaction.atomic():
                for meeting in meetings:
                    services.issue_papers(meeting)
            return f"Papers issued for {counted(len(meetings), 'meeting')}; {told(len(emailed), offline, 'member')}."

        return confirm.confirm_send(
            self,
            request,
            title=f"Issue papers for {counted(len(meetings), 'meeting')}?",
            emailed=emailed,
            offline=offline,
            first=_after(services.issue_papers, first),
            send=send,
            left_out=["Cancelled meetings are left out."] if len(meetings) < len(queryset) else [],
            ready=bool(meetings),
        )

    @admin.action(description="Mark as held", permissions=["change"])
    def mark_held(self, request, queryset):
        count = queryset.exclude(status=Meeting.Status.CANCELLED).update(status=Meeting.Status.HELD)
        self.message_user(request, f"{counted(count, 'meeting')} marked as held.", messages.SUCCESS)

    @admin.action(description="Send draft minutes to those who attended, for comment", permissions=["change"])
    def send_draft_minutes(self, request, queryset):
        # Approved minutes are final, and a cancelled meeting has none.
        meetings = list(
            queryset.exclude(status=Meeting.Status.CANCELLED).exclude(minutes_status=Meeting.MinutesStatus.APPROVED)
        )
        emailed, offline, first = confirm.audience(((m, services.draft_readers(m)) for m in meetings), "minutes-draft")

        def send():
            with transaction.atomic():
                for meeting in meetings:
                    services.send_draft_minutes(meeting)
            return f"Draft minutes sent for {counted(len(meetings), 'meeting')}; {told(len(emailed), offline, 'person', 'people')}."

        return confirm.confirm_send(
            self,
            request,
            title=f"Send the draft minutes of {counted(len(meetings), 'meeting')} for comment?",
            emailed=emailed,
            offline=offline,
            first=_after(services.send_draft_minutes, first),
            send=send,
            left_out=["Cancelled meetings, and minutes already approved, are left out."]
            if len(meetings) < len(queryset)
            else [],
            ready=bool(meetings),
        )

    @admin.action(description="Put draft minutes on the next meeting's agenda", permissions=["change"])
    def put_minutes_on_next_agenda(self, request, queryset):
        drafts = queryset.filter(minutes_status=Meeting.MinutesStatus.DRAFT).exclude(status=Meeting.Status.CANCELLED)
        added = [meeting for meeting in drafts.select_related("group") if services.put_minutes_on_next_agenda(meeting)]
        self.message_user(
            request,
            f"“{services.MINUTES_OF_THE_LAST_MEETING}” is on the next agenda for {counted(len(added), 'meeting')}.",
            messages.SUCCESS,
        )
        if len(added) < len(queryset):
            self.message_user(
                request,
                f"{counted(len(queryset) - len(added), 'meeting')} left out: only draft minutes of meetings that "
                "were not cancelled, and whose group has a later meeting arranged, can go on an agenda.",
                messages.WARNING,
            )

    @admin.action(description="Approve minutes and tell members they can read them", permissions=["change"])
    def approve_minutes(self, request, queryset):
        # Only drafts: minutes not yet written cannot be approved, and approved ones keep their date.
        drafts = list(
            queryset.exclude(status=Meeting.Status.CANCELLED).filter(minutes_status=Meeting.MinutesStatus.DRAFT)
        )
        emailed, offline, first = confirm.audience(((m, m.invitees()) for m in drafts), "minutes-approved")

        def send():
            with transaction.atomic():
                approved = [meeting for meeting in drafts if services.approve_minutes(meeting, request.user)]
            return f"Minutes approved for {counted(len(approved), 'meeting')}; {told(len(emailed), offline, 'member')}."

        return confirm.confirm_send(
            self,
            request,
            title=f"Approve the minutes of {counted(len(drafts), 'meeting')}?",
            emailed=emailed,
            offline=offline,
            first=_after(lambda meeting: services.approve_minutes(meeting, request.user), first),
            send=send,
            left_out=["Only draft minutes of meetings that were not cancelled can be approved."]
            if len(drafts) < len(queryset)
            else [],
            ready=bool(drafts),
        )

    @admin.action(description="Cancel meetings and tell members", permissions=["change"])
    def cancel_meetings(self, request, queryset):
        meetings = list(queryset.exclude(status=Meeting.Status.CANCELLED))
        emailed, offline, first = _change_audience(meetings, "cancelled")

        def send():
            with transaction.atomic():
                for meeting in meetings:
                    services.cancel(meeting)
            return f"{counted(len(meetings), 'meeting')} cancelled; {told(len(emailed), offline, 'person', 'people')}."

        return confirm.confirm_send(
            self,
            request,
            title=f"Cancel {counted(len(meetings), 'meeting')}?",
            emailed=emailed,
            offline=offline,
            first=_after(services.cancel, first),
            send=send,
            left_out=["Meetings already cancelled are left out."] if len(meetings) < len(queryset) else [],
            ready=bool(meetings),
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
                    # The admin is for staff, who may see confidential items.
                    build(m, confidential=True),
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

    def register_view(self, request, object_id):
        """The attendance register: a row of choices per person, prefilled from the replies, saved at once."""
        meeting = self.get_object(request, object_id)
        if meeting is None:
            raise Http404("No such meeting.")
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        form = RegisterForm(attendance.register_lines(meeting), submitted(request))
        if request.method == "POST" and form.is_valid():
            told_about = services.take_register(meeting, form.marks())
            self.message_user(request, "Attendance register saved.", messages.SUCCESS)
            if told_about:
                self.message_user(
                    request,
                    f"{counted(len(told_about), 'member has', 'members have')} now missed "
                    f"{meeting.group.missed_meetings_alert} meetings in a row: the group's staff are told.",
                    messages.WARNING,
                )
            return redirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Attendance register: {meeting}",
            "opts": self.model._meta,
            "original": meeting,
            "form": form,
            "guests": meeting.attendees.exclude(kind=Attendee.Kind.MEMBER).select_related("user"),
        }
        return TemplateResponse(request, "admin/meetings/meeting/register.html", context)

    def attendance_view(self, request):
        """Each member's attendance over a period, and each meeting's rate, for one group; CSV on request."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        form = AttendancePeriodForm(
            request.GET or None,
            initial={"first": date(today.year - 1, today.month, 1), "last": today},
        )
        figures = attendance.group_figures(**form.cleaned_data) if form.is_valid() else None
        if figures is not None and request.GET.get("format") == "csv":
            return attendance_csv(figures)
        context = {
            **self.admin_site.each_context(request),
            "title": "Attendance",
            "opts": self.model._meta,
            "form": form,
            "figures": figures,
            "csv_query": request.GET.copy().urlencode() + "&format=csv" if figures else "",
        }
        return TemplateResponse(request, "admin/meetings/meeting/attendance.html", context)


def attendance_csv(figures):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="attendance-{figures.group.slug}-{figures.first:%Y-%m-%d}-to-{figures.last:%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["Member", "Meetings expected", "Attended in person", "Attended online", "Apologies", "Absent"])
    for row in figures.members:
        writer.writerow(
            [spreadsheet_safe(row.person.full_name), row.expected, row.in_person, row.online, row.apologies, row.absent]
        )
    writer.writerow([])
    writer.writerow(["Meeting", "Date", "Members expected", "Members present", "Attendance rate"])
    for row in figures.meetings:
        writer.writerow(
            [
                spreadsheet_safe(row.meeting.title),
                f"{timezone.localtime(row.meeting.start):%d/%m/%Y}",
                row.expected,
                row.present,
                "" if row.percent is None else f"{row.percent}%",
            ]
        )
    return response


@admin.register(AgendaItem)
class AgendaItemAdmin(StorageErrorAsFormError, SelectOnlyRelatedFields, RecordOnlyHistoryAdmin):
    class PaperInline(admin.TabularInline):
        model = Paper
        extra = 1
        fields = ["title", "file", "accessible_version_received"]

    list_display = ["title", "meeting", "purpose", "position", "confidential"]
    list_select_related = ["meeting__group"]
    list_filter = ["meeting__group", "purpose", "confidential"]
    search_fields = ["title", "meeting__title"]

    class DecisionInline(SelectOnlyRelatedFields, admin.TabularInline):
        model = Decision
        extra = 1
        fields = ["text", "proposed_by", "votes_for", "votes_against", "abstentions"]
        autocomplete_fields = ["proposed_by"]
        verbose_name = "decision"
        verbose_name_plural = "decisions (the minutes and the group's decisions log show them)"

    inlines = [PaperInline, MeetingDeclarationInline, DecisionInline]


@admin.register(Action)
class ActionAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["description", "owner", "due", "status", "meeting"]
    list_filter = ["status", "meeting__group"]
    list_select_related = ["owner", "meeting__group"]
    search_fields = ["description", "owner__full_name"]
    autocomplete_fields = ["owner"]
    actions = ["mark_done"]

    @admin.action(description="Mark as done", permissions=["change"])
    def mark_done(self, request, queryset):
        count = queryset.mark_done()
        self.message_user(request, f"{counted(count, 'action')} marked as done.", messages.SUCCESS)
