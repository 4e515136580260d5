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


# How a paste is split into items: staff say which, as guessing from one stray blank line merged one-line notes.
BY_LINE = "lines"
BY_BLANK_LINE = "blank_lines"
SPLITS = [(BY_LINE, "Each line is one item"), (BY_BLANK_LINE, "Items are separated by blank lines")]


def split_items(text: str, split: str = BY_LINE) -> list[str]:
    """One item per line (blank lines skipped), or with BY_BLANK_LINE one per paragraph, a line that starts
    with a bullet or a number starting a new item too, so a typed-up list comes out one item each."""
    text = text.replace("\r\n", "\n").strip()
    if split == BY_BLANK_LINE:
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
        help_text="Paste or type everything from one source at once.",
        error_messages={"required": "Type or paste what was said"},
    )
    split = forms.ChoiceField(
        label="How the items are separated",
        choices=SPLITS,
        initial=BY_LINE,
        widget=forms.RadioSelect,
        help_text="Choose blank lines when one item runs over several lines.",
    )
    source = forms.ChoiceField(
        label="Where it came from",
        choices=[
            (value, label) for value, label in EventFeedback.Source.choices if value != EventFeedback.Source.ONLINE
        ],
        initial=EventFeedback.Source.FLIPCHART,
        widget=forms.RadioSelect,
    )

    field_order = ["text", "split", "source"]

    def clean(self):
        cleaned = super().clean()
        if "text" not in cleaned or "split" not in cleaned:
            return cleaned
        items = split_items(cleaned["text"], cleaned["split"])
        if not items:
            self.add_error("text", "Type or paste what was said")
        elif len(items) > MAX_ITEMS:
            self.add_error("text", f"That is {len(items)} items: paste at most {MAX_ITEMS} at a time, in several goes")
        else:
            cleaned["items"] = items
        return cleaned


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
