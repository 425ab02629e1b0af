"""The number and date rules an accountant would apply: one rule, no guessing, nothing trailing."""

from __future__ import annotations

import datetime as dt

import pytest

from dih_data import schemas, values


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("10 000,50", 10000.5),
        ("10\u00a0000,50", 10000.5),
        ("10\u202f000", 10000.0),
        ("1 234 567", 1234567.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.000.000", 1000000.0),
        ("1,000,000", 1000000.0),
        ("10000.5", 10000.5),
        ("1,5", 1.5),
        ("0,500", 0.5),
        ("1000,000", 1000.0),
        ("300", 300.0),
        ("€ 1 500", 1500.0),
        ("1 500 EUR", 1500.0),
        ("-3", -3.0),
        ("\u22123,5", -3.5),
    ],
)
def test_numbers_by_the_stated_rule(text, number):
    assert values.read_number(text) == values.Number(number)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("abc", values.NOT_A_NUMBER), ("1,2,3x", values.NOT_A_NUMBER), ("12 apples", values.NOT_A_NUMBER),
        ("12 34", values.NOT_A_NUMBER), ("1 0000", values.NOT_A_NUMBER), ("inf", values.NOT_A_NUMBER),
        ("Infinity", values.NOT_A_NUMBER), ("-inf", values.NOT_A_NUMBER), ("nan", values.NOT_A_NUMBER),
        ("1e309", values.NOT_A_NUMBER), ("1E5", values.NOT_A_NUMBER), ("1.2.3,4,5", values.NOT_A_NUMBER),
        ("1.23,4", values.NOT_A_NUMBER), ("1,2.3.4", values.NOT_A_NUMBER), ("", values.NOT_A_NUMBER),
        ("9" * 16, values.TOO_LONG), ("1 000 000 000 000 000", values.TOO_LONG),
    ],
)
def test_non_numbers_and_overlong_numbers_are_named(text, problem):
    reading = values.read_number(text)
    assert reading.value is None and reading.problem == problem


@pytest.mark.parametrize(("text", "readings"), [("1.000", (1.0, 1000.0)), ("1,000", (1.0, 1000.0)),
                                                 ("12,345", (12.345, 12345.0)), ("-1.500", (-1.5, -1500.0))])
def test_ambiguous_separators_carry_both_readings(text, readings):
    assert values.read_number(text) == values.Number(None, values.AMBIGUOUS, readings)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2019-03-05", dt.date(2019, 3, 5)),
        ("05.03.2019", dt.date(2019, 3, 5)),
        ("5.3.2019", dt.date(2019, 3, 5)),
        ("2019-03-05 00:00:00", dt.date(2019, 3, 5)),
        ("2019-03-05 14:30:00", dt.date(2019, 3, 5)),
        ("2019-03-05T14:30", dt.date(2019, 3, 5)),
        ("0001-01-01", dt.date(1, 1, 1)),  # a real day; the import's window refuses it
        ("31.02.2019", None),
        ("03/05/2019", None),
        ("2019-13-01", None),
        ("2020-01-01 junk", None),
        ("2020-01-01T25:00", None),
        ("2020-01-01 23:60", None),
        ("0000-01-01", None),
        (" 2020-01-01x", None),
        ("2020-01-01\n", None),
    ],
)
def test_dates_iso_or_dotted_with_nothing_trailing(text, date):
    assert values.read_date(text) == date


def test_the_date_window_follows_the_apps_clock(monkeypatch):
    monkeypatch.setenv("DIH_TODAY", "2030-02-28")
    assert schemas.date_window() == schemas.DateWindow(dt.date(2000, 1, 1), dt.date(2040, 2, 28))
    assert schemas.date_window(dt.date(2028, 2, 29)).latest == dt.date(2038, 2, 28)
