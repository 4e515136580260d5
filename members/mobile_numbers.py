"""UK mobile numbers, as people type them ("07700 900982", "+44 7700 900982") and as GOV.UK Notify texts them.

Stored in E.164 form ("+447700900982"), one spelling per number, and shown back in the
national form people know.
"""

import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField

INVALID = "Enter a UK mobile number, like 07700 900 982"
MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
# What people put between the digits.
SEPARATORS = re.compile(r"[\s()-]")
# 07 and 9 more digits, or the same after +44 or 0044 (also written "+44 (0)7…"), and nothing else:
# libphonenumber alone would read letters as keypad digits ("ext" as 398) and let extra digits through.
UK_MOBILE = re.compile(r"(?:0|(?:\+|00)440?)(7\d{9})")
# 07700 900000 to 900999: Ofcom keeps them for drama, so no one has them. libphonenumber calls them
# invalid, but they are the example people are shown and GOV.UK Notify's test numbers.
DRAMA = "7700900"


def to_e164(value: str) -> str:
    """The number in E.164 form; ValidationError unless it is a UK mobile number."""
    found = UK_MOBILE.fullmatch(SEPARATORS.sub("", value))
    if found is None:
        raise ValidationError(INVALID, code="invalid")
    number = phonenumbers.parse("+44" + found[1])
    # +44 covers the Channel Islands and the Isle of Man too, as UK networks and Notify do; 070 (personal
    # numbers) and 076 (pagers) are not mobiles, and take no text messages.
    mobile = phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in MOBILE
    if not (mobile or found[1].startswith(DRAMA)):
        raise ValidationError(INVALID, code="invalid")
    return "+44" + found[1]


def for_people(value: str) -> str:
    """ "+447700900982" as "07700 900982"; anything else as it is."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(value, "GB"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return value


class _AsTyped(BoundField):
    """After an error, the number exactly as it was typed, for the person to correct; only a number from the
    database is shown reformatted (prepare_value)."""

    def value(self):
        if self.form.is_bound and not self.field.disabled:
            return self.data
        return super().value()


class MobileNumberFormField(forms.CharField):
    bound_field_class = _AsTyped

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
