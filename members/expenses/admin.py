from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Min
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin

from engagement.core import changelists, confirm
from engagement.core.admin import SelectOnlyRelatedFields
from engagement.core.confirm import counted, told
from engagement.core.dates import financial_year, financial_year_of
from engagement.core.forms import as_id, submitted
from engagement.core.history_admin import RecordOnlyHistoryAdmin
from engagement.core.import_admin import BackgroundImportMixin
from engagement.core.models import Notification
from engagement.core.templatetags.money import pounds

from . import rules, services
from .forms import AcceptLateForm, DecisionForm, RecordInvolvementForm
from .models import (
    ClaimEvent,
    ClaimLine,
    Contract,
    ContractPayment,
    ExpenseClaim,
    ExpenseRate,
    ExpenseSettings,
    InvolvementPayment,
    InvolvementPreference,
    TransitionNotAllowed,
)
from .payment_forms import LimitCheckForm, RecordPaymentForm
from .payments import Choice, PaymentProfile
from .resources import FinanceClaimResource, FinanceInvolvementResource


class FinanceFileAdmin(BackgroundImportMixin, ImportExportModelAdmin):
    """Importing marks records paid, so it needs the change permission; exporting personal data needs view."""

    def has_import_permission(self, request):
        return self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)


@admin.register(ExpenseSettings)
class ExpenseSettingsAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = [
        "group",
        "pays_involvement",
        "involvement_rate",
        "involvement_unit",
    ]
    list_select_related = ["group"]
    fieldsets = [
        (None, {"fields": ["group"]}),
        ("Involvement payments", {"fields": ["pays_involvement", "involvement_rate", "involvement_unit"]}),
    ]


@admin.register(ExpenseRate)
class ExpenseRateAdmin(admin.ModelAdmin):
    """A new rate is a new row from its date: the old row stays, for claims about activities before it."""

    list_display = ["kind", "amount_display", "applies_from"]
    list_filter = ["kind"]
    date_hierarchy = "applies_from"

    @admin.display(description="amount", ordering="amount")
    def amount_display(self, rate):
        return pounds(rate.amount)


