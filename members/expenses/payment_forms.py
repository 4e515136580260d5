"""Forms for involvement payments: the member's choices and earnings limit, and staff's recording and benefits check."""

from django import forms

from engagement.core.forms import ChoiceField, DayMonthYearField

from .forms import PoundsField
from .models import InvolvementPayment
from .payments import Charity, Choice, InvolvementRate, PaymentProfile


def _charity_field():
    # Built per form, so a charity staff add or retire shows at once.
    return ChoiceField(
        queryset=Charity.objects.filter(active=True),
        required=False,
        label="Which charity?",
        empty_label=None,
        widget=forms.RadioSelect,
    )


def _offer_charities(form):
    """The charity choice only once staff list a charity: an empty list of charities is no choice."""
    field = _charity_field()
    if field.queryset.exists():
        form.fields["charity"] = field
    else:
        form.fields["choice"].choices = [c for c in form.fields["choice"].choices if c[0] != Choice.CHARITY]


class PaymentChoiceForm(forms.Form):
    """One payment: accept it, a smaller amount, decline it, or a charity."""

    # The page shows the error summary above its heading.
    error_summary = False

    choice = forms.ChoiceField(
        label="What would you like us to do with this payment?",
        choices=Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you would like us to do with this payment"},
    )
    reduced_amount = PoundsField(
        label="How much would you like?",
        required=False,
        max_digits=8,
        decimal_places=2,
        help_text="In pounds and pence, for example £20.00",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-5"}),
        error_messages={"invalid": "Enter the amount in pounds and pence, for example £20.00"},
    )

    def __init__(self, *args, payment, **kwargs):
        super().__init__(*args, **kwargs)
        self.payment = payment
        _offer_charities(self)

    def clean(self):
        data = super().clean()
        choice = data.get("choice")
        if choice == Choice.REDUCE and "reduced_amount" not in self.errors:
            amount = data.get("reduced_amount")
            if not amount or not 0 < amount < self.payment.amount:
                self.add_error("reduced_amount", f"Enter an amount more than £0 and less than £{self.payment.amount}")
        if choice == Choice.CHARITY and not data.get("charity") and "charity" not in self.errors:
            self.add_error("charity", "Choose the charity")
        return data


class StandingChoiceForm(forms.Form):
    """Every payment from a group, until the member says otherwise."""

    # The page shows the error summary above its heading.
    error_summary = False

    choice = forms.ChoiceField(
        label="Do you want involvement payments?",
        choices=[
            (Choice.ACCEPT, "Yes, pay me involvement payments"),
            (Choice.DECLINE, "No, I do not want involvement payments until I say otherwise"),
            (Choice.CHARITY, "Pay them to a charity instead"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you want involvement payments"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_charities(self)

    def clean(self):
        data = super().clean()
        if data.get("choice") == Choice.CHARITY and not data.get("charity") and "charity" not in self.errors:
            self.add_error("charity", "Choose the charity")
        return data


class EarningsLimitForm(forms.ModelForm):
    # The page shows the error summary above its heading.
    error_summary = False

    class Meta:
        model = PaymentProfile
        fields = ["earnings_limit", "limit_period", "advice_offered_on"]
        field_classes = {"earnings_limit": PoundsField, "advice_offered_on": DayMonthYearField}
        labels = {
            "earnings_limit": "Your earnings limit",
            "limit_period": "Is the limit for a week or a month?",
            "advice_offered_on": "When were you offered benefits advice? (optional)",
        }
        help_texts = {
            "earnings_limit": "In pounds and pence, for example £195.00. Leave it empty to remove your limit.",
            "advice_offered_on": "For example, 27 3 2026",
        }
        widgets = {
            "limit_period": forms.RadioSelect,
            "earnings_limit": forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-5"}),
        }
        error_messages = {
            "earnings_limit": {"invalid": "Enter the limit in pounds and pence, for example £195.00"},
        }


class RecordPaymentForm(forms.ModelForm):
    """Staff record one payment in the admin; the amount comes from the rate card, never typed."""

    class Meta:
        model = InvolvementPayment
        fields = ["person", "group", "meeting", "activity", "activity_date", "hours", "description"]
        help_texts = {"hours": "Including preparation. Paid by the hour, half day or day as the rate card says."}

    def clean(self):
        data = super().clean()
        group, activity, day = data.get("group"), data.get("activity"), data.get("activity_date")
        if not data.get("hours"):
            self.add_error("hours", "Give the hours, including preparation.")
        if group and activity and day and InvolvementRate.objects.in_force(group.pk, activity, day) is None:
            self.add_error("activity", f"{group} has no rate for this activity on that date: add one to its rate card.")
        return data


class LimitCheckForm(forms.Form):
    checked = forms.BooleanField(
        label="I have checked with the member that they want this payment, knowing it takes them over their "
        "earnings limit",
        required=False,
    )
