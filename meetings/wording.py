"""Dates and times in words, as the NHS.UK style guide writes them: "Tuesday 10 March 2026, 10am to 1pm"."""

from django.utils import timezone


def time_in_words(moment):
    local = timezone.localtime(moment)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def date_in_words(moment):
    local = timezone.localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y}"


def span_in_words(start, end):
    if timezone.localdate(start) == timezone.localdate(end):
        return f"{date_in_words(start)}, {time_in_words(start)} to {time_in_words(end)}"
    return f"{date_in_words(start)}, {time_in_words(start)} to {date_in_words(end)}, {time_in_words(end)}"
