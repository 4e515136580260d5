from datetime import timedelta

from django import forms

from engagement.core.forms import ChoiceField, ChoicesField

from .models import ChecklistArea, Comment, FeedbackPreference, Question, ResponseEntry

COMMENT_MAX_LENGTH = 10_000

BODY_ERRORS = {
    "required": "Enter your comment",
    "max_length": f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer",
}


def areas_field():
    return ChoicesField(
        label="Does your comment touch on any of these areas? (optional)",
        help_text="The person-centred areas every project is asked about.",
        queryset=ChecklistArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CommentForm(forms.ModelForm):
    body = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=BODY_ERRORS,
    )
    areas = areas_field()

    class Meta:
        model = Comment
        fields = ["question", "body", "areas"]
        field_classes = {"question": ChoiceField}
        widgets = {"question": forms.RadioSelect}
        labels = {"question": "What is your comment about?"}
        help_texts = {"question": ""}

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        if questions:
            field = self.fields["question"]
            field.queryset = field.queryset.filter(pk__in=[question.pk for question in questions])
            field.empty_label = "The project as a whole"
        else:
            del self.fields["question"]

    # The project page draws this form by hand (feedback/includes/comment_fields.html)
    # from the questions and areas it has already loaded: crispy and the fields'
    # own choices cost a query each and about a quarter of the page's time. A blank
    # form is drawn once per process for each set of questions (feedback/views.py).

    def question_options(self, questions):
        """(id, value, label, checked) for each radio: the project as a whole, then each question."""
        field = self["question"]
        chosen = str(field.value() or "")
        options = [("", self.fields["question"].empty_label)]
        options += [(str(question.pk), str(question)) for question in questions]
        return [
            (f"{field.auto_id}_{index}", value, label, value == chosen) for index, (value, label) in enumerate(options)
        ]

    def area_options(self, areas):
        """(id, value, label, checked) for each area's checkbox."""
        field = self["areas"]
        chosen = {str(value) for value in field.value() or ()}
        return [
            (f"{field.auto_id}_{index}", str(area.pk), str(area), str(area.pk) in chosen)
            for index, area in enumerate(areas)
        ]


class ReplyForm(forms.ModelForm):
    body = forms.CharField(
        label="Your reply",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={**BODY_ERRORS, "required": "Enter your reply"},
    )

    class Meta:
        model = Comment
        fields = ["body"]


class EditCommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=BODY_ERRORS,
    )
    areas = areas_field()

    def __init__(self, *args, is_reply=False, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        if is_reply:
            # Replies are written without areas (ReplyForm); changing one offers none either,
            # nor a question: a reply stays with the comment it answers.
            self.fields["body"].label = "Your reply"
            del self.fields["areas"]
        elif questions:
            question = ChoiceField(
                label=CommentForm.Meta.labels["question"],
                queryset=Question.objects.filter(pk__in=[question.pk for question in questions]),
                required=False,
                widget=forms.RadioSelect,
            )
            question.empty_label = "The project as a whole"
            self.fields = {"question": question, **self.fields}


class EmailSettingsForm(forms.ModelForm):
    closing_reminders = forms.TypedChoiceField(
        label="Do you want a reminder before comments close?",
        help_text="We e-mail you 3 days before comments close on a project you have not commented on yet.",
        choices=[(True, "Yes, remind me"), (False, "No, do not remind me")],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you want a reminder"},
    )

    class Meta:
        model = FeedbackPreference
        fields = ["closing_reminders"]


class ResponseFilterForm(forms.Form):
    """Which group, period and outcome the "You Said, We Did" page shows; anything missing or wrong means the default."""

    # Choice, label, and how many days back it reaches (None: no limit).
    PERIODS = [("3", "The last 3 months", 91), ("12", "The last 12 months", 365), ("all", "All time", None)]
    DEFAULT_PERIOD = "12"

    period = forms.ChoiceField(
        label="Published in",
        choices=[(key, label) for key, label, _ in PERIODS],
        initial=DEFAULT_PERIOD,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "All outcomes"), *ResponseEntry.Outcome.choices], required=False
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {group.slug: group for group in groups}
        if len(groups) > 1:
            self.fields = {
                "group": forms.ChoiceField(label="Group", choices=[(g.slug, g.name) for g in groups], required=False),
                **self.fields,
            }

    def chosen(self, today):
        """(group or None, published since or None, outcome or "")."""
        data = self.cleaned_data if self.is_valid() else {}
        group = self.groups.get(data.get("group")) or next(iter(self.groups.values()), None)
        days = {key: days for key, _, days in self.PERIODS}[data.get("period") or self.DEFAULT_PERIOD]
        since = today - timedelta(days=days) if days else None
        return group, since, data.get("outcome", "")
