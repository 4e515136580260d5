"""Dates every app shares: the group's local day, whole months, the UK financial year."""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

# Closing dates and deadlines are days in the groups' own area: a day ends at
# midnight there, whatever the server's clock says.
LOCAL_TIMEZONE = ZoneInfo("Europe/London")


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
