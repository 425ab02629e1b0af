"""Exports are safe to open in a spreadsheet: text that looks like a formula is escaped, numbers stay numbers."""

from __future__ import annotations

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


def test_export_all_writes_one_bom_csv_per_table(engine, tmp_path):
    demo.load_demo(engine)
    paths = export.export_all(engine, tmp_path)
    names = {path.stem for path in paths}
    assert {"event", "organisation", "participation", "import_batch"} <= names
    events = next(path for path in paths if path.stem == "event")
    assert events.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Latvian letters right
    table = pd.read_csv(events, encoding="utf-8-sig")
    assert pd.api.types.is_integer_dtype(table["participants"]) and len(table) > 0


def test_zip_and_workbook_hold_every_table(engine):
    import io
    import zipfile

    import openpyxl

    demo.load_demo(engine)
    names = set(export.tables(engine))
    archive = zipfile.ZipFile(io.BytesIO(export.zip_bytes(engine)))
    assert {name.removesuffix(".csv") for name in archive.namelist() if "/" not in name} == names
    assert {name for name in archive.namelist() if name.startswith("import/")} == {
        f"import/{kind}.csv" for kind in export.IMPORT_ORDER}
    book = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(engine)), read_only=True)
    assert set(book.sheetnames) == {name[:31] for name in names}
    events = pd.read_csv(archive.open("event.csv"), encoding="utf-8-sig")
    assert pd.api.types.is_integer_dtype(events["participants"])


def test_export_then_import_gives_identical_data(engine, tmp_path):
    import io
    import zipfile

    from dih_data import editing, importer, store

    demo.load_demo(engine)
    archive = zipfile.ZipFile(io.BytesIO(export.zip_bytes(engine)))
    fresh = store.make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    store.init_db(fresh)
    for kind in export.IMPORT_ORDER:
        result = importer.import_file(fresh, kind, f"{kind}.csv", data=archive.read(f"import/{kind}.csv"))
        assert result.written, [str(e) for e in result.errors[:3]]
    for kind in export.IMPORT_ORDER:
        before, after = editing.current(engine, kind), editing.current(fresh, kind)
        pd.testing.assert_frame_equal(before, after, obj=kind)


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
