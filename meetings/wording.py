"""Dates and times in words, as the NHS.UK style guide writes them: "Tuesday 10 March 2026, 10am to 1pm"."""

from django.utils import timezone


def time_in_words(moment):
    return _time(timezone.localtime(moment))


def date_in_words(moment):
    return _date(timezone.localtime(moment))


def span_in_words(start, end):
    # Each moment is made local once: the conversion looks up the current time zone, and lists show many spans.
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() == end.date():
        return f"{_date(start)}, {_time(start)} to {_time(end)}"
    return f"{_date(start)}, {_time(start)} to {_date(end)}, {_time(end)}"


def _time(local):
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def _date(local):
    return f"{local:%A} {local.day} {local:%B %Y}"
