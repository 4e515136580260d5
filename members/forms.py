from contextlib import suppress

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from engagement.core import channels
from engagement.core.forms import ChoiceField, ChoicesField

from .mobile_numbers import to_e164
from .models import EqualityMonitoring, User


def axes_username(request, credentials=None):
    """The name django-axes counts failed sign-ins under: the e-mail address as sign-in reads it,
    so "Jo@Example.org" and "jo@example.org" share one count instead of five tries each."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = credentials.get(field) if credentials else request.POST.get(field)
    return User.objects.normalize_email(raw or "")


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "The e-mail address or password is not right. Check them and try again.",
        "inactive": "This account is not active. Contact the engagement team.",
    }


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form (the old password checked, the new one against AUTH_PASSWORD_VALIDATORS), in plain words."""

    error_messages = {
        "password_incorrect": "Your current password is not right. Enter it again",
        "password_mismatch": "The two new passwords are different. Type the same new password twice",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Your current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password2"].error_messages["required"] = "Type the new password again"


class MemberAddForm(forms.ModelForm):
    """Staff add a person without a password: the invitation lets them choose one."""

    class Meta:
        model = User
        fields = ["email", "full_name", "preferred_name", "communication_preference"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "preferred_name",
            "phone",
            "address",
            "postcode",
            "locality",
            "lived_experience",
            "communication_preference",
            "access_needs",
            "access_needs_other",
        ]
        widgets = {
            "preferred_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "lived_experience": forms.CheckboxSelectMultiple,
            "communication_preference": forms.RadioSelect,
            "access_needs": forms.CheckboxSelectMultiple,
            "access_needs_other": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"locality": ChoiceField, "lived_experience": ChoicesField, "access_needs": ChoicesField}
        labels = {
            "preferred_name": "Preferred name (optional)",
            "phone": "Phone number (optional)",
            "address": "Postal address (optional)",
            "postcode": "Postcode (optional)",
            "locality": "The area you live in",
            "lived_experience": "Your lived experience (optional)",
            "communication_preference": "How would you like us to contact you?",
            "access_needs": "Formats and support that help you take part (optional)",
            "access_needs_other": "Anything else we should know? (optional)",
        }
        help_texts = {
            "lived_experience": "What you know from your own life: as a patient, a carer, or in your family or "
            "community. This helps us make sure the group hears from people with different experiences.",
            "communication_preference": "If you choose post or phone, we will not send you meeting e-mails.",
        }

    def clean_postcode(self):
        return self.cleaned_data["postcode"].upper().strip()


class EqualityMonitoringForm(forms.ModelForm):
    consent = forms.BooleanField(
        label="I agree to the engagement team keeping these answers",
        help_text="We use them only to see, in total numbers, whether the group reflects the people it serves. "
        "No one else in the group sees them. You can change or delete them at any time.",
        error_messages={"required": "Tick the box to agree, or leave this page without saving"},
    )

    class Meta:
        model = EqualityMonitoring
        fields = EqualityMonitoring.CHARACTERISTICS
        widgets = {name: forms.RadioSelect for name in EqualityMonitoring.CHARACTERISTICS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in EqualityMonitoring.CHARACTERISTICS:
            field = self.fields[name]
            field.required = False
            field.label = f"{field.label} (optional)"
            # Drop the empty "---------" choice: leaving every box unticked means "not answered".
            field.choices = [choice for choice in field.choices if choice[0]]
        if self.instance.pk:
            self.fields["consent"].initial = True

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.consent_given_at = timezone.now()
        return super().save(commit)


class TwoFactorForm(forms.Form):
    code = forms.CharField(
        label="Enter the 6-digit code from your app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "nhsuk-input--width-10"}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                "That code is not right. Check the time on your phone is correct, and use the newest code."
            )
        return code


class TextMessagesForm(forms.ModelForm):
    """A member's mobile number and whether to text them meeting reminders (members/mobile_numbers.py)."""

    class Meta:
        model = User
        fields = ["mobile_number", "text_reminders"]
        labels = {"mobile_number": "UK mobile number (optional)"}
        help_texts = {"mobile_number": "For example, 07700 900 982."}

    # What else each person gets, besides the text (channels.py): meeting reminders go by e-mail, never by post.
    ALSO = {
        User.CommunicationPreference.EMAIL: "You still get the e-mail reminder.",
        User.CommunicationPreference.POST: "Invitations, papers and changes to meetings still come by post.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance
        if channels.texted_whatever_they_tick(person):
            # A tick box would not change anything for them.
            del self.fields["text_reminders"]
            self.fields["mobile_number"].help_text = (
                "You asked us to contact you by phone. With a mobile number, we text you meeting reminders. "
                "For example, 07700 900 982."
            )
        else:
            self.fields["text_reminders"].help_text = (
                "A short text message a few days before each meeting you are invited to, with the date, time and "
                f"place. {self.ALSO.get(person.communication_preference, '')}"
            ).strip()
        if not person.mobile_number and person.phone:
            # A mobile number already given as their phone number, for them to confirm rather than type again.
            with suppress(forms.ValidationError):
                self.initial["mobile_number"] = to_e164(person.phone)

    def clean(self):
        cleaned = super().clean()
        # A number that was typed but is not right already has its own error.
        if cleaned.get("text_reminders") and not cleaned.get("mobile_number") and "mobile_number" not in self.errors:
            self.add_error("mobile_number", "Enter a UK mobile number to get text message reminders")
        return cleaned
