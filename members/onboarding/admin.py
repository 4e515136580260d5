from django.contrib import admin
from django.db.models import Exists, Min, OuterRef, Q
from import_export.admin import ImportExportModelAdmin

from engagement.core import changelists
from engagement.core.admin import SelectOnlyRelatedFields
from engagement.core.dates import local_today
from engagement.core.import_admin import BackgroundImportMixin
from engagement.core.uploads import StorageErrorAsFormError
from members.models import Membership

from .models import (
    EXPIRY_WARNING,
    AgreementSignature,
    AgreementVersion,
    DbsCheck,
    DbsRequirement,
    Induction,
    Onboarding,
    TrainingRecord,
    dbs_requirements_for,
)
from .resources import TrainingRecordResource


class ExpiryFilter(admin.SimpleListFilter):
    title = "runs out"
    parameter_name = "runs_out"

    def lookups(self, request, model_admin):
        return [("soon", f"In the next {EXPIRY_WARNING.days} days"), ("past", "Already ran out")]

    def queryset(self, request, queryset):
        today = local_today()
        if self.value() == "soon":
            return queryset.expiring(today)
        if self.value() == "past":
            return queryset.filter(**{f"{queryset.model.EXPIRY_FIELD}__lt": today})
        return queryset


@admin.register(AgreementVersion)
class AgreementVersionAdmin(StorageErrorAsFormError, admin.ModelAdmin):
    list_display = ["name", "in_force_from", "has_file"]
    fields = ["name", "in_force_from", "text", "file"]

    @admin.display(boolean=True, description="file attached")
    def has_file(self, version):
        return bool(version.file)


@admin.register(DbsRequirement)
class DbsRequirementAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["group", "role", "level"]
    list_select_related = ["group"]
    list_filter = ["group"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(SelectOnlyRelatedFields, BackgroundImportMixin, ImportExportModelAdmin):
    resource_classes = [TrainingRecordResource]
    list_display = ["user", "course", "completed_on", "expires_on"]
    list_select_related = ["user"]
    list_filter = [ExpiryFilter, "course"]
    search_fields = ["user__full_name", "user__email", "course"]
    autocomplete_fields = ["user"]
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE


@admin.register(DbsCheck)
class DbsCheckAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["user", "level", "certificate_date", "renewal_due"]
    list_select_related = ["user"]
    list_filter = [ExpiryFilter, "level"]
    search_fields = ["user__full_name", "user__email"]
    autocomplete_fields = ["user"]
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE


class InductionInline(admin.StackedInline):
    model = Induction
    fk_name = "user"
    fields = ["completed_on", "recorded_by"]
    readonly_fields = ["recorded_by"]
    can_delete = False


class TrainingRecordInline(admin.TabularInline):
    model = TrainingRecord
    fields = ["course", "completed_on", "expires_on"]
    extra = 0


class DbsCheckInline(admin.TabularInline):
    model = DbsCheck
    fields = ["level", "certificate_date", "renewal_due"]
    extra = 0


class AgreementSignatureInline(admin.TabularInline):
    """Read only: only the member signs, on their own page."""

    model = AgreementSignature
    fields = ["version", "typed_name", "signed_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AgreementFilter(admin.SimpleListFilter):
    title = "involvement agreement"
    parameter_name = "agreement"

    def lookups(self, request, model_admin):
        return [("unsigned", "Not signed (the version in force)"), ("signed", "Signed")]

    def queryset(self, request, queryset):
        if self.value() in ("signed", "unsigned"):
            return queryset.filter(signed_current=self.value() == "signed")
        return queryset


class InductionFilter(admin.SimpleListFilter):
    title = "induction"
    parameter_name = "induction"

    def lookups(self, request, model_admin):
        return [("no", "Not done"), ("yes", "Done")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(induction__isnull=self.value() == "no")
        return queryset


class RunsOutFilter(admin.SimpleListFilter):
    title = "training or DBS check"
    parameter_name = "runs_out"

    def lookups(self, request, model_admin):
        return [("soon", f"Runs out in the next {EXPIRY_WARNING.days} days")]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            today = local_today()
            return queryset.filter(
                Exists(TrainingRecord.objects.expiring(today).filter(user=OuterRef("pk")))
                | Exists(DbsCheck.objects.expiring(today).filter(user=OuterRef("pk")))
            )
        return queryset


@admin.register(Onboarding)
class OnboardingAdmin(admin.ModelAdmin):
    """Everyone in a group, with where they are in onboarding; a person's page holds their records."""

    list_display = ["full_name", "email", "agreement", "inducted_on", "next_expiry"]
    list_filter = [AgreementFilter, InductionFilter, RunsOutFilter]
    search_fields = ["full_name", "email"]
    fields = ["full_name", "email"]
    readonly_fields = fields
    # The filtered count is enough: a second count of everyone would cost a grouped query over every person.
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE

    def get_queryset(self, request):
        today = local_today()
        current = AgreementVersion.objects.current(today)
        in_a_group = Membership.objects.filter(
            user=OuterRef("pk"), role__in=Membership.Role.voting(), status__in=Membership.Status.with_access()
        )
        return (
            super()
            .get_queryset(request)
            .filter(Exists(in_a_group), is_active=True)
            .annotate(
                signed_current=Exists(AgreementSignature.objects.filter(user=OuterRef("pk"), version=current)),
                inducted_on=Min("induction__completed_on"),
                next_expiry=Min("training_records__expires_on", filter=Q(training_records__expires_on__gte=today)),
            )
        )

    def get_inlines(self, request, obj):
        inlines = [AgreementSignatureInline, InductionInline, TrainingRecordInline]
        # A DBS check is offered only for a person whose role needs one (or who has one on record already).
        if obj is not None and (dbs_requirements_for(obj).exists() or obj.dbs_checks.exists()):
            inlines.append(DbsCheckInline)
        return inlines

    @admin.display(boolean=True, description="agreement signed", ordering="signed_current")
    def agreement(self, person):
        return person.signed_current

    @admin.display(description="induction", ordering="inducted_on")
    def inducted_on(self, person):
        return person.inducted_on

    @admin.display(description="next training to run out", ordering="next_expiry")
    def next_expiry(self, person):
        return person.next_expiry

    def save_formset(self, request, form, formset, change):
        if formset.model is Induction:
            for induction in formset.save(commit=False):
                induction.recorded_by = request.user
                induction.save()
            return
        super().save_formset(request, form, formset, change)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
