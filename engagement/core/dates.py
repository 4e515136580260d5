"""Dates every app shares: the group's local day, whole months, the UK financial year, reading typed dates."""

import calendar
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

# Closing dates and deadlines are days in the groups' own area: a day ends at
# midnight there, whatever the server's clock says.
LOCAL_TIMEZONE = ZoneInfo("Europe/London")

# Every date typed by staff or read from an imported file: the day always first, never the month
# (03/04/2027 is 3 April). The first is how dates are shown in forms and written to CSV files.
# ISO (2029-12-31) is the one exception: no one writes the year first and means the month last.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 31/12/2029, 3/4/2027
    "%d/%m/%y",  # 31/12/29
    "%d-%m-%Y",  # 31-12-2029
    "%d.%m.%Y",  # 31.12.2029
    "%d %b %Y",  # 31 Dec 2029
    "%d %B %Y",  # 31 December 2029
    "%Y-%m-%d",  # 2029-12-31
]
DATE_EXAMPLES = "31/12/2029 or 31 December 2029"


def local_today(now=None):
    return (now or timezone.now()).astimezone(LOCAL_TIMEZONE).date()


def start_of_day(day):
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIMEZONE)


def end_of_day(day):
    return start_of_day(day + timedelta(days=1))


def add_months(day, months):
    """The same day `months` later (or earlier, if negative); the month's last day when that month is
    shorter (31 January + 1 = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def financial_year_of(day):
    """The year the financial year containing `day` starts in: 2025 for any day from 1 April 2025 to 31 March 2026."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(start_year):
    """First and last day of the UK financial year (April to March) starting in April of `start_year`."""
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def parse_uk_date(value):
    """A date from a spreadsheet cell or typed text, day first; None if blank. ValueError in plain words otherwise."""
    if isinstance(value, datetime):  # an Excel date cell
        return value.date()
    if isinstance(value, date):
        return value
    # Spreadsheets keep stray spaces and a comma now and then: "31 Dec, 2029".
    text = " ".join(str(value or "").replace(",", " ").split())
    if not text:
        return None
    for form in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{1,2}/(1[3-9]|2\d|3[01])/\d{2,4}", text):
        raise ValueError(f"“{text}” has the month first. Write the day first, like {DATE_EXAMPLES}.")
    raise ValueError(f"“{text}” is not a date we can read. Write the day first, like {DATE_EXAMPLES}.")
