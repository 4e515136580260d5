"""Whole months from a date, shared by the retention schedule, expenses and recruitment."""

import calendar
from datetime import date


def add_months(day, months):
    """The same day `months` later (or earlier, if negative); the month's last day when that month is
    shorter (31 January + 1 = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
