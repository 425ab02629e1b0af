"""Validation rules (one row each), the Latvian-Excel done-when case, and all-or-nothing imports."""

from __future__ import annotations

import csv
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
    assert len(result.warnings) == 4  # Kocēnu, Daugavpils, Inčukalna, Ķeguma are pre-2021 units
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
