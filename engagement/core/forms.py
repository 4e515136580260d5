"""Form helpers every app uses: safe ids from text anyone can send, and binding a form to a POST."""

import calendar
from datetime import date

from django import forms


def submitted(request):
    """The data to bind a form to: the POST, even an empty one (every box left unticked still
    has to be validated and answered with its errors), or None for a GET."""
    return request.POST if request.method == "POST" else None


def as_id(value):
    """The database id that text sent by anyone can be, or None: for letters, for digits of other
    scripts ("¹" and "٣" pass str.isdigit()), and for numbers too big for a 64-bit id."""
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and int(text) <= 2**63 - 1 else None


class ChoiceField(forms.ModelChoiceField):
    """A choice of one record: a value that cannot be an id (letters, or a number too big for
    the database) is refused like any unknown choice, instead of reaching the database."""

    def to_python(self, value):
        if value not in self.empty_values and as_id(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ChoicesField(forms.ModelMultipleChoiceField):
    """Checkboxes of records, with the same guard as ChoiceField."""

    def _check_values(self, value):
        for item in value:
            if as_id(item) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super()._check_values(value)


class DayMonthYearWidget(forms.MultiWidget):
    """The NHS.UK date input: a box each for day, month and year, drawn by
    templates/nhsuk/layout/date_input.html. People type a date they know faster than they pick
    it from the browser's calendar, which also shows dates month first in some browsers."""

    PARTS = (("Day", "nhsuk-input--width-2"), ("Month", "nhsuk-input--width-2"), ("Year", "nhsuk-input--width-4"))

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(attrs={"inputmode": "numeric"}) for _ in self.PARTS], attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, (label, width) in zip(context["widget"]["subwidgets"], self.PARTS, strict=True):
            part.update(label=label, width=width)
        return context


MONTH_NAMES = {
    name: number
    for number, month in enumerate(calendar.month_name[1:], start=1)
    for name in (month.lower(), month[:3].lower())
}


class DayMonthYearField(forms.MultiValueField):
    """A date typed as day, month and year. The month may also be a name ("March", "Mar")."""

    widget = DayMonthYearWidget
    default_error_messages = {
        "invalid": "Enter a real date, for example 27 3 2026",
        "incomplete": "Enter the day, month and year",
    }

    def __init__(self, **kwargs):
        parts = [forms.CharField(required=False, strip=True) for _ in DayMonthYearWidget.PARTS]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not any(values):
            return None
        day, month, year = values
        if not (day and month and year):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        month = MONTH_NAMES.get(month.lower(), month)
        # Four figures for the year: "26" could be 1926 or 2026.
        if not (_figures(day) and _figures(str(month)) and _figures(year) and len(year) == 4):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def _figures(text):
    # Only 0 to 9: str.isdigit() also passes "²" and digits of other scripts, which int() can refuse.
    return text.isascii() and text.isdigit()