class ReadOnlyInline(admin.TabularInline):
    """A claim's costs and history are the member's and the workflow's: shown to staff, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ClaimLineInline(ReadOnlyInline):
    model = ClaimLine
    fields = [
        "kind",
        "details",
        "vehicle",
        "miles",
        "mileage_rate",
        "passengers",
        "passenger_rate",
        "amount",
        "pre_approved_by",
        "receipt_link",
    ]
    readonly_fields = fields

    @admin.display(description="receipt")
    def receipt_link(self, line):
        # Never the file's storage URL: media is private, so receipts open through the checked download view.
        if not line.receipt:
            return "None"
        return format_html('<a href="{}">{}</a>', line.get_receipt_url(), line.receipt_name)


class ClaimEventInline(ReadOnlyInline):
    model = ClaimEvent
    fields = ["created", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    verbose_name_plural = "status history and conversation"

    def get_queryset(self, request):
        # Each event shows who acted: one query for all of them, not one per event.
        return super().get_queryset(request).select_related("actor")


class ChecksFilter(admin.SimpleListFilter):
    title = "needs checking"
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return [
            ("not_at_meeting", "Not recorded at the meeting"),
            ("late", "Submitted after the deadline"),
            ("duplicate", "Already claimed for that meeting or day"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "not_at_meeting":
            return queryset.filter(not_at_meeting=True)
        if self.value() == "late":
            return queryset.filter(is_late=True)
        if self.value() == "duplicate":
            return queryset.filter(is_duplicate=True)
        return queryset


@admin.register(ExpenseClaim)
class ExpenseClaimAdmin(changelists.AnnotatedOnce, RecordOnlyHistoryAdmin, FinanceFileAdmin):
    """Claims are the member's: staff read them here and decide through the workflow, never by editing."""

    resource_classes = [FinanceClaimResource]
    list_display = [
        "__str__",
        "claimant",
        "group",
        "activity_date",
        "total_display",
        "status",
        "checks",
        "submitted_at",
    ]
    list_filter = ["status", ChecksFilter, ("group", changelists.RelatedByName), "activity_date"]
    list_select_related = ["claimant", "group"]
    # What the rows show (engagement/core/changelists.py), with the deadline the checks name.
    list_columns = [
        "description",
        "activity_date",
        "status",
        "submitted_at",
        "claim_by",
        "claimant__full_name",
        "claimant__email",
        "group__name",
    ]
    search_fields = ["=id", "claimant__full_name", "claimant__email", "description"]
    # Thousands of claims a year: no date drill-down or full count on each filtered page.
    show_full_result_count = False
    list_per_page = changelists.PER_PAGE
    action_checkbox = changelists.action_checkbox
    action_form = changelists.ActionForm
    inlines = [ClaimLineInline, ClaimEventInline]
    actions = ["approve_claims"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "claimant",
                    "group",
                    "meeting",
                    "activity_date",
                    "description",
                    "total_display",
                    "status",
                    "checks",
                ]
            },
        ),
        (
            "Workflow",
            {"fields": ["submitted_at", "claim_by", "approved_at", "rejection_reason", "paid_on", "payment_reference"]},
        ),
        ("After the deadline", {"fields": ["late_accepted_at", "late_accepted_by", "late_reason"]}),
    ]
    # Every field is text, never a form field. The claim's own page does this by permission, but its
    # history pages build their form from this list alone (and fail on a field such as submitted_at).
    readonly_fields = flatten_fieldsets(fieldsets)
    change_form_template = "expenses/admin/claim_change_form.html"
    import_export_change_list_template = "expenses/admin/claim_change_list.html"

    def annotate_list(self, claims):
        return claims.with_totals().with_flags()

    def get_changelist(self, request, **kwargs):
        return changelists.QuickChangeList

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Changelist actions still need it; a claim's own page is read-only (decisions have their own page).
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("totals/", self.admin_site.admin_view(self.totals_view), name="expenses_expenseclaim_totals"),
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="expenses_expenseclaim_decide",
            ),
            path(
                "<path:object_id>/accept-late/",
                self.admin_site.admin_view(self.accept_late_view),
                name="expenses_expenseclaim_accept_late",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="total", ordering="total")
    def total_display(self, claim):
        return pounds(claim.total)

    @admin.display(description="needs checking")
    def checks(self, claim):
        flags = []
        if claim.not_at_meeting:
            flags.append("Not recorded at the meeting")
        if claim.is_late:
            flags.append(f"Late: due by {claim.claim_by:%-d %B %Y}")
        if claim.is_duplicate:
            flags.append("Already claimed for that meeting or day")
        return "; ".join(flags) or "-"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_decide": super().has_change_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Approve the selected claims", permissions=["change"])
    def approve_claims(self, request, queryset):
        selected = list(queryset.select_related("claimant"))
        waiting = [claim for claim in selected if claim.status == ExpenseClaim.Status.SUBMITTED]
        claims = [claim for claim in waiting if rules.can_decide_on_claim(request.user, claim)]
        left_out = [
            f"Claim {claim.pk} is left out: it is {ExpenseClaim.STATE_PHRASES[claim.status]}."
            for claim in selected
            if claim not in waiting
        ] + [f"Claim {claim.pk} is left out: it is your own." for claim in waiting if claim not in claims]
        claimants = {claim.claimant_id: claim.claimant for claim in claims}.values()
        emailed = [person for person in claimants if person.wants_email]
        offline = [person for person in claimants if not person.wants_email]

        def first():
            # Approved here only for the preview, which undoes it: the e-mail reads as it will once approved.
            claim = next(claim for claim in claims if claim.claimant.wants_email)
            event = services.approve(claim, request.user)
            return Notification(subject=claim, user=claim.claimant, event=f"status-{event.pk}")

        def send():
            approved, refused = 0, []
            # A refused claim (decided by someone else meanwhile) leaves the others approved;
            # an unexpected failure undoes them all.
            with transaction.atomic():
                for claim in claims:
                    try:
                        services.approve(claim, request.user)
                        approved += 1
                    except TransitionNotAllowed as problem:
                        refused.append(f"claim {claim.pk}: {problem}")
            if refused:
                self.message_user(request, "Not approved – " + "; ".join(refused), messages.WARNING)
            if approved:
                return f"{counted(approved, 'claim')} approved; {told(len(emailed), offline, 'member')}."
            return None

        return confirm.confirm_send(
            self,
            request,
            title=f"Approve {counted(len(claims), 'claim')}?",
            emailed=emailed,
            offline=offline,
            first=emailed and first,
            send=send,
            left_out=left_out,
            ready=bool(claims),
        )

    def decide_view(self, request, object_id):
        claim = self.get_object(request, object_id)
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not super().has_change_permission(request):
            raise PermissionDenied
        form = DecisionForm(submitted(request), claim=claim)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            steps = {
                "approve": lambda: services.approve(claim, request.user),
                "query": lambda: services.query(claim, request.user, data["note"]),
                "reject": lambda: services.reject(claim, request.user, data["note"]),
                "mark_paid": lambda: services.mark_paid(
                    claim, request.user, data["paid_on"], data["payment_reference"]
                ),
            }
            try:
                event = steps[data["decision"]]()
            except TransitionNotAllowed as problem:
                form.add_error(None, str(problem))
            else:
                now = event.get_to_status_display().lower()
                self.message_user(request, f"{claim} is now {now}. The member will be e-mailed.", messages.SUCCESS)
                return redirect(reverse("admin:expenses_expenseclaim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Decide on {claim}",
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "form": form,
            "lines": claim.lines.all(),
            "events": claim.events.select_related("actor"),
            "same_activity": claim.same_activity_claims().with_totals() if claim.is_duplicate else [],
        }
        return TemplateResponse(request, "expenses/admin/decide.html", context)

    def accept_late_view(self, request, object_id):
        claim = self.get_object(request, object_id)
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not super().has_change_permission(request):
            raise PermissionDenied
        form = AcceptLateForm(submitted(request))
        if request.method == "POST" and form.is_valid():
            try:
                services.accept_late(claim, request.user, form.cleaned_data["reason"])
            except TransitionNotAllowed as problem:
                form.add_error(None, str(problem))
            else:
                self.message_user(
                    request, f"{claim} is accepted after the deadline: the member can now submit it.", messages.SUCCESS
                )
                return redirect(reverse("admin:expenses_expenseclaim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Accept {claim} after the deadline",
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "form": form,
        }
        return TemplateResponse(request, "expenses/admin/accept_late.html", context)

    def totals_view(self, request):
        """Each person's approved and paid expenses, and involvement payments, in one financial year (April to March)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        current = financial_year_of(timezone.localdate())
        starts = [
            model.objects.aggregate(first=Min("activity_date"))["first"] for model in (ExpenseClaim, InvolvementPayment)
        ]
        first = min((start for start in starts if start), default=None)
        years = list(range(current, (financial_year_of(first) if first else current) - 1, -1))
        asked = as_id(request.GET.get("year", ""))
        year = asked if asked in years else current
        start, end = financial_year(year)
        people = {}
        for row in ExpenseClaim.objects.totals_by_claimant(start, end):
            people[row["claimant"]] = {**row, "involvement": 0}
        for row in InvolvementPayment.objects.totals_by_person(start, end):
            person = people.setdefault(
                row["person"],
                {
                    "claimant__full_name": row["person__full_name"],
                    "claimant__email": row["person__email"],
                    "claims": 0,
                    "expenses": 0,
                    "paid": 0,
                },
            )
            person["involvement"] = row["involvement"]
        rows = sorted(people.values(), key=lambda person: person["claimant__full_name"])
        context = {
            **self.admin_site.each_context(request),
            "title": f"Totals per person, April {year} to March {year + 1}",
            "opts": self.opts,
            "years": [(y, f"April {y} to March {y + 1}") for y in years],
            "year": year,
            "rows": rows,
            "sums": {key: sum(row[key] for row in rows) for key in ["claims", "expenses", "paid", "involvement"]},
        }
        return TemplateResponse(request, "expenses/admin/totals.html", context)


@admin.register(InvolvementPreference)
class InvolvementPreferenceAdmin(SelectOnlyRelatedFields, admin.ModelAdmin):
    list_display = ["person", "group", "declines", "charity", "modified"]
    list_filter = ["group", "declines"]
    list_select_related = ["person", "group"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person", "group"]


@admin.register(InvolvementPayment)
class InvolvementPaymentAdmin(SelectOnlyRelatedFields, FinanceFileAdmin):
    resource_classes = [FinanceInvolvementResource]
    list_display = [
        "person",
        "group",
        "activity",
        "activity_date",
        "description",
        "amount_display",
        "paid_as",
        "status",
        "paid_on",
        "payment_reference",
    ]
    list_filter = ["status", "group", "activity", "activity_date"]
    list_select_related = ["person", "group"]
    search_fields = ["=id", "person__full_name", "person__email", "description"]
    autocomplete_fields = ["person", "group"]
    add_form = RecordPaymentForm
    RECORDED = ["person", "group", "meeting", "activity", "activity_date", "hours", "description"]
    readonly_fields = [
        *RECORDED,
        "rate",
        "rate_unit",
        "amount",
        "paid_as",
        "benefits_check",
        "status",
        "exported_at",
        "paid_on",
        "payment_reference",
    ]
    import_export_change_list_template = "expenses/admin/involvement_change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_choice()

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return self.RECORDED if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Recorded through the service, which prices it from the rate card and holds it for a benefits check.
        recorded = services.record_involvement(**{name: form.cleaned_data[name] for name in self.RECORDED})
        obj.pk, obj._state.adding = recorded.pk, False

    @admin.display(description="amount", ordering="amount")
    def amount_display(self, payment):
        return pounds(payment.amount)

    @admin.display(description="paid as")
    def paid_as(self, payment):
        if payment.chosen == Choice.REDUCE:
            return f"{pounds(payment.payable)}, a smaller amount the member chose"
        if payment.chosen == Choice.CHARITY:
            return "To a charity the member chose"
        return "Declined" if payment.chosen == Choice.DECLINE else "Accepted"

    @admin.display(description="benefits check")
    def benefits_check(self, payment):
        warning = payment.limit_warning()
        if warning is None:
            return "-"
        text = (
            f"Takes {payment.person}'s earnings to {pounds(warning.total)} in {warning.period}, over their limit "
            f"of {pounds(warning.limit)}."
        )
        if payment.status != InvolvementPayment.Status.CHECK:
            return f"{text} Checked by {payment.limit_checked_by}." if payment.limit_checked_by_id else text
        url = reverse("admin:expenses_involvementpayment_limit_check", args=[payment.pk])
        return format_html('{} <a href="{}">Approve after a benefits check</a>', text, url)

    def has_change_permission(self, request, obj=None):
        # A paid payment is a record of money that left: it stays as it was.
        return super().has_change_permission(request, obj) and (
            obj is None or obj.status != InvolvementPayment.Status.PAID
        )

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_urls(self):
        return [
            path("record/", self.admin_site.admin_view(self.record_view), name="expenses_involvementpayment_record"),
            path(
                "<path:object_id>/benefits-check/",
                self.admin_site.admin_view(self.limit_check_view),
                name="expenses_involvementpayment_limit_check",
            ),
            *super().get_urls(),
        ]

    def record_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RecordInvolvementForm(submitted(request))
        if request.method == "POST" and form.is_valid():
            meeting = form.cleaned_data["meeting"]
            added = InvolvementPayment.objects.record_for_meeting(meeting)
            self.message_user(request, f"{counted(added, 'payment')} recorded for {meeting}.", messages.SUCCESS)
            return redirect(reverse("admin:expenses_involvementpayment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Record involvement payments for a meeting",
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "expenses/admin/record_involvement.html", context)

    def limit_check_view(self, request, object_id):
        payment = self.get_object(request, object_id)
        if payment is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, payment):
            raise PermissionDenied
        form = LimitCheckForm(submitted(request))
        if request.method == "POST" and form.is_valid():
            try:
                services.confirm_limit_checked(payment, request.user, form.cleaned_data["checked"])
            except TransitionNotAllowed as problem:
                form.add_error("checked", str(problem))
            else:
                self.message_user(request, f"{payment} is approved for payroll.", messages.SUCCESS)
                return redirect(reverse("admin:expenses_involvementpayment_change", args=[payment.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Approve {payment} after a benefits check",
            "opts": self.opts,
            "original": payment,
            "payment": payment,
            "warning": payment.limit_warning(),
            "profile": PaymentProfile.objects.filter(person_id=payment.person_id).first(),
            "form": form,
        }
        return TemplateResponse(request, "expenses/payments/admin_limit_check.html", context)


class ContractPaymentInline(admin.TabularInline):
    model = ContractPayment
    extra = 1
    fields = ["paid_on", "amount", "reference"]


@admin.register(Contract)
class ContractAdmin(SelectOnlyRelatedFields, RecordOnlyHistoryAdmin):
    """Only the Contracts role has these model permissions (see members/roles.py): remuneration is confidential."""

    list_display = ["person", "group", "role", "start", "end", "remuneration_display", "payment_frequency"]
    list_filter = ["group", "role"]
    list_select_related = ["person", "group"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person", "group"]
    inlines = [ContractPaymentInline]

    @admin.display(description="annual remuneration", ordering="annual_remuneration")
    def remuneration_display(self, contract):
        return pounds(contract.annual_remuneration)


# The rate cards, charities and payment preferences register themselves there.
from . import payment_admin  # noqa: E402, F401
