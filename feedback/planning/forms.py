from django import forms

from feedback.forms import BODY_ERRORS, COMMENT_MAX_LENGTH

from .models import PlanComment

ANSWER_MAX_LENGTH = 5_000


class PlanCommentForm(forms.ModelForm):
    body = forms.CharField(
        label="Your comment on the plan",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=BODY_ERRORS,
    )

    class Meta:
        model = PlanComment
        fields = ["body"]


def _answer_field(area, label, hint):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"{area.name}: {label.lower().rstrip('?')} must be {ANSWER_MAX_LENGTH:,} characters or fewer"
        },
    )


class SurveyForm(forms.Form):
    """Two free-text answers for each area; any may be left empty, but not all of them."""

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            self.fields[self._name(area, "well")] = _answer_field(
                area, "What is working well?", "Examples help: what happened, and where."
            )
            self.fields[self._name(area, "better")] = _answer_field(
                area, "What could be better?", "What would you change, and why?"
            )

    @staticmethod
    def _name(area, which):
        return f"area-{area.pk}-{which}"

    def clean(self):
        cleaned = super().clean()
        names = [self._name(area, which) for area in self.areas for which in ("well", "better")]
        if not any(cleaned.get(name, "").strip() for name in names):
            self.add_error(None, "Answer at least one question. You can leave out any area you have no view on.")
        return cleaned

    def sections(self):
        """(area, bound "working well" field, bound "could be better" field) for each area, in order."""
        return [(area, self[self._name(area, "well")], self[self._name(area, "better")]) for area in self.areas]

    def answers(self):
        return {
            area: (
                self.cleaned_data[self._name(area, "well")].strip(),
                self.cleaned_data[self._name(area, "better")].strip(),
            )
            for area in self.areas
        }


class TelephoneSurveyForm(SurveyForm):
    """Staff type in answers someone gave by telephone, for an invitation not yet used or for someone not invited."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        answer_fields = self.fields
        self.fields = {
            "invitation": forms.ModelChoiceField(
                label="Who gave these answers?",
                help_text="Choose them if they were invited. Their private link then stops working, "
                "so they cannot answer twice.",
                queryset=survey.invitations.filter(used_at=None),
                required=False,
                empty_label="Someone not on the invitation list",
            ),
            "respondent_name": forms.CharField(
                label="Their name, if they were not invited", max_length=150, required=False
            ),
            "organisation": forms.CharField(label="Their organisation (optional)", max_length=150, required=False),
            **answer_fields,
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("invitation") and not cleaned.get("respondent_name", "").strip():
            self.add_error("respondent_name", "Enter the person’s name, or choose them from the invitation list")
        return cleaned
