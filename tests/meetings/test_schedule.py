"""Generating a series of meetings: month ends, a leap year and both clock changes."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import timezone

from meetings.schedule import LAST, Rule, nth_weekday, occurrences

TUESDAY, SUNDAY, FRIDAY = 1, 6, 4


def rule(**overrides):
    values = dict(
        first_month=date(2026, 1, 1), count=6, every_months=2, weekday=TUESDAY, ordinal=2, start=time(10), end=time(13)
    )
    return Rule(**(values | overrides))


def local_dates(pairs):
    return [timezone.localtime(start).date() for start, _ in pairs]


def test_it_finds_the_second_tuesday_of_every_other_month():
    assert local_dates(occurrences(rule())) == [
        date(2026, 1, 13),
        date(2026, 3, 10),
        date(2026, 5, 12),
        date(2026, 7, 14),
        date(2026, 9, 8),
        date(2026, 11, 10),
    ]


def test_it_carries_on_into_the_next_year():
    dates = local_dates(occurrences(rule(first_month=date(2026, 11, 1), count=3)))
    assert dates == [date(2026, 11, 10), date(2027, 1, 12), date(2027, 3, 9)]


def test_the_last_weekday_handles_month_ends():
    assert nth_weekday(2026, 1, FRIDAY, LAST) == date(2026, 1, 30)
    assert nth_weekday(2026, 7, FRIDAY, LAST) == date(2026, 7, 31)
    assert nth_weekday(2026, 4, FRIDAY, LAST) == date(2026, 4, 24)


def test_the_last_tuesday_of_february_in_a_leap_year_is_the_29th():
    assert nth_weekday(2028, 2, TUESDAY, LAST) == date(2028, 2, 29)
    assert nth_weekday(2027, 2, TUESDAY, LAST) == date(2027, 2, 23)


def test_a_fifth_weekday_that_does_not_exist_is_refused():
    with pytest.raises(ValueError):
        nth_weekday(2026, 2, TUESDAY, 5)


def test_meetings_keep_ten_oclock_across_both_clock_changes():
    # Last Sunday of March and of October 2026 are the days the clocks change.
    pairs = occurrences(rule(first_month=date(2026, 3, 1), count=8, every_months=1, weekday=SUNDAY, ordinal=LAST))
    march, october = pairs[0], pairs[7]
    assert timezone.localtime(march[0]).date() == date(2026, 3, 29)
    assert timezone.localtime(october[0]).date() == date(2026, 10, 25)
    assert [timezone.localtime(start).time() for start, _ in pairs] == [time(10)] * 8
    assert march[0].astimezone(UTC) == datetime(2026, 3, 29, 9, 0, tzinfo=UTC)  # BST
    assert october[0].astimezone(UTC) == datetime(2026, 10, 25, 10, 0, tzinfo=UTC)  # GMT
    assert october[1] - october[0] == march[1] - march[0]
