"""Exports are safe to open in a spreadsheet: text that looks like a formula is escaped, numbers stay numbers."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dih_data import demo, export

pytestmark = pytest.mark.both_databases


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+371 2000 0000", "'+371 2000 0000"),
        ("-5 people", "'-5 people"),
        ("@import", "'@import"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("Digital workshop", "Digital workshop"),
        ("Rīga", "Rīga"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_escaped(cell, written):
    assert export.escape_formulas(pd.DataFrame({"text": [cell]}))["text"].item() == written


def test_numbers_are_left_as_numbers():
    frame = pd.DataFrame({"amount": [-5.0, 1_500.0], "count": [-1, 3]})
    escaped = export.escape_formulas(frame)
    pd.testing.assert_frame_equal(escaped, frame)


def test_the_directory_export_holds_the_files_of_the_zip_byte_for_byte(engine, tmp_path):
    import io
    import zipfile

    demo.load_demo(engine)
    archive = zipfile.ZipFile(io.BytesIO(export.zip_bytes(engine)))
    paths = export.export_all(engine, tmp_path)
    written = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in paths}
    assert written == {name: archive.read(name) for name in archive.namelist()}


def test_the_export_layout_names_what_imports_and_what_does_not(engine):
    import io
    import zipfile

    import openpyxl

    demo.load_demo(engine)
    names = set(export.tables(engine))
    archive = zipfile.ZipFile(io.BytesIO(export.zip_bytes(engine)))
    assert set(archive.namelist()) == {"README.txt", "raw/README.txt"} | {
        f"import/{kind}.csv" for kind in export.IMPORT_ORDER} | {f"raw/{name}.csv" for name in names}
    assert "NOT import files" in archive.read("raw/README.txt").decode("utf-8-sig")
    assert "tās NAV importa faili" in archive.read("raw/README.txt").decode("utf-8-sig")
    assert ", ".join(export.IMPORT_ORDER) in archive.read("README.txt").decode("utf-8-sig")
    events = archive.read("raw/event.csv")
    assert events.startswith(b"\xef\xbb\xbf")  # Excel reads Latvian letters right
    table = pd.read_csv(io.BytesIO(events), encoding="utf-8-sig")
    assert pd.api.types.is_integer_dtype(table["participants"]) and len(table) > 0
    book = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(engine)), read_only=True)
    assert set(book.sheetnames) == {name[:31] for name in names}


TRICKY_EVENTS = (
    "event_id;event_type;title;start_date;municipality;participants;actual_cost_eur;notes\n"
    "T1;workshop;\"=HYPERLINK(\"\"http://x\"\")\";05.03.2019;Rīga;12;1 500,50;\"two\nlines; and a ;\"\n"
    "T2;meetup;-minus title;06.03.2019;Cēsu novads;7;;+371 2000 0000\n"
    "T3;hackathon;@at;07.03.2019;Talsi;0;0;'quoted\n"
)


def test_export_dir_then_import_gives_identical_records_of_every_kind(engine, tmp_path):
    """The CLI's ``export DIR`` → ``import KIND DIR/import/KIND.csv`` into a fresh database, kind by kind."""
    from dih_data import cli, editing, store

    demo.load_demo(engine)
    tricky = tmp_path / "tricky.csv"
    tricky.write_text(TRICKY_EVENTS, encoding="utf-8")
    url = engine.url.render_as_string(hide_password=False)
    assert cli.main(["--database-url", url, "import", "events", str(tricky)]) == 0
    assert cli.main(["--database-url", url, "export", str(tmp_path / "out")]) == 0
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    for kind in export.IMPORT_ORDER:
        path = tmp_path / "out" / "import" / f"{kind}.csv"
        assert cli.main(["--database-url", fresh, "import", kind, str(path)]) == 0
    copy = store.make_engine(fresh)
    for kind in export.IMPORT_ORDER:
        before, after = editing.current(engine, kind), editing.current(copy, kind)
        assert len(before) > 0, kind
        pd.testing.assert_frame_equal(before, after, obj=kind)
    titles = editing.current(copy, "events").set_index("event_id")["title"]
    assert titles[["T1", "T2", "T3"]].tolist() == ['=HYPERLINK("http://x")', "-minus title", "@at"]


def test_the_filtered_workbook_holds_only_the_filtered_events(engine):
    import datetime as dt
    import io

    import openpyxl

    from dih_data import metrics

    demo.load_demo(engine)
    frames = {"events": metrics.load_events(engine), "participations": metrics.load_participations(engine),
              "expenditures": metrics.load_expenditures(engine)}
    filters = metrics.Filters(dt.date(2019, 1, 1), dt.date(2019, 12, 31), ("workshop",))
    book = openpyxl.load_workbook(io.BytesIO(export.filtered_workbook(frames, filters, "Source: demo")))
    expected = metrics.filter_events(frames["events"], filters)
    assert book.sheetnames == ["events", "participations", "expenditures", "about"]
    assert book["events"].max_row - 1 == len(expected) > 0
    assert book["about"]["A2"].value == "Source: demo"


PAGE_TABLE = pd.DataFrame({"measure": ["workshop", "=cmd"], "participants": [1627.0, 12.0],
                           "share": [0.4484727376534399, -0.05], "per_event": [23.456, 7.0], "flagged": [True, False]})


@pytest.mark.parametrize(("lang", "separator", "header", "row"), [
    ("lv", ";", "Pasākuma veida kods;Dalībnieki;Daļa;Dalībnieki uz pasākumu;Atzīmēts", "workshop;1627;0,448;23,5;jā"),
    ("en", ",", "Measure code,Participants,Share,Participants per event,Flagged", "workshop,1627,0.448,23.5,yes"),
])
def test_page_csv_opens_in_the_readers_spreadsheet(lang, separator, header, row):
    data = export.page_csv(PAGE_TABLE, lang, note="Source: test")
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[:2] == [header, row]
    assert lines[2].startswith("'=cmd" + separator) and lines[-1] == "# Source: test"
    back = pd.read_csv(io.BytesIO(data), sep=separator, decimal="," if lang == "lv" else ".", encoding="utf-8-sig",
                       comment="#")
    assert back.iloc[:, 1].tolist() == [1627, 12] and back.iloc[:, 2].tolist() == [0.448, -0.05]


def test_page_xlsx_keeps_numbers_numeric_with_number_formats():
    sheet = openpyxl.load_workbook(io.BytesIO(export.page_xlsx(PAGE_TABLE, "lv", "Avots: tests")))["data"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Pasākuma veida kods", "Dalībnieki", "Daļa", "Dalībnieki uz pasākumu", "Atzīmēts"]
    participants, share, per_event = sheet["B2"], sheet["C2"], sheet["D2"]
    assert (participants.value, participants.number_format) == (1627, "#,##0")
    assert (share.value, share.number_format) == (0.448, "0.0%")
    assert (per_event.value, per_event.number_format) == (23.5, "#,##0.0")
