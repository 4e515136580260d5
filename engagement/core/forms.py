"""Form helpers every app uses: safe ids from text anyone can send, and binding a form to a POST."""

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
