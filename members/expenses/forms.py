from datetime import timedelta

from django import forms
from django.utils import timezone

from engagement.core.forms import ChoiceField, DayMonthYearField
from engagement.core.templatetags.money import pounds
from meetings.models import Meeting

from . import rules
from .models import ClaimLine, ExpenseClaim, ExpenseRate, ExpenseSettings
from .money import per_unit

RECEIPT_AGAIN = (
    "Choose the receipt again. For your security, files are not kept when there is a problem elsewhere on the page"
)


class OneMessageEach(forms.ModelForm):
    """The model's own checks (ExpenseClaim.clean, ClaimLine.clean) say again, in other words, what a
    box has already reported, such as an amount that is not a number: one message per problem."""

    def _post_clean(self):
        super()._post_clean()
        for errors in self.errors.values():
            del errors[1:]


class ClaimForm(OneMessageEach):
    # The page shows one error summary for the claim and all its costs.
    error_summary = False

    class Meta:
        model = ExpenseClaim
        fields = ["group", "meeting", "activity_date", "description"]
        field_classes = {"group": ChoiceField, "meeting": ChoiceField, "activity_date": DayMonthYearField}
        labels = {
            "group": "Which group is this claim for?",
            "meeting": "Which meeting was it?",
            "activity_date": "Date of the activity",
            "description": "What was it?",
        }
        help_texts = {
            "meeting": "Choose “It was not a meeting” for other group work, such as reading a leaflet or a workshop.",
            "activity_date": "Not needed for a meeting: we use the meeting's date. For example, 27 3 2026.",
            "description": "For example, “Reading panel: review of the GP leaflet”. Not needed for a meeting.",
        }
        widgets = {"group": forms.RadioSelect}
        error_messages = {"group": {"required": "Choose the group this claim is for"}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        groups = list(rules.claim_groups(user))
        self.fields["group"].queryset = rules.claim_groups(user)
        # Radios with nothing ticked, not a "---------" choice: a group has to be chosen on purpose.
        self.fields["group"].empty_label = None
        if len(groups) == 1:
            self.fields["group"].widget = forms.HiddenInput()
            # A new claim's initial group is None (from the empty instance), not missing.
            self.initial["group"] = self.initial.get("group") or groups[0].pk
        now = timezone.now()
        meeting = self.fields["meeting"]
        meeting.queryset = (
            Meeting.objects.filter(
                group__in=[g.pk for g in groups], start__lte=now, start__gte=now - timedelta(days=400)
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("group")
            .order_by("-start")
        )
        meeting.empty_label = "It was not a meeting"
        meeting.label_from_instance = lambda m: f"{m.group.name}: {m.title}, {timezone.localtime(m.start):%-d %B %Y}"
        self.fields["activity_date"].required = False
        self.fields["description"].required = False

    def clean(self):
        data = super().clean()
        meeting, group = data.get("meeting"), data.get("group")
        if meeting:
            if group and meeting.group_id != group.pk:
                self.add_error(
                    "meeting", "That meeting is not one of the group you chose. Choose the right group or meeting"
                )
            data["activity_date"] = data.get("activity_date") or timezone.localdate(meeting.start)
            data["description"] = data.get("description") or meeting.title
        else:
            if not data.get("activity_date") and "activity_date" not in self.errors:
                self.add_error("activity_date", "Enter the date of the activity")
            if not data.get("description"):
                self.add_error("description", "Say what the activity was")
        if data.get("activity_date") and data["activity_date"] > timezone.localdate():
            self.add_error("activity_date", "The date must be today or in the past")
        return data


class ReceiptInput(forms.ClearableFileInput):
    """Shows a stored receipt by its own name, not its private storage path."""

    initial_text = "Current receipt"
    clear_checkbox_label = "Remove the current receipt"

    def format_value(self, value):
        value = super().format_value(value)
        return value.name.rsplit("/", 1)[-1] if value else value


class PoundsField(forms.DecimalField):
    """An amount of money as people write it: "£3.20", "3.2" and "3" are all £3.20 or £3."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").strip()
        return super().to_python(value)


class ClaimLineForm(OneMessageEach):
    error_summary = False

    # Each type of cost asks for these as well as the type, the details and a receipt.
    KIND_FIELDS = {
        ClaimLine.Kind.MILEAGE: ["miles", "vehicle", "passengers"],
        ClaimLine.Kind.TAXI: ["amount", "pre_approved_by"],
    }
    OTHER_KIND_FIELDS = ["amount"]
    SOME_KINDS_ONLY = ["vehicle", "miles", "passengers", "amount", "pre_approved_by"]

    class Meta:
        model = ClaimLine
        fields = ["kind", "details", "vehicle", "miles", "passengers", "amount", "pre_approved_by", "receipt"]
        field_classes = {"amount": PoundsField}
        labels = {
            "kind": "Type of cost",
            "details": "Details",
            "vehicle": "What did you travel in?",
            "miles": "How many miles?",
            "passengers": "How many passengers?",
            "amount": "Amount",
            "pre_approved_by": "Who agreed the taxi before your journey?",
            "receipt": "Receipt (optional)",
        }
        help_texts = {
            "details": "For example, “Bus from Northgate to Riverside and back”. Needed for “Something else”.",
            "miles": "There and back, for example 12.5. We work out the amount.",
            "passengers": "Other people going to the same activity who travelled with you, if any.",
            "amount": "In pounds and pence, for example £4.50",
            "receipt": "A photo or scan of the receipt: PDF, JPEG or PNG, smaller than 10 MB.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "receipt": ReceiptInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
            "miles": forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-5"}),
            "passengers": forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-2"}),
            "amount": forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-5"}),
        }
        error_messages = {
            "kind": {"required": "Choose the type of cost"},
            "miles": {
                "invalid": "Enter the miles as a number, for example 12.5",
                "min_value": "Enter the miles as a number more than 0, for example 12.5",
                "max_decimal_places": "Enter the miles to one decimal place, for example 12.5",
                "max_digits": "Enter the miles there and back, for example 12.5",
                "max_whole_digits": "Enter the miles there and back, for example 12.5",
            },
            "passengers": {
                "invalid": "Enter the number of passengers as a whole number, for example 1",
                "min_value": "Enter the number of passengers as a whole number, for example 1",
                "max_value": "Enter 8 passengers or fewer",
            },
            "amount": {
                "invalid": "Enter the amount in pounds and pence, for example £4.50",
                "max_decimal_places": "Enter the amount in pounds and pence, for example £4.50",
                "max_digits": "Enter an amount less than £1,000,000",
                "max_whole_digits": "Enter an amount less than £1,000,000",
            },
        }

    def __init__(self, *args, rates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = self._kinds_with_rates(rates)
        vehicle = self.fields["vehicle"]
        # The rate beside each vehicle: what this claim will be paid, for its date.
        vehicle.choices = [
            (value, f"{label}: {per_unit(rates[value])} a mile" if value in rates else label)
            for value, label in ClaimLine.Vehicle.choices
        ]
        passengers = self.fields["passengers"]
        passengers.required = False
        if ExpenseRate.Kind.PASSENGER in rates:
            passengers.help_text = (
                f"{passengers.help_text} We add {per_unit(rates[ExpenseRate.Kind.PASSENGER])} a mile "
                "for each passenger (not on a bicycle)."
            )
        if self.is_bound:
            # Boxes of the other types of cost are ignored: they may be on the page, hidden or
            # (without JavaScript) shown, and what is in them must not stop or change this cost.
            kind = self.data.get(self.add_prefix("kind"))
            asked = self.KIND_FIELDS.get(kind, self.OTHER_KIND_FIELDS)
            ignored = [name for name in self.SOME_KINDS_ONLY if name not in asked]
            self.data = self.data.copy()
            for name in ignored:
                self.data[self.add_prefix(name)] = ""

    @staticmethod
    def _kinds_with_rates(rates):
        cap = rates.get(ExpenseRate.Kind.SUBSISTENCE_CAP)
        labels = {ClaimLine.Kind.SUBSISTENCE: f"Food and drink, up to {pounds(cap)}"} if cap is not None else {}
        labels.update((kind, f"{ClaimLine.Kind(kind).label} (receipt or invoice needed)") for kind in ClaimLine.SUPPORT)
        return [(value, labels.get(value, label)) for value, label in ClaimLine.Kind.choices]

    def clean_passengers(self):
        return self.cleaned_data["passengers"] or 0

    def kind_options(self):
        """(radio, boxes it reveals) for each type of cost: the NHS.UK conditional reveal."""
        return [
            (option, [self[name] for name in self.KIND_FIELDS.get(option.data["value"], []) if name != "amount"])
            for option in self["kind"]
        ]


class BaseLineFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, rates, **kwargs):
        self.rates = rates
        super().__init__(*args, form_kwargs={"rates": rates}, **kwargs)

    def clean(self):
        """Food and drink is paid up to the cap for the activity, however many costs it is split into."""
        super().clean()
        cap = self.rates.get(ExpenseRate.Kind.SUBSISTENCE_CAP)
        food = [
            form
            for form in self.forms
            if form.cleaned_data.get("kind") == ClaimLine.Kind.SUBSISTENCE
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("amount") is not None
        ]
        if cap is not None and sum(form.cleaned_data["amount"] for form in food) > cap:
            # At the box itself, so the message sits beside the amount to change.
            food[-1].add_error(
                "amount", f"Food and drink is paid up to {pounds(cap)} for one activity. Enter {pounds(cap)} or less"
            )

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this cost"

    def ask_for_receipts_again(self, files):
        """Browsers cannot keep a chosen file when the page comes back with errors, so say so at each such cost."""
        for form in self.forms:
            if form.add_prefix("receipt") in files and "receipt" not in form.errors:
                form.add_error("receipt", RECEIPT_AGAIN)


LineFormSet = forms.inlineformset_factory(
    ExpenseClaim,
    ClaimLine,
    form=ClaimLineForm,
    formset=BaseLineFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=20,
    validate_max=True,
)


class SubmitForm(forms.Form):
    """Submitting a draft needs nothing more; sending back a queried claim needs the answer."""

    answer = forms.CharField(
        label="Your answer",
        help_text="This goes to the engagement team with your claim.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Write your answer to the question"},
    )

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        if claim.status != ExpenseClaim.Status.QUERIED:
            del self.fields["answer"]


class DecisionForm(forms.Form):
    """For staff in the admin: the decisions open from where the claim is now."""

    CHOICES = {
        "approve": "Approve",
        "query": "Ask the member a question",
        "reject": "Reject",
        "mark_paid": "Mark as paid",
    }

    decision = forms.ChoiceField(widget=forms.RadioSelect)
    note = forms.CharField(
        label="Question or reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="The member sees this and is e-mailed it. Needed to ask a question or to reject.",
    )
    paid_on = forms.DateField(label="Payment date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    payment_reference = forms.CharField(required=False, max_length=100)

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            (action, label)
            for action, label in self.CHOICES.items()
            if claim.status in claim.TRANSITIONS[action].sources
        ]

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in ("query", "reject") and not data.get("note", "").strip():
            self.add_error("note", "Write the question or the reason: the member will see it.")
        if decision == "mark_paid":
            if not data.get("paid_on"):
                self.add_error("paid_on", "Give the date the claim was paid.")
            if not data.get("payment_reference", "").strip():
                self.add_error("payment_reference", "Give the payment reference.")
        return data


class AcceptLateForm(forms.Form):
    """For staff in the admin: why a claim after the deadline is accepted, kept on the claim."""

    reason = forms.CharField(
        label="Why accept it after the deadline?",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
        help_text="The member sees this on their claim; finance and auditors see it in the admin.",
        error_messages={"required": "Give the reason for accepting this claim after the deadline."},
    )


class RecordInvolvementForm(forms.Form):
    meeting = ChoiceField(
        queryset=Meeting.objects.none(),
        help_text="Each volunteer recorded as attending gets a payment at the group's rate, unless they declined. "
        "Running it again for the same meeting adds only people not paid yet.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        paying = ExpenseSettings.objects.filter(pays_involvement=True).values("group")
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(group__in=paying, start__lte=timezone.now())
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("group")
            .order_by("-start")
        )
