"""Files as they really arrive: encodings, separators, Latvian number and date formats, XLSX."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from dih_data import readers
from dih_data.importer import parse_dates, parse_numbers

ROWS = [["Pašvaldība", "Dalībnieki"], ["Rēzeknes novads", "1 234,5"], ["Ķekavas novads", "7"]]


def _csv(sep: str) -> str:
    return "\n".join(sep.join(row) for row in ROWS) + "\n"


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ";"), ("utf-8-sig", ";"), ("cp1257", ";"), ("utf-8", ","), ("cp1257", "\t"), ("utf-8-sig", "\t")],
)
def test_csv_encodings_and_separators(encoding, sep):
    text = _csv(sep).replace("1 234,5", '"1 234,5"') if sep == "," else _csv(sep)
    table = readers.read_table(text.encode(encoding), "x.csv")
    assert list(table.columns) == ROWS[0]
    assert table.iloc[0].tolist() == ROWS[1] and table.iloc[1].tolist() == ROWS[2]


def test_xlsx_with_real_date_and_number_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["start_date", "participants", "actual_cost_eur"])
    sheet.append([dt.datetime(2019, 3, 5), 55, 10000.5])
    sheet.append([dt.date(2019, 4, 1), 30.0, None])
    path = tmp_path / "events.xlsx"
    book.save(path)
    table = readers.read_table(path)
    assert table.to_dict("records") == [
        {"start_date": "2019-03-05", "participants": "55", "actual_cost_eur": "10000.5"},
        {"start_date": "2019-04-01", "participants": "30", "actual_cost_eur": ""},
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x00\x01\x02binary", "not a CSV or XLSX"), (b"   \n", "empty"), (b"PK\x03\x04broken", "XLSX")],
)
def test_unreadable_files_are_refused_with_advice(data, message):
    with pytest.raises(readers.UnreadableFile, match=message):
        readers.read_table(data, "bad.csv")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("10 000,50", 10000.5),
        ("10\u00a0000,50", 10000.5),
        ("10\u202f000", 10000.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("10000.5", 10000.5),
        ("300", 300.0),
        ("€ 1 500", 1500.0),
        ("-3", -3.0),
    ],
)
def test_numbers_as_people_type_them(text, number):
    assert parse_numbers(pd.Series([text])).iloc[0] == number


@pytest.mark.parametrize("text", ["abc", "1,2,3x", "12 apples"])
def test_non_numbers_become_missing(text):
    assert pd.isna(parse_numbers(pd.Series([text])).iloc[0])


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2019-03-05", dt.date(2019, 3, 5)),
        ("05.03.2019", dt.date(2019, 3, 5)),
        ("5.3.2019", dt.date(2019, 3, 5)),
        ("2019-03-05 00:00:00", dt.date(2019, 3, 5)),
        ("31.02.2019", None),
        ("03/05/2019", None),
        ("2019-13-01", None),
    ],
)
def test_dates_iso_or_dotted_only(text, date):
    parsed = parse_dates(pd.Series([text])).iloc[0]
    assert (None if pd.isna(parsed) else parsed) == date
