"""Finance files: approved claims and involvement payments out as CSV or XLSX, paid ones back in.

Finance fills in payment_date and payment_reference and sends the file back.
Importing it marks those rows paid through the model's own workflow. The admin
previews the import first (a dry run), and it is all-or-nothing: one bad row
and nothing is marked paid, with each bad row's problem in plain English.
"""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from import_export import fields, widgets

from engagement.core.resources import AllOrNothingResource, UKDateWidget

from . import services
from .models import ExpenseClaim, InvolvementPayment, TransitionNotAllowed
from .money import PENCE
from .payments import Charity, Choice, RateUnit


class MoneyWidget(widgets.DecimalWidget):
    """Pounds to the penny: "9.00" in CSV, a number in XLSX."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        value = value.quantize(PENCE)
        return value if kwargs.get("force_native_type") else f"{value:.2f}"


def _record_number(value):
    """The whole number in an id cell, however the spreadsheet stored it (12, 12.0, "12"), or None."""
    try:
        number = Decimal(str(value).strip())
    except (ArithmeticError, ValueError):
        return None
    # "Infinity", "NaN" and "sNaN" are Decimals too: int() overflows on the first and comparing the
    # last raises, so only a finite number is compared. Above the largest 64-bit id is no record's
    # number, and int() of "1E+999999999" would build a billion-digit number.
    if number.is_finite() and number == number.to_integral_value() and 0 < number <= 2**63 - 1:
        return int(number)
    return None


class PaymentFileResource(AllOrNothingResource):
    """Out: one row per approved record. Back in: the payment date and reference mark each row paid."""

    id_column = ""
    noun = ""
    # Row errors are reported against the file's column names, which is what finance sees.
    COLUMNS = {"paid_on": "payment_date", "payment_reference": "payment_reference"}

    payment_date = fields.Field(attribute="paid_on", column_name="payment_date", widget=UKDateWidget())
    payment_reference = fields.Field(
        attribute="payment_reference", column_name="payment_reference", widget=widgets.CharWidget()
    )

    def filter_export(self, queryset, **kwargs):
        return queryset.filter(status=self._meta.model.Status.APPROVED)

    def get_or_init_instance(self, instance_loader, row):
        raw = row.get(self.id_column)
        number = _record_number(raw)
        if number is None:
            given = str(raw or "").strip()
            problem = f"“{given}” is not a {self.noun} number." if given else f"The {self.noun} number is missing."
            raise ValidationError({self.id_column: problem})
        instance = self.get_queryset().filter(pk=number).first()
        if instance is None:
            raise ValidationError({self.id_column: f"There is no {self.noun} number {number}."})
        return instance, False

    def import_instance(self, instance, row, **kwargs):
        stored = (instance.paid_on, instance.payment_reference)
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.message_dict
        if "paid_on" not in errors:
            if not instance.paid_on:
                errors["paid_on"] = ["Give the date it was paid."]
            elif instance.paid_on > timezone.localdate():
                errors["paid_on"] = [f"{instance.paid_on:%-d %B %Y} is in the future: give the date it was paid."]
        if not (instance.payment_reference or "").strip():
            errors["payment_reference"] = ["Give the payment reference."]
        Status = self._meta.model.Status
        name = f"{self.noun.capitalize()} {instance.pk}"
        if instance.status == Status.PAID:
            if not errors and (instance.paid_on, instance.payment_reference) != stored:
                errors[NON_FIELD_ERRORS] = [
                    f"{name} was already marked paid on {stored[0]:%-d %B %Y} with reference {stored[1]}."
                ]
        elif instance.status != Status.APPROVED:
            errors[self.id_column] = [
                f"{name} is not approved (it is {instance.get_status_display().lower()}), so it cannot be marked paid."
            ]
        if errors:
            raise ValidationError({self.COLUMNS.get(key, key): messages for key, messages in errors.items()})

    def save_instance(self, instance, is_create, row, **kwargs):
        user = kwargs.get("user")
        if user is None:
            raise ValueError("Marking payments needs the person doing it: pass user= to import_data.")
        try:
            self.mark_paid(instance, user)
        except TransitionNotAllowed as problem:
            raise ValidationError({self.id_column: str(problem)}) from None


class FinanceClaimResource(PaymentFileResource):
    id_column = "claim_id"
    noun = "claim"

    claim_id = fields.Field(attribute="pk", column_name="claim_id", readonly=True, widget=widgets.IntegerWidget())
    claimant = fields.Field(attribute="claimant__full_name", column_name="claimant", readonly=True)
    email = fields.Field(attribute="claimant__email", column_name="email", readonly=True)
    group = fields.Field(attribute="group__name", column_name="group", readonly=True)
    activity_date = fields.Field(
        attribute="activity_date", column_name="activity_date", readonly=True, widget=UKDateWidget()
    )
    total = fields.Field(attribute="total", column_name="total", readonly=True, widget=MoneyWidget())
    approved_date = fields.Field(
        attribute="approved_at", column_name="approved_date", readonly=True, widget=UKDateWidget()
    )

    def mark_paid(self, claim, user):
        services.mark_paid(claim, user, claim.paid_on, claim.payment_reference)

    column_guide = {
        "claim_id": ("Required. The claim number, as in the file exported from this page.", "123"),
        "payment_date": ("Required. The day it was paid, day first.", "30/04/2026"),
        "payment_reference": ("Required. The payment reference from the finance system.", "BACS-10452"),
    }

    class Meta(AllOrNothingResource.Meta):
        model = ExpenseClaim
        name = "Approved claims for finance (payment date and reference marks them paid)"
        import_id_fields = ["claim_id"]
        fields = [
            "claim_id",
            "claimant",
            "email",
            "group",
            "activity_date",
            "total",
            "approved_date",
            "payment_date",
            "payment_reference",
        ]
        export_order = fields

    def get_queryset(self):
        return ExpenseClaim.objects.with_totals().select_related("claimant", "group")


class FinanceInvolvementResource(PaymentFileResource):
    """The payroll file, apart from expenses (payroll deducts tax and National Insurance from these). Each row is
    paid as the member chose: the amount is what is paid, a smaller one if they asked; a payment they give to
    charity names the charity; declined payments are left out. Exporting writes the choice in force onto each
    payment, so a later change of the member's standing choice cannot alter what payroll was sent."""

    id_column = "payment_id"
    noun = "payment"

    payment_id = fields.Field(attribute="pk", column_name="payment_id", readonly=True, widget=widgets.IntegerWidget())
    payroll_reference = fields.Field(column_name="payroll_reference", readonly=True)
    person = fields.Field(attribute="person__full_name", column_name="person", readonly=True)
    email = fields.Field(attribute="person__email", column_name="email", readonly=True)
    group = fields.Field(attribute="group__name", column_name="group", readonly=True)
    activity = fields.Field(attribute="get_activity_display", column_name="activity", readonly=True)
    activity_date = fields.Field(
        attribute="activity_date", column_name="activity_date", readonly=True, widget=UKDateWidget()
    )
    description = fields.Field(attribute="description", column_name="description", readonly=True)
    hours = fields.Field(attribute="hours", column_name="hours", readonly=True, widget=widgets.DecimalWidget())
    rate = fields.Field(attribute="rate", column_name="rate", readonly=True, widget=MoneyWidget())
    rate_per = fields.Field(column_name="rate_per", readonly=True)
    full_amount = fields.Field(attribute="amount", column_name="full_amount", readonly=True, widget=MoneyWidget())
    amount = fields.Field(attribute="payable", column_name="amount", readonly=True, widget=MoneyWidget())
    paid_to = fields.Field(column_name="paid_to", readonly=True)
    charity = fields.Field(column_name="charity", readonly=True)
    period = fields.Field(column_name="period", readonly=True)

    PAID_TO = {Choice.ACCEPT: "Member", Choice.REDUCE: "Member (smaller amount chosen)", Choice.CHARITY: "Charity"}

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .with_choice()
            .exclude(chosen=Choice.DECLINE)
            .select_related("person__payment_profile", "group")
        )

    def before_export(self, queryset, **kwargs):
        super().before_export(queryset, **kwargs)
        self.charity_names = dict(Charity.objects.values_list("pk", "name"))

    def after_export(self, queryset, dataset, **kwargs):
        super().after_export(queryset, dataset, **kwargs)
        now = timezone.now()
        for pk, chosen, charity in queryset.filter(exported_at=None).values_list("pk", "chosen", "to_charity"):
            InvolvementPayment.objects.filter(pk=pk, exported_at=None).update(
                choice=chosen, charity_id=charity, exported_at=now
            )

    def dehydrate_payroll_reference(self, payment):
        profile = getattr(payment.person, "payment_profile", None)
        return profile.payroll_reference if profile else ""

    def dehydrate_rate_per(self, payment):
        return RateUnit(payment.rate_unit).label if payment.rate_unit else ""

    def dehydrate_paid_to(self, payment):
        return self.PAID_TO[payment.chosen]

    def dehydrate_charity(self, payment):
        return self.charity_names.get(payment.to_charity, "")

    def dehydrate_period(self, payment):
        return f"{payment.activity_date:%B %Y}"

    def mark_paid(self, payment, user):
        payment.mark_paid(user, payment.paid_on, payment.payment_reference)

    column_guide = {
        "payment_id": ("Required. The payment number, as in the file exported from this page.", "45"),
        "payment_date": ("Required. The day it was paid, day first.", "30/04/2026"),
        "payment_reference": ("Required. The payment reference from the finance system.", "BACS-10452"),
    }

    class Meta(AllOrNothingResource.Meta):
        model = InvolvementPayment
        name = "Approved involvement payments for payroll (payment date and reference marks them paid)"
        import_id_fields = ["payment_id"]
        fields = [
            "payment_id",
            "payroll_reference",
            "person",
            "email",
            "group",
            "activity",
            "activity_date",
            "description",
            "hours",
            "rate",
            "rate_per",
            "full_amount",
            "amount",
            "paid_to",
            "charity",
            "period",
            "payment_date",
            "payment_reference",
        ]
        export_order = fields

    def get_queryset(self):
        return InvolvementPayment.objects.select_related("person", "group")
