from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from engagement.core.forms import ChoiceField
from members.models import EngagementGroup

from .attendance import Mark
from .models import Meeting, MinutesComment, Reply, Venue
from .schedule import LAST, Rule, occurrences


class ReplyForm(forms.Form):
    response = forms.ChoiceField(
        label="Will you come to this meeting?",
        choices=[
            (Reply.Response.ATTENDING, "Yes, I will be there"),
            (Reply.Response.APOLOGIES, "No, I am sending my apologies"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you will come to the meeting"},
    )
    note = forms.CharField(
        label="Anything to tell us? (optional)",
        help_text="For example, if you will join online, arrive late or need anything on the day.",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LinkReplyForm(forms.Form):
    note = ReplyForm.base_fields["note"]


WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"), (5, "Saturday")]
ORDINALS = [(1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (LAST, "Last")]


class GenerateMeetingsForm(forms.Form):
    group = forms.ModelChoiceField(EngagementGroup.objects.filter(is_active=True))
    title = forms.CharField(initial="Group meeting", max_length=150)
    ordinal = forms.TypedChoiceField(label="Which week", choices=ORDINALS, coerce=int, initial=2)
    weekday = forms.TypedChoiceField(label="Day", choices=WEEKDAYS, coerce=int, initial=1)
    every_months = forms.IntegerField(label="Every how many months", min_value=1, max_value=12, initial=2)
    first_month = forms.DateField(
        label="Month of the first meeting", help_text="Any day in that month, e.g. 2027-01-01"
    )
    count = forms.IntegerField(label="How many meetings", min_value=1, max_value=24, initial=6)
    start = forms.TimeField(label="Starts at", initial="10:00")
    end = forms.TimeField(label="Ends at", initial="13:00")
    venue = forms.ModelChoiceField(Venue.objects.all(), required=False)
    online_link = forms.URLField(required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["end"] <= data["start"]:
            raise ValidationError("The meeting must end after it starts.")
        if not data.get("venue") and not data.get("online_link"):
            raise ValidationError("Give a venue, an online joining link, or both.")
        try:
            data["occurrences"] = occurrences(self.rule(data))
        except ValueError as error:
            raise ValidationError(str(error)) from None
        return data

    @staticmethod
    def rule(data):
        first = data["first_month"]
        return Rule(
            first_month=date(first.year, first.month, 1),
            count=data["count"],
            every_months=data["every_months"],
            weekday=data["weekday"],
            ordinal=data["ordinal"],
            start=data["start"],
            end=data["end"],
        )

    def create_meetings(self):
        data = self.cleaned_data
        return Meeting.objects.bulk_create(
            Meeting(
                group=data["group"],
                title=data["title"],
                start=start,
                end=end,
                venue=data.get("venue"),
                online_link=data.get("online_link") or "",
            )
            for start, end in data["occurrences"]
        )


class RegisterForm(forms.Form):
    """One row of radio buttons per person on a meeting's register (attendance.register_lines)."""

    def __init__(self, lines, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        for person, mark in lines:
            name = f"person-{person.pk}"
            self.fields[name] = forms.ChoiceField(
                label=person.full_name, choices=Mark.choices, initial=mark, widget=forms.RadioSelect
            )
            self.people[name] = person

    def marks(self):
        """{user id: Mark} as ticked."""
        return {self.people[name].pk: Mark(value) for name, value in self.cleaned_data.items()}


class AttendancePeriodForm(forms.Form):
    group = ChoiceField(queryset=EngagementGroup.objects.filter(is_active=True), empty_label=None)
    first = forms.DateField(label="From", help_text="Day first, e.g. 1/4/2026.")
    last = forms.DateField(label="To", help_text="Day first, e.g. 31/3/2027.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("first") and cleaned.get("last") and cleaned["last"] < cleaned["first"]:
            raise ValidationError("The period must end on or after the day it starts.")
        return cleaned


class MinutesCommentForm(forms.ModelForm):
    class Meta:
        model = MinutesComment
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 5})}
        labels = {"kind": "Is this a comment or an amendment?", "text": "Your comment or amendment"}
        help_texts = {
            "kind": "An amendment is a change you want made to the wording of the minutes.",
            "text": "Say which item it is about. For an amendment, give the words you would like instead.",
        }
        error_messages = {"text": {"required": "Enter your comment or amendment"}}
