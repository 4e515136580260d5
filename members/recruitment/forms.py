from typing import NamedTuple

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


def characters(text):
    """How many characters the NHS.UK character count shows for `text`: a line break is one (the browser
    sends two, CR and LF), and a character outside the Basic Multilingual Plane, such as an emoji, is two
    (JavaScript counts UTF-16 code units). Counting the same way, the page and the server never disagree."""
    return len(text.replace("\r\n", "\n").encode("utf-16-le")) // 2


class Step(NamedTuple):
    slug: str
    title: str
    fields: list


# The form in short steps, each its own page; the answers wait in the session until they are sent from
# the "check your answers" page (members/recruitment/views.py).
STEPS = [
    Step("about-you", "About you", ["full_name", "email", "phone", "address", "postcode", "locality", "website"]),
    Step("experience", "Your experience", ["lived_experience", "why_interested"]),
    Step(
        "taking-part",
        "How you would take part",
        ["access_needs", "access_needs_other", "heard_via", "heard_via_other"],
    ),
    Step("equality", "Equality questions (optional)", [*EqualityMonitoring.CHARACTERISTICS, "consent"]),
]


class ExpressionOfInterestForm(forms.ModelForm):
    """The public form: all of it, to send, or one step's fields (`step`). Equality questions are optional and
    kept only with consent, apart from the application."""

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
    # Asked once, on the "check your answers" page, of someone who answered equality questions without
    # ticking the box above: their application goes either way.
    keep_equality = forms.ChoiceField(
        label="Do you want us to keep your equality answers?",
        help_text="You answered some equality questions but did not tick the box to agree to us keeping them.",
        choices=[
            ("yes", "Yes, keep my answers: I agree to the engagement team keeping them"),
            ("no", "No, leave my equality answers out"),
        ],
        required=False,
        widget=forms.RadioSelect,
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

    def __init__(self, *args, step=None, **kwargs):
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
        if step is not None:
            self.fields = {name: field for name, field in self.fields.items() if name in step.fields}
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
            if cleaned.get(name):
                # Stored as counted: a line break as one character.
                cleaned[name] = cleaned[name].replace("\r\n", "\n")
            limit, length = Application._meta.get_field(name).max_length, characters(cleaned.get(name) or "")
            if length > limit:
                self.add_error(name, f"{what} must be {limit:,} characters or fewer. You have {length:,} characters.")
        answers = {name: cleaned.get(name) for name in EqualityMonitoring.CHARACTERISTICS if cleaned.get(name)}
        if self.needs_equality_decision and not cleaned.get("keep_equality") and "keep_equality" in self.fields:
            self.add_error("keep_equality", "Choose whether we keep your equality answers or leave them out")
        consent = cleaned.get("consent") or cleaned.get("keep_equality") == "yes"
        self.equality_answers = answers if consent else {}
        return cleaned

    @property
    def needs_equality_decision(self):
        """Equality answers given without the box ticked to keep them. “Prefer not to say” needs no
        consent: someone who changes their mind can switch to it (a radio cannot be unticked)."""
        cleaned = getattr(self, "cleaned_data", {})
        personal = [
            name
            for name in EqualityMonitoring.CHARACTERISTICS
            if cleaned.get(name) and cleaned[name] != EqualityMonitoring.PREFER_NOT_TO_SAY
        ]
        return bool(personal) and not cleaned.get("consent")


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
