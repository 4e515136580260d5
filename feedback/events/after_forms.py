"""Forms for after the event: staff typing in what was heard and theming it, and attendees' feedback."""

import re

from django import forms

from feedback.models import Theme

from .models import Evaluation, Event, EventFeedback

# Far more than any flipchart session; a paste this long is a mistake (a whole document), not feedback.
MAX_ITEMS = 500
MAX_TEXT = 5000


BLANK_LINE = re.compile(r"\n\s*\n")
# A line break followed by a bullet or "1." / "1)": where a typed-up list starts its next item.
MARKED_LINE = re.compile(r"\n(?=\s*(?:[-*•]|\d+[.)])\s)")
# Bullets and numbers from a typed-up list are not part of what was said.
MARKER = re.compile(r"^(?:[-*•]|\d+[.)])\s+")


def split_items(text: str) -> list[str]:
    """One item per paragraph when the paste has blank lines between items, otherwise one per line;
    a line that starts with a bullet or a number always starts a new item.

    So notes typed one point to a line, longer comments that run over several lines with a blank
    line between them, and a typed-up list, all come out as one item each.
    """
    text = text.replace("\r\n", "\n").strip()
    if BLANK_LINE.search(text):
        blocks = [MARKED_LINE.split(block) for block in BLANK_LINE.split(text)]
        pieces = [piece for block in blocks for piece in block]
    else:
        pieces = text.split("\n")
    items = [" ".join(MARKER.sub("", piece.strip()).split()) for piece in pieces]
    return [item for item in items if item]


class PasteFeedbackForm(forms.Form):
    text = forms.CharField(
        label="What was said",
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text="Paste or type everything from one source at once: one item to a line, or leave a blank line "
        "between items that run over several lines.",
        error_messages={"required": "Type or paste what was said"},
    )
    source = forms.ChoiceField(
        label="Where it came from",
        choices=[
            (value, label) for value, label in EventFeedback.Source.choices if value != EventFeedback.Source.ONLINE
        ],
        initial=EventFeedback.Source.FLIPCHART,
        widget=forms.RadioSelect,
    )

    def clean_text(self):
        items = split_items(self.cleaned_data["text"])
        if not items:
            raise forms.ValidationError("Type or paste what was said")
        if len(items) > MAX_ITEMS:
            raise forms.ValidationError(
                f"That is {len(items)} items: paste at most {MAX_ITEMS} at a time, in several goes"
            )
        return items


class ThemeFeedbackForm(forms.Form):
    """Tick items of the event's feedback and choose one theme for them all."""

    items = forms.ModelMultipleChoiceField(
        queryset=EventFeedback.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick the feedback to give a theme"},
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        required=False,
        empty_label="No theme (take the theme away)",
        label="Theme",
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = event.feedback.all()


class NextStepsForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["next_steps"]
        widgets = {"next_steps": forms.Textarea(attrs={"rows": 4, "cols": 80})}


class AttendeeFeedbackForm(forms.Form):
    text = forms.CharField(
        label="What would you like to tell us? (optional)",
        help_text="About the plans we talked about, or anything you did not get to say on the day.",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 40}),
        error_messages={"max_length": f"What you want to tell us must be {MAX_TEXT} characters or fewer"},
    )
    # The choices' values are text, as the page sends them, so a choice stays ticked when the page is shown again.
    usefulness = forms.TypedChoiceField(
        label="How useful was the event for you?",
        choices=[(str(value), label) for value, label in Evaluation.Usefulness.choices],
        coerce=int,
        error_messages={"required": "Choose how useful the event was for you"},
    )
    what_to_change = forms.CharField(
        label="What should we change next time? (optional)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40}),
        error_messages={"max_length": f"What we should change must be {MAX_TEXT} characters or fewer"},
    )

    def clean_text(self):
        return self.cleaned_data["text"].strip()

    def clean_what_to_change(self):
        return self.cleaned_data["what_to_change"].strip()
