"""Meeting dates from a rule such as "the second Tuesday of every other month, 10am to 1pm"."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

LAST = -1


@dataclass(frozen=True)
class Rule:
    first_month: date  # any day in the month of the first meeting
    count: int
    every_months: int
    weekday: int  # Monday is 0
    ordinal: int  # 1 to 4, or LAST
    start: time
    end: time


def nth_weekday(year, month, weekday, ordinal):
    days_in_month = calendar.monthrange(year, month)[1]
    if ordinal == LAST:
        last = date(year, month, days_in_month)
        return date(year, month, days_in_month - (last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = 1 + (weekday - first.weekday()) % 7 + 7 * (ordinal - 1)
    if day > days_in_month:
        raise ValueError(f"There is no such weekday in {calendar.month_name[month]} {year}.")
    return date(year, month, day)


def occurrences(rule):
    """(start, end) pairs as aware datetimes: the wall-clock time stays the same across clock changes."""
    zone = timezone.get_default_timezone()
    result = []
    for n in range(rule.count):
        months = rule.first_month.month - 1 + n * rule.every_months
        year, month = rule.first_month.year + months // 12, months % 12 + 1
        day = nth_weekday(year, month, rule.weekday, rule.ordinal)
        result.append((datetime.combine(day, rule.start, tzinfo=zone), datetime.combine(day, rule.end, tzinfo=zone)))
    return result
