"""Dates typed by staff or read from imported files: day first always, never month first."""

from datetime import date, datetime

import pytest
from django import forms

from engagement.core.dates import DATE_INPUT_FORMATS, parse_uk_date
from engagement.core.resources import UKDateWidget


@pytest.mark.parametrize(
    "text",
    ["03/04/2027", "3/4/2027", "03/04/27", "03-04-2027", "3.4.2027", "3 Apr 2027", "3 April 2027", "2027-04-03"],
)
def test_it_reads_the_day_first(text):
    assert parse_uk_date(text) == date(2027, 4, 3)


def test_it_reads_a_month_name_in_any_case_with_stray_spaces_and_a_comma():
    assert parse_uk_date("  31  dec, 2029 ") == date(2029, 12, 31)


def test_it_takes_an_excel_date_cell_as_it_is():
    assert parse_uk_date(datetime(2027, 4, 3, 0, 0)) == date(2027, 4, 3)


def test_a_blank_cell_is_no_date():
    assert parse_uk_date("  ") is None


def test_a_month_first_date_is_refused_with_an_example_that_works():
    with pytest.raises(ValueError, match="“12/31/2029” has the month first. Write the day first, like 31/12/2029"):
        parse_uk_date("12/31/2029")


def test_an_unreadable_date_says_what_works():
    with pytest.raises(ValueError, match="“next Tuesday” is not a date we can read. Write the day first, like 31/12"):
        parse_uk_date("next Tuesday")


def test_no_format_puts_the_month_first():
    assert all(not form.startswith("%m") and not form.startswith("%b") for form in DATE_INPUT_FORMATS)


def test_a_form_reads_dates_as_imports_do():
    field = forms.DateField()
    assert [field.clean(text) for text in ["03/04/2027", "3 Apr 2027", "03-04-2027"]] == [date(2027, 4, 3)] * 3


def test_the_widget_writes_uk_dates_in_csv_and_real_dates_in_xlsx():
    widget = UKDateWidget()
    assert widget.render(date(2027, 4, 3)) == "03/04/2027"
    assert widget.render(date(2027, 4, 3), force_native_type=True) == date(2027, 4, 3)
