"""Dates for expenses: the UK financial year (April to March). Deadlines use members.dates.add_months."""

from datetime import date


def financial_year_of(day):
    """The year the financial year containing `day` starts in: 2025 for any day from 1 April 2025 to 31 March 2026."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(start_year):
    """First and last day of the financial year starting in April of `start_year`."""
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)
