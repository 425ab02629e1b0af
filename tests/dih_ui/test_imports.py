"""The Data page's last-resort guard: an exception nobody foresaw becomes one problem in the report."""

from __future__ import annotations

from dih_data import importer
from dih_ui import imports


def test_an_exception_inside_the_import_becomes_a_report(engine, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr(importer, "import_file", broken)
    result = imports.import_file(engine, "events", "e.csv", data=b"x", file_name="e.csv", dry_run=True)
    assert not result.written and result.file_name == "e.csv"
    assert [problem.message for problem in result.errors] == [
        "The file could not be checked (ConnectionError). Nothing was imported."]


def test_a_bad_file_passes_through_as_the_importers_own_report(engine):
    result = imports.import_file(engine, "events", "e.csv", data=b"\x00\x01", file_name="e.csv", dry_run=True)
    assert "binary content" in result.errors[0].message
