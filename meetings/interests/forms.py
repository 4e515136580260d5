from django import forms

from engagement.core.forms import ChoiceField, DayMonthYearField

from .models import Interest


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["category", "description", "organisation", "partner", "started_on", "ended_on"]
        field_classes = {"partner": ChoiceField, "started_on": DayMonthYearField, "ended_on": DayMonthYearField}
        widgets = {"category": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "category": "What kind of interest is it?",
            "description": "Tell us about it",
            "organisation": "Which organisation is it with?",
            "partner": "Is the organisation one of our partners?",
            "started_on": "When did it start? (optional)",
            "ended_on": "When did it end? (optional)",
        }
        help_texts = {
            "partner": "Choose it if it is, so we can tell you when it brings a project to a meeting.",
            "started_on": "For example, 27 3 2024.",
            "ended_on": "Leave empty if it has not ended. Ended interests stay on the register for six months.",
        }
        error_messages = {
            "category": {"required": "Choose what kind of interest it is"},
            "description": {"required": "Tell us about the interest"},
            "organisation": {"required": "Enter the organisation"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radios with nothing ticked, not a "---------" choice: the kind has to be chosen on purpose.
        self.fields["category"].choices = Interest.Category.choices
        self.fields["partner"].empty_label = "No, or I am not sure"

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", "The end date must be the same as or after the start date")
        return cleaned
