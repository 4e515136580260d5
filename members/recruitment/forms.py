from django import forms
from django.core.validators import MaxLengthValidator

from engagement.core.forms import ChoiceField, ChoicesField
from members.models import EqualityMonitoring, User

from .models import ApplicantEquality, Application

# What each text box is called in a “too long” message.
LENGTH_NAMES = {
    "full_name": "Your full name",
    "email": "Your e-mail address",
    "phone": "Your phone number",
    "address": "Your postal address",
    "postcode": "Your postcode",
    "why_interested": "Why you would like to join",
    "access_needs_other": "What would help you at an interview",
    "heard_via_other": "Where you heard about this",
}


class ExpressionOfInterestForm(forms.ModelForm):
    """The public form. Equality questions are optional and kept only with consent, apart from the application."""

    HONEYPOT = "website"

    # Hidden from people (and screen readers); bots that fill every field fill this one too.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label="I agree to the engagement team keeping my equality answers",
        required=False,
        help_text="Only tick this if you have answered any of the questions above.",
    )

    class Meta:
        model = Application
        fields = [
            "full_name",
            "email",
            "phone",
            "address",
            "postcode",
            "locality",
            "lived_experience",
            "why_interested",
            "access_needs",
            "access_needs_other",
            "heard_via",
            "heard_via_other",
        ]
        labels = {
            "full_name": "Full name",
            "email": "E-mail address",
            "phone": "Phone number (optional)",
            "address": "Postal address (optional)",
            "postcode": "Postcode (optional)",
            "locality": "Which area do you live in?",
            "lived_experience": "Which of these do you have experience of? (optional)",
            "why_interested": "Why would you like to join?",
            "access_needs": "Would you need any of these at an interview? (optional)",
            "access_needs_other": "Anything else that would help you at an interview? (optional)",
            "heard_via": "Where did you hear about this? (optional)",
            "heard_via_other": "If somewhere else, where? (optional)",
        }
        help_texts = {
            "email": "We will send you a confirmation, and tell you what happens next.",
            "phone": "If you would like us to phone you.",
            "address": "If you would like us to write to you by post.",
            "lived_experience": "As a patient, a carer, or in your family or community. Select all that apply.",
            "why_interested": "Tell us in your own words. There are no right or wrong answers.",
            "access_needs": "Select all that apply. We will arrange them for you.",
        }
        field_classes = {
            "locality": ChoiceField,
            "heard_via": ChoiceField,
            "lived_experience": ChoicesField,
            "access_needs": ChoicesField,
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "class": "nhsuk-input--width-10"}),
            "locality": forms.RadioSelect,
            "lived_experience": forms.CheckboxSelectMultiple,
            "why_interested": forms.Textarea(attrs={"rows": 8}),
            "access_needs": forms.CheckboxSelectMultiple,
            "access_needs_other": forms.Textarea(attrs={"rows": 3}),
            "heard_via": forms.RadioSelect,
        }
        error_messages = {
            "full_name": {"required": "Enter your full name"},
            "email": {
                "required": "Enter your e-mail address",
                "invalid": "Enter an e-mail address in the correct format, like name@example.com",
            },
            "locality": {"required": "Select the area you live in"},
            "why_interested": {"required": "Tell us why you would like to join"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].empty_label = None
        self.fields["heard_via"].empty_label = None
        self.fields["locality"].required = True
        equality = forms.fields_for_model(
            ApplicantEquality,
            fields=EqualityMonitoring.CHARACTERISTICS,
            widgets={name: forms.RadioSelect for name in EqualityMonitoring.CHARACTERISTICS},
        )
        for name, field in equality.items():
            field.required = False
            # No empty “---------” radio: leaving them all unticked means “not answered”.
            field.choices = [choice for choice in field.choices if choice[0]]
            self.fields[name] = field
        self.order_fields([*self.Meta.fields, *EqualityMonitoring.CHARACTERISTICS, "consent", self.HONEYPOT])
        # Over-long text gets an error with a count (see clean), never silent truncation by the browser.
        for name in LENGTH_NAMES:
            field = self.fields[name]
            field.widget.attrs.pop("maxlength", None)
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        self.equality_answers = {}

    @property
    def limits(self):
        """Longest allowed text per field, for the character count on the page."""
        return {name: Application._meta.get_field(name).max_length for name in LENGTH_NAMES}

    @property
    def equality_fields(self):
        return [self[name] for name in EqualityMonitoring.CHARACTERISTICS]

    def is_bot(self):
        return bool(self.data.get(self.HONEYPOT))

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"])

    def clean_postcode(self):
        return self.cleaned_data["postcode"].upper().strip()

    def clean(self):
        cleaned = super().clean()
        for name, what in LENGTH_NAMES.items():
            limit, length = Application._meta.get_field(name).max_length, len(cleaned.get(name) or "")
            if length > limit:
                self.add_error(name, f"{what} must be {limit:,} characters or fewer. You have {length:,} characters.")
        answers = {name: cleaned.get(name) for name in EqualityMonitoring.CHARACTERISTICS if cleaned.get(name)}
        # “Prefer not to say” needs no consent: someone who changes their mind can
        # switch to it (a radio button cannot be unticked) and send without agreeing.
        personal = [value for value in answers.values() if value != EqualityMonitoring.PREFER_NOT_TO_SAY]
        if personal and not cleaned.get("consent"):
            self.add_error(
                "consent",
                "Tick the box to agree to us keeping your equality answers, or choose “Prefer not to say” for each one",
            )
        self.equality_answers = answers if cleaned.get("consent") else {}
        return cleaned


class ApplicationAdminForm(forms.ModelForm):
    """Staff change an application's status here; the step is checked by the model and recorded with the note."""

    note = forms.CharField(
        label="Note for the history",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: why the status changed, or anything the panel should know. Kept with the history.",
    )

    class Meta:
        model = Application
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose which are shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            # Appointing creates the person and membership, so it has its own button.
            self.fields["status"].choices = [
                choice for choice in self.fields["status"].choices if choice[0] != Application.Status.APPOINTED
            ]
