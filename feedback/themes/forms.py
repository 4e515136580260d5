from django import forms

from .bounds import HIGHEST, LOWEST, MAX_THEMES, MIN_THEMES
from .drafts import REWRITE, is_unrewritten_draft


class DraftNotice:
    """For a response entry's admin forms: a drafted entry says it must be rewritten before publishing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "what_we_heard" in self.fields and is_unrewritten_draft(self.instance):
            self.fields["what_we_heard"].help_text = (
                f"{REWRITE}. This was drafted from the comments' own words; the response cannot be "
                "published until you have rewritten it as a summary."
            )


class StartForm(forms.Form):
    part = forms.ChoiceField(label="Which answers", required=False)
    min_themes = forms.IntegerField(
        label="At least this many themes", min_value=LOWEST, max_value=HIGHEST, initial=MIN_THEMES
    )
    max_themes = forms.IntegerField(
        label="At most this many themes", min_value=LOWEST, max_value=HIGHEST, initial=MAX_THEMES
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        if parts:
            self.fields["part"].choices = list(parts)
            self.fields["part"].required = True
        else:
            del self.fields["part"]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_themes"), cleaned.get("max_themes")
        if low is not None and high is not None and low > high:
            self.add_error("max_themes", "This must be the same as the lowest number or more.")
        return cleaned
