from django import forms

from .bounds import HIGHEST, LOWEST, MAX_THEMES, MIN_THEMES
from .drafts import REWRITE, draft_of


class DraftNotice:
    """For a response entry's admin forms: a drafted entry says what must be written before publishing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        draft = draft_of(self.instance) if "what_we_heard" in self.fields else None
        if draft is None:
            return
        if not draft.is_rewritten:
            self.fields["what_we_heard"].help_text = (
                f"{REWRITE}. This was drafted from the comments' own words; the response cannot be "
                "published until you have summarised them, without copying any quote word for word."
            )
        if "how_we_reflected" in self.fields and not draft.is_reflected:
            self.fields["how_we_reflected"].help_text = (
                "Drafted from suggested themes: replace this with what changed because of it, or why not. "
                "The response cannot be published until you do."
            )


class StartForm(forms.Form):
    part = forms.ChoiceField(
        label="Which answers", required=False, error_messages={"required": "Choose which answers to theme."}
    )
    min_themes = forms.IntegerField(
        label="At least this many themes",
        min_value=LOWEST,
        max_value=HIGHEST,
        initial=MIN_THEMES,
        error_messages={
            "required": "Say the fewest themes to suggest.",
            "invalid": "Enter a whole number, like 3.",
            "min_value": f"Suggest at least {LOWEST} themes.",
            "max_value": f"Suggest at most {HIGHEST} themes.",
        },
    )
    max_themes = forms.IntegerField(
        label="At most this many themes",
        min_value=LOWEST,
        max_value=HIGHEST,
        initial=MAX_THEMES,
        error_messages={
            "required": "Say the most themes to suggest.",
            "invalid": "Enter a whole number, like 10.",
            "min_value": f"Suggest at least {LOWEST} themes.",
            "max_value": f"Suggest at most {HIGHEST} themes.",
        },
    )

    def __init__(self, *args, parts=(), count=0, **kwargs):
        """parts: [(key, label, how many texts)] for a source themed in parts; count: how many texts
        a source without parts has."""
        super().__init__(*args, **kwargs)
        self.counts = {key: texts for key, _, texts in parts} if parts else {"": count}
        if parts:
            self.fields["part"].choices = [
                (key, f"{label} ({texts} answer{'' if texts == 1 else 's'})") for key, label, texts in parts
            ]
            self.fields["part"].required = True
        else:
            del self.fields["part"]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_themes"), cleaned.get("max_themes")
        if low is not None and high is not None and low > high:
            self.add_error("max_themes", f"The most themes must be at least the fewest ({low}).")
        part = cleaned.get("part", "")
        if "part" not in self.errors and not self.counts.get(part):
            self.add_error(
                "part" if "part" in self.fields else None,
                "There are no answers of this kind to theme. Choose another."
                if "part" in self.fields
                else "There is nothing to theme yet: no texts were found.",
            )
        return cleaned
