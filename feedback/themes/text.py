"""Taking personal details out of free text before it is analysed or quoted."""

import re

import phonenumbers

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
# What phonenumbers might miss: any run of seven or more digits, with spaces, dashes or brackets.
DIGITS = re.compile(r"\+?\(?\d[\d\s()-]{6,}\d")


def strip_personal(text: str) -> str:
    """The text without e-mail addresses or phone numbers."""
    text = EMAIL.sub(" ", text)
    matches = list(phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE))
    for match in reversed(matches):
        text = text[: match.start] + " " + text[match.end :]
    return " ".join(DIGITS.sub(" ", text).split())
