from django import forms

from .services import same_name


class SignAgreementForm(forms.Form):
    typed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=150,
        help_text="Use the full name on your profile.",
        error_messages={"required": "Type your full name to sign the agreement"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_typed_name(self):
        typed = self.cleaned_data["typed_name"]
        if not same_name(typed, self.person.full_name):
            raise forms.ValidationError(
                "Type your full name as it is on your profile. If your profile has the wrong name, "
                "change it first or e-mail the engagement team."
            )
        return typed
