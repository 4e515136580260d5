from django.contrib import admin

from engagement.core.admin import SelectOnlyRelatedFields
from engagement.core.dates import local_today
from engagement.core.history_admin import RecordOnlyHistoryAdmin

from . import services
from .models import Declaration, Interest, MeetingDeclaration, RegisterSettings


class InterestInline(SelectOnlyRelatedFields, admin.StackedInline):
    model = Interest
    extra = 0
    fields = ["category", "organisation", "partner", "description", "started_on", "ended_on"]


@admin.register(Declaration)
class DeclarationAdmin(SelectOnlyRelatedFields, RecordOnlyHistoryAdmin):
    """Staff record a member's declaration on their behalf: saving dates it today."""

    list_display = ["person", "confirmed_on", "recorded_by"]
    list_select_related = ["person", "recorded_by"]
    search_fields = ["person__full_name", "person__email", "interests__organisation"]
    autocomplete_fields = ["person"]
    fields = ["person", "confirmed_on", "recorded_by"]
    readonly_fields = ["confirmed_on", "recorded_by"]
    inlines = [InterestInline]

    def get_readonly_fields(self, request, obj=None):
        # The person is fixed once chosen: a declaration is theirs.
        return [*self.readonly_fields, "person"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
            obj.confirmed_on = local_today()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.record_for_member(form.instance, request.user)


@admin.register(RegisterSettings)
class RegisterSettingsAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["group", "publish", "review_month", "reminder_after_days", "review_opened_on"]
    list_select_related = ["group"]
    fields = ["group", "publish", "review_month", "reminder_after_days", "review_opened_on"]
    readonly_fields = ["review_opened_on"]


class MeetingDeclarationInline(SelectOnlyRelatedFields, admin.TabularInline):
    """On the agenda item (meetings/admin.py): what was declared at the meeting, for the minutes."""

    model = MeetingDeclaration
    extra = 1
    fields = ["person", "guest_name", "declaration"]
    autocomplete_fields = ["person"]
    verbose_name = "declaration of interest made at the meeting"
    verbose_name_plural = "declarations of interest made at the meeting"
