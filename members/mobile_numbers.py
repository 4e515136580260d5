"""UK mobile numbers, as people type them ("07700 900982", "+44 7700 900982") and as GOV.UK Notify texts them.

Stored in E.164 form ("+447700900982"), one spelling per number, and shown back in the
national form people know.
"""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models

INVALID = "Enter a UK mobile number, like 07700 900 982"
MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
# 07700 900000 to 900999: Ofcom keeps them for drama, so no one has them. libphonenumber calls them
# invalid, but they are the example people are shown and GOV.UK Notify's test numbers.
DRAMA = "7700900"


def to_e164(value: str) -> str:
    """The number in E.164 form; ValidationError unless it is a UK mobile number."""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID, code="invalid") from None
    # +44 covers the Channel Islands and the Isle of Man too, as UK networks and Notify do.
    mobile = phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in MOBILE
    if number.country_code != 44 or not (mobile or str(number.national_number).startswith(DRAMA)):
        raise ValidationError(INVALID, code="invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def for_people(value: str) -> str:
    """ "+447700900982" as "07700 900982"; anything else as it is."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(value, "GB"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return value


class MobileNumberFormField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return for_people(value) if value else value

    def to_python(self, value):
        value = super().to_python(value)
        return to_e164(value) if value else value


class MobileNumberField(models.CharField):
    """A UK mobile number in E.164 form; every form for it (the profile's, the admin's) checks and converts it."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MobileNumberFormField, **kwargs})
