"""Dates for expenses: a deadline some months after an activity, and the UK financial year (April to March)."""

import calendar
from datetime import date


def add_months(day, months):
    """The same day `months` later; the month's last day when that month is shorter (31 January + 1 = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def financial_year_of(day):
    """The year the financial year containing `day` starts in: 2025 for any day from 1 April 2025 to 31 March 2026."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(start_year):
    """First and last day of the financial year starting in April of `start_year`."""
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)
