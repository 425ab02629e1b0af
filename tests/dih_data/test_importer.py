"""Validation rules (one row each), the Latvian-Excel done-when case, and all-or-nothing imports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dih_data import geography, importer, metrics
from dih_data.model import RECORD_TABLES, ContextIndicator

pytestmark = pytest.mark.both_databases

HEADER = "event_type;start_date;end_date;municipality;format;participants;actual_cost_eur;" \
         "cooperation_projects_initiated;cooperation_projects_implemented"
GOOD = "workshop;05.03.2019;;Rīga;;25;1 500,00;;"


def _write(tmp_path, lines, name="events.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {kind: session.scalar(select(func.count()).select_from(model)) for kind, model in RECORD_TABLES.items()}


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("party;05.03.2019;;Rīga;;25;;;", "event_type", "Unknown event_type"),
        (";05.03.2019;;Rīga;;25;;;", "event_type", "required"),
        ("workshop;;;Rīga;;25;;;", "start_date", "required"),
        ("workshop;31.02.2019;;Rīga;;25;;;", "start_date", "not a valid date"),
        ("workshop;05.03.2019;01.03.2019;Rīga;;25;;;", "end_date", "ends before it starts"),
        ("workshop;05.03.2019;;Atlantis;;25;;;", "municipality", "Unknown municipality"),
        ("workshop;05.03.2019;;;onsite;25;;;", "municipality", "required unless the event is online"),
        ("workshop;05.03.2019;;Rīga;;-3;;;", "participants", "0 or more"),
        ("workshop;05.03.2019;;Rīga;;2.5;;;", "participants", "whole number"),
        ("workshop;05.03.2019;;Rīga;;many;;;", "participants", "not a number"),
        ("workshop;05.03.2019;;Rīga;;;;;", "participants", "required"),
        ("workshop;05.03.2019;;Rīga;;25;-10;;", "actual_cost_eur", "0 or more"),
        ("workshop;05.03.2019;;Rīga;somewhere;25;;;", "format", "Unknown format"),
        ("hackathon;05.03.2019;;Rīga;;25;;2;3", "cooperation_projects_implemented", "implemented than initiated"),
    ],
)
def test_each_rule_rejects_the_file_and_names_row_and_column(engine, tmp_path, row, column, message):
    path = _write(tmp_path, [HEADER, GOOD, row])
    result = importer.import_file(engine, "events", path)
    assert not result.written
    assert [(p.row, p.column) for p in result.errors] == [(3, column)]
    assert message in result.errors[0].message and result.errors[0].fix
    assert result.errors[0].file == "events.csv"
    assert _counts(engine)["events"] == 0


@pytest.mark.parametrize(
    ("row", "warning"),
    [("workshop;05.03.2019;;Kocēnu novads;;25;;;", "Valmieras novads"),
     ("workshop;05.03.2019;;Varakļānu novads;;25;;;", "Madonas novads")],
)
def test_old_names_warn_but_import(engine, tmp_path, row, warning):
    result = importer.import_file(engine, "events", _write(tmp_path, [HEADER, row]))
    assert result.written and not result.errors
    assert warning in result.warnings[0].message


def test_online_event_needs_no_municipality(engine, tmp_path):
    result = importer.import_file(engine, "events", _write(tmp_path, [HEADER, "meetup;05.03.2019;;;online;40;;;"]))
    assert result.written
    assert metrics.summary(engine)["by_planning_region"][-1] == {"planning_region": "online", "events": 1,
                                                                 "participants": 40}


def test_latvian_headers_and_labels(engine, tmp_path):
    lines = ["Pasākuma veids;Sākuma datums;Pašvaldība;Dalībnieki;Formāts",
             "Hakatons;05.03.2019;Cēsu novads;55;klātienē", "Sofa experts;06.03.2019;Talsi;9;"]
    result = importer.import_file(engine, "events", _write(tmp_path, lines))
    assert result.written, result.errors
    types = metrics.load_events(engine).sort_values("start_date")["event_type"].tolist()
    assert types == ["hackathon", "expert_visit"]


def test_missing_required_column_is_one_clear_error(engine, tmp_path):
    result = importer.import_file(engine, "events", _write(tmp_path, ["event_type;start_date", "workshop;05.03.2019"]))
    assert [(p.row, p.column) for p in result.errors] == [(1, "participants")]
    assert "missing" in result.errors[0].message


def test_latvian_excel_csv_gives_right_totals_per_planning_region(engine, tmp_path):
    """Windows-1257, ';', decimal comma, dd.mm.yyyy and pre-2021 names, as Latvian Excel saves them."""
    rows = [
        ("Hakatons", "05.03.2019", "Cēsu novads", "55", "10 000,50"),
        ("Digi-meetup", "12.04.2019", "Kocēnu novads", "30", ""),
        ("Sofa experts", "01.06.2019", "Daugavpils novads", "8", "300"),
        ("Darbnīca", "20.09.2019", "Inčukalna novads", "25", "1 480,25"),
        ("Darbnīca", "21.09.2019", "Ķeguma novads", "19", "1 512,00"),
        ("Digi-meetup", "15.11.2019", "Rēzekne", "41", ""),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Pasākuma veids", "Sākuma datums", "Pašvaldība", "Dalībnieki", "Faktiskās izmaksas EUR"])
    writer.writerows(rows)
    path = tmp_path / "pasakumi.csv"
    path.write_bytes(buffer.getvalue().encode("cp1257"))

    result = importer.import_file(engine, "events", path)
    assert result.written, result.errors
    assert "Windows-1257" in result.warnings[0].message  # the code page used is named
    assert len(result.warnings) == 5  # and Kocēnu, Daugavpils, Inčukalna, Ķeguma are pre-2021 units
    expected: dict[str, int] = {}
    for _, _, place, people, _ in rows:
        region = geography.resolve(place).planning_region
        expected[region] = expected.get(region, 0) + int(people)
    got = {r["planning_region"]: r["participants"] for r in metrics.summary(engine)["by_planning_region"]}
    assert {k: v for k, v in got.items() if v} == expected
    assert metrics.load_events(engine)["actual_cost_eur"].sum() == pytest.approx(10000.5 + 300 + 1480.25 + 1512)


def test_one_bad_row_changes_nothing(engine, tmp_path):
    importer.import_file(engine, "events", _write(tmp_path, [HEADER, GOOD], "first.csv"))
    before = _counts(engine)
    lines = [HEADER] + [GOOD.replace("25", str(n)) for n in range(10, 60)] + ["workshop;05.03.2019;;Rīga;;-1;;;"]
    result = importer.import_file(engine, "events", _write(tmp_path, lines))
    assert not result.written and [p.row for p in result.errors] == [52]
    assert _counts(engine) == before


def test_dry_run_writes_nothing(engine, tmp_path):
    result = importer.import_file(engine, "events", _write(tmp_path, [HEADER, GOOD]), dry_run=True)
    assert not result.errors and not result.written and result.rows == 1
    assert _counts(engine)["events"] == 0


def test_duplicate_ids_in_file_and_database(engine, tmp_path):
    header = "event_id;event_type;start_date;municipality;participants"
    ok = importer.import_file(engine, "events", _write(tmp_path, [header, "E1;workshop;05.03.2019;Rīga;5"], "a.csv"))
    assert ok.written
    again = importer.import_file(engine, "events", _write(tmp_path, [header, "E1;workshop;06.03.2019;Rīga;5"], "b.csv"))
    assert [(p.row, p.column) for p in again.errors] == [(2, "event_id")]
    twice = _write(tmp_path, [header, "E2;workshop;05.03.2019;Rīga;5", "E2;meetup;05.04.2019;Rīga;7"], "c.csv")
    assert {p.row for p in importer.import_file(engine, "events", twice).errors} == {2, 3}


def test_participations_must_reference_imported_events_and_organisations(engine, tmp_path):
    importer.import_file(engine, "events", _write(tmp_path, ["event_id;event_type;start_date;municipality;participants",
                                                           "E1;workshop;05.03.2019;Rīga;5"], "e.csv"))
    importer.import_file(engine, "organisations", _write(tmp_path, ["org_id;name;size;municipality",
                                                                  "O1;SIA Alfa;mazs;Tukums"], "o.csv"))
    bad = importer.import_file(engine, "participations",
                               _write(tmp_path, ["event_id;org_id;people", "E1;O1;2", "E9;O1;1"], "p.csv"))
    assert [(p.row, p.column) for p in bad.errors] == [(3, "event_id")]
    good = importer.import_file(engine, "participations", _write(tmp_path, ["event_id;org_id", "E1;O1"], "p2.csv"))
    assert good.written
    assert metrics.load_participations(engine)["people"].tolist() == [1]


def test_unknown_columns_warn(engine, tmp_path):
    result = importer.import_file(engine, "events", _write(tmp_path, [HEADER + ";colour", GOOD + ";blue"]))
    assert result.written and any(p.column == "colour" for p in result.warnings)


def test_context_areas_become_atvk_or_nuts3_codes(engine, tmp_path):
    lines = ["area;year;indicator;value", "LV0001000;2024;population;605 273", "Vidzeme;2024;population;185 000",
             "Cēsu novads;2024;active_enterprises;2 950"]
    assert importer.import_file(engine, "context", _write(tmp_path, lines, "context.csv")).written
    with Session(engine) as session:
        stored = session.execute(select(ContextIndicator.area_code, ContextIndicator.value)).all()
    assert sorted(stored) == [("0001000", 605273.0), ("0026000", 2950.0), ("LV00C", 185000.0)]
    bad = importer.import_file(engine, "context", _write(tmp_path, [lines[0], "Atlantis;2024;population;1"], "b.csv"))
    assert [(p.row, p.column) for p in bad.errors] == [(2, "area")]


# --- issue 12: values checked as an accountant would, and a report for any file ----------------------
EVENTS = "event_type;start_date;municipality;participants;actual_cost_eur"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("workshop;0001-01-01;Rīga;3;", "start_date", "outside the accepted period"),
        ("workshop;9999-12-31;Rīga;3;", "start_date", "outside the accepted period"),
        ("workshop;1999-12-31;Rīga;3;", "start_date", "outside the accepted period"),
        ("workshop;0000-01-01;Rīga;3;", "start_date", "not a valid date"),
        ("workshop;2020-01-01 junk;Rīga;3;", "start_date", "not a valid date"),
        ("workshop;2020-01-01T25:00;Rīga;3;", "start_date", "not a valid date"),
        ("workshop;2020-01-01;Rīga;3;inf", "actual_cost_eur", "not a number"),
        ("workshop;2020-01-01;Rīga;3;Infinity", "actual_cost_eur", "not a number"),
        ("workshop;2020-01-01;Rīga;3;1e309", "actual_cost_eur", "not a number"),
        ("workshop;2020-01-01;Rīga;inf;", "participants", "not a number"),
        ("workshop;2020-01-01;Rīga;99999999999;", "participants", "too large"),
        ("workshop;2020-01-01;Rīga;999999999999999999999;", "participants", "significant digits"),
        ("workshop;2020-01-01;Rīga;3;5 000 000 000 000", "actual_cost_eur", "too large"),
        ("workshop;2020-01-01;Rīga;1.000;", "participants", "could be 1 or 1 000"),
        ("workshop;2020-01-01;Rīga;1,000;", "participants", "could be 1 or 1 000"),
        ("workshop;2020-01-01;Rīga;3;1.500", "actual_cost_eur", "could be 1.5 or 1 500"),
        ("workshop;2020-01-01;Rīga;12 34;", "participants", "not a number"),
    ],
)
def test_values_outside_what_an_accountant_accepts_are_named(engine, row, column, message):
    data = f"{EVENTS}\n{row}\n".encode()
    result = importer.import_file(engine, "events", "e.csv", data=data, today=dt.date(2026, 11, 23))
    assert not result.written and _counts(engine)["events"] == 0
    assert [(p.row, p.column) for p in result.errors] == [(2, column)], result.errors
    assert message in result.errors[0].message and result.errors[0].fix


def test_date_window_follows_today_and_the_environment(engine, monkeypatch):
    data = f"{EVENTS}\nworkshop;2036-06-01;Rīga;3;\n".encode()
    assert importer.import_file(engine, "events", "e.csv", data=data, dry_run=True,
                                today=dt.date(2026, 7, 1)).errors == []
    assert importer.import_file(engine, "events", "e.csv", data=data, dry_run=True,
                                today=dt.date(2026, 5, 1)).errors[0].column == "start_date"
    monkeypatch.setenv("DIH_IMPORT_EARLIEST_DATE", "2037-01-01")
    monkeypatch.setenv("DIH_IMPORT_YEARS_AHEAD", "20")
    assert "2037-01-01 … 2046-05-01" in importer.import_file(
        engine, "events", "e.csv", data=data, dry_run=True, today=dt.date(2026, 5, 1)).errors[0].message


def test_survey_row_with_empty_barriers_imports(engine):
    data = b"response_id;wave;barriers\nS-1;baseline;\nS-2;baseline;motivation\n"
    result = importer.import_file(engine, "survey", "s.csv", data=data)
    assert result.written, result.errors
    assert _counts(engine)["survey"] == 2


def test_trailing_separators_import_into_the_right_columns(engine):
    data = "org_id;name;sector\nO-1;SIA Alfa;ICT;\nO-2;SIA Beta;Lauksaimniecība;\n".encode()  # sectors: NACE codes
    assert importer.import_file(engine, "organisations", "o.csv", data=data).written
    with Session(engine) as session:
        got = session.execute(select(RECORD_TABLES["organisations"].org_id, RECORD_TABLES["organisations"].name,
                                     RECORD_TABLES["organisations"].sector)).all()
    assert sorted(map(tuple, got)) == [("O-1", "SIA Alfa", "J"), ("O-2", "SIA Beta", "A")]


def test_rows_after_blank_lines_keep_their_row_number(engine):
    data = f"{EVENTS}\nworkshop;2020-01-01;Rīga;3;\n\n\nworkshop;2020-01-01;Rīga;many;\n".encode()
    result = importer.import_file(engine, "events", "e.csv", data=data)
    assert [(p.row, p.column) for p in result.errors] == [(5, "participants")]


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (f"{EVENTS}\nworkshop;2020-01-01;Rīga;3;;7\n".encode(), 2, "line 2 has more columns than the header"),
        (f"{EVENTS}\nworkshop;2020-01-01;\"Rīga;3;\n".encode(), 2, "never closed"),
        ("event_type;municipality\nworkshop;Rīga\n".encode() + b"workshop;R\x9aga\n", 3, "not UTF-8"),
    ],
)
def test_unreadable_files_are_one_problem_with_file_line_and_fix(engine, data, line, message):
    result = importer.import_file(engine, "events", "e.csv", data=data)
    assert [(p.file, p.row) for p in result.errors] == [("e.csv", line)]
    assert message in result.errors[0].message and result.errors[0].fix and not result.written


def test_text_longer_than_its_column_is_named(engine):
    data = f"org_id;name\nO-1;{'N' * 256}\n".encode()
    result = importer.import_file(engine, "organisations", "o.csv", data=data)
    assert [(p.row, p.column) for p in result.errors] == [(2, "name")]
    assert "longer than 255 characters" in result.errors[0].message


def test_windows_1252_latvian_csv_is_read_and_the_code_page_named(engine):
    text = f"{EVENTS};notes\nworkshop;2020-01-01;Riga;3;;Šo žogu\n"
    result = importer.import_file(engine, "events", "e.csv", data=text.encode("cp1252"))
    assert result.written and "Windows-1252" in result.warnings[0].message
    assert metrics.load_events(engine)["notes"].tolist() == ["Šo žogu"]


def test_an_unforeseen_failure_is_a_report_not_a_traceback(engine, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(importer, "validate", broken)
    result = importer.import_file(engine, "events", "e.csv", data=f"{EVENTS}\n".encode())
    assert not result.written and "could not be checked (RuntimeError)" in result.errors[0].message


def test_many_distinct_unknown_places_get_suggestions_only_for_the_first(engine):
    rows = "\n".join(f"workshop;2020-01-01;Rīga{i:03d};3;" for i in range(importer.MAX_SUGGESTED + 20))
    result = importer.import_file(engine, "events", "e.csv", data=f"{EVENTS}\n{rows}\n".encode(), dry_run=True)
    assert len(result.errors) == importer.MAX_SUGGESTED + 20
    hinted = [p for p in result.errors if "Did you mean" in p.fix]
    assert 0 < len(hinted) <= importer.MAX_SUGGESTED
