import re

from django import forms
from django.core.exceptions import ValidationError

from feedback.planning.models import Stakeholder
from members.models import User

from .models import Registration

YES_NO = [("yes", "Yes, I can come"), ("no", "No, I cannot come")]
PHONE_INVALID = "Enter a phone number, like 01632 960 001 or 07700 900 982"


def validate_phone(value):
    """Loosely, a UK landline or mobile as people write it ("01632 960 001", "+44 (0)7700 900982"): digits,
    spaces, brackets, dashes and a leading +, with at least 10 digits. Staff only read it to phone them."""
    if not re.fullmatch(r"\+?[\d\s()-]+", value) or len(re.sub(r"\D", "", value)) < 10:
        raise ValidationError(PHONE_INVALID, code="invalid")


class AccessQuestions(forms.Form):
    """What would help someone take part, asked the same way of invitees and of the public."""

    access_needs = forms.MultipleChoiceField(
        label="Would you need any of these? (optional)",
        help_text="Select all that apply. We will arrange them for you.",
        choices=Registration.AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_details = forms.CharField(
        label="Tell us more about what would help you take part (optional)",
        help_text="For example, which language you need interpreted, or what you cannot eat.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anything_else = forms.CharField(
        label="Is there anything else you would like us to know? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wants_outcomes = forms.BooleanField(
        label="Tell me what changed because of this event",
        help_text="We will e-mail you once, when we publish what we did with what people said.",
        required=False,
    )

    ANSWERS = ["access_needs", "access_details", "anything_else", "wants_outcomes"]

    def answers(self):
        return {name: self.cleaned_data[name] for name in self.ANSWERS}


class ReplyForm(AccessQuestions):
    coming = forms.ChoiceField(
        label="Can you come?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you can come, or no if you cannot"},
    )

    field_order = ["coming", *AccessQuestions.ANSWERS]

    @classmethod
    def for_registration(cls, registration, data=None):
        """The form, showing what they answered before when they come back to change it."""
        initial = {name: getattr(registration, name) for name in cls.ANSWERS}
        Status = Registration.Status
        if registration.status in (Status.COMING, Status.WAITING):
            initial["coming"] = "yes"
        elif registration.status in (Status.NOT_COMING, Status.CANCELLED):
            initial["coming"] = "no"
        return cls(data, initial=initial)

    @property
    def is_coming(self):
        return self.cleaned_data["coming"] == "yes"


class SignUpForm(AccessQuestions):
    HONEYPOT = "website"

    name = forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter your full name"},
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="We will send you a confirmation, and a link to change or cancel your place.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.com",
        },
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        help_text="If we may need to phone you about the event.",
        max_length=30,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation = forms.CharField(
        label="Organisation or group you are part of (optional)",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    category = forms.ChoiceField(
        label="Which of these best describes you? (optional)",
        help_text="We count how many people of each kind came, without names.",
        # In plain words for the public; each is one of the categories the report counts (Registration.CATEGORIES).
        choices=[
            ("public", "A member of the public"),
            ("carer", "A carer"),
            (Stakeholder.Category.PPG, "A patient group member"),
            (Stakeholder.Category.VOLUNTARY_SECTOR, "Someone from a voluntary or community group"),
            ("health_care_staff", "Someone who works in health or care"),
            (Stakeholder.Category.OTHER, "Someone else"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    # Hidden from people (and screen readers); bots that fill every field fill this one too.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["name", "email", "phone", "organisation", "category", *AccessQuestions.ANSWERS]

    def is_bot(self):
        return bool(self.data.get(self.HONEYPOT))

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"])

    def details(self):
        """The registration's fields, as services.sign_up takes them."""
        return {
            "name": self.cleaned_data["name"],
            "email": self.cleaned_data["email"],
            "phone": self.cleaned_data["phone"],
            "organisation": self.cleaned_data["organisation"],
            "category": self.cleaned_data["category"] or Stakeholder.Category.OTHER,
            **self.answers(),
        }


class InviteForm(forms.Form):
    """Staff choose stakeholders from the event's plan: whole categories, or people one by one, or both."""

    categories = forms.MultipleChoiceField(
        label="Everyone in these categories",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stakeholders = forms.ModelMultipleChoiceField(
        label="Or these people",
        queryset=Stakeholder.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        on_plan = Stakeholder.objects.filter(plan=event.plan_id).order_by("category", "name", "pk")
        replies = dict(event.registrations.exclude(stakeholder=None).values_list("stakeholder_id", "status"))
        labels = dict(Registration.Status.choices) | {Registration.Status.INVITED: "no reply yet"}
        present = set()
        # People invited before are listed with their reply, and have no box: they cannot be invited twice.
        # (The field still accepts them, so a page left open from before they were invited gets the
        # confirmation page, which leaves them out and says so, rather than an error.)
        self.already = []
        boxes = []
        self.on_plan_count = 0
        for stakeholder in on_plan:
            self.on_plan_count += 1
            present.add(stakeholder.category)
            if stakeholder.pk in replies:
                self.already.append(
                    f"{stakeholder_label(stakeholder)} (invited: {labels[replies[stakeholder.pk]].lower()})"
                )
            else:
                boxes.append(
                    (
                        str(stakeholder.pk),
                        stakeholder_label(stakeholder) + ("" if stakeholder.email else " (no e-mail address)"),
                    )
                )
        self.fields["categories"].choices = [
            (value, label) for value, label in Stakeholder.Category.choices if value in present
        ]
        self.fields["stakeholders"].queryset = on_plan
        self.fields["stakeholders"].widget.choices = boxes

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("categories") and not cleaned.get("stakeholders"):
            raise forms.ValidationError("Choose a category, or at least one person, to invite.")
        return cleaned

    def chosen(self):
        # Whole categories include anyone invited before: services.invitees counts them as left out.
        by_category = Stakeholder.objects.filter(plan=self.event.plan_id, category__in=self.cleaned_data["categories"])
        return list(set(by_category) | set(self.cleaned_data["stakeholders"]))


def stakeholder_label(stakeholder):
    return f"{stakeholder}: {stakeholder.get_category_display()}"


class RegisterForm(forms.Form):
    """The register on the day: a tick for each person who came, and a walk-in to add."""

    present = forms.MultipleChoiceField(label="Who came", required=False, widget=forms.CheckboxSelectMultiple)
    walk_in_name = forms.CharField(label="Name", max_length=150, required=False)
    walk_in_organisation = forms.CharField(label="Organisation", max_length=150, required=False)
    walk_in_category = forms.ChoiceField(
        label="Who they are",
        help_text="The report counts people by this. Choose Other if none fits.",
        choices=[("", "Choose one"), *Registration.CATEGORIES],
        required=False,
    )
    walk_in_different = forms.BooleanField(
        label="This is a different person",
        label_suffix="",
        help_text="Tick this if someone on the register has the same name, but this is someone else.",
        required=False,
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        self.fields["present"].choices = [(str(line.pk), line.name) for line in self.lines]
        self.fields["present"].initial = [str(line.pk) for line in self.lines if line.attended]

    def present_ids(self):
        return {int(pk) for pk in self.cleaned_data["present"]}

    def clean(self):
        cleaned = super().clean()
        name = " ".join(cleaned.get("walk_in_name", "").split())
        if not name:
            return cleaned
        if not cleaned.get("walk_in_category"):
            self.add_error("walk_in_category", "Choose who they are, or Other if none fits")
        same = [line for line in self.lines if " ".join(line.name.split()).casefold() == name.casefold()]
        if same and not cleaned.get("walk_in_different"):
            self.add_error(
                "walk_in_name",
                f"{same[0].name} is already on the register: tick their name above instead. If this is someone "
                "else with the same name, tick “This is a different person” and save again",
            )
        return cleaned

    def walk_in(self):
        if not self.cleaned_data["walk_in_name"].strip():
            return None
        return {
            "name": self.cleaned_data["walk_in_name"].strip(),
            "organisation": self.cleaned_data["walk_in_organisation"],
            "category": self.cleaned_data["walk_in_category"],
        }
