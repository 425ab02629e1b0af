"""Several processes on one database: every change moves the data version, and all tables are read at once."""

from __future__ import annotations

import pytest

from dih_data import batches, consistent, demo, editing, importer

pytestmark = pytest.mark.both_databases

EVENTS = "event_id;event_type;start_date;municipality;participants\nE-NEW;workshop;05.03.2019;Talsi;12\n"
UPDATED = EVENTS.replace(";12\n", ";15\n")


def _import(engine, text: str, mode: str = "add") -> int:
    result = importer.import_file(engine, "events", "events.csv", data=text.encode(), mode=mode)
    assert result.written, [str(problem) for problem in result.errors]
    return result.batch_id


def _edit_first_event(engine) -> int:
    before = editing.current(engine, "events")
    after = before.copy()
    after.loc[after.index[0], "participants"] = "999"
    result = importer.import_table(engine, "events", editing.changes(before, after, "events"), name="edit",
                                   user="anna")
    assert result.written
    return result.batch_id


def test_every_kind_of_change_moves_the_data_version(engine):
    demo.load_demo(engine)
    versions = [consistent.data_version(engine)]
    added = _import(engine, EVENTS)
    versions.append(consistent.data_version(engine))
    updated = _import(engine, UPDATED, mode="update")
    versions.append(consistent.data_version(engine))
    _edit_first_event(engine)
    versions.append(consistent.data_version(engine))
    batches.rollback(engine, updated, "anna")
    versions.append(consistent.data_version(engine))
    batches.rollback(engine, added, "anna")
    versions.append(consistent.data_version(engine))
    assert len(set(versions)) == len(versions), versions


def test_a_write_committed_while_reading_is_in_none_of_the_tables(engine, monkeypatch):
    """Another process imports after the events were read and before the batches are: the read must
    show the database as it was when it started — the old version, the old events, the old batches."""
    demo.load_demo(engine)
    version_before, before = consistent.read_all(engine)
    load_budget = consistent.LOADERS["budget"]

    def import_then_load_budget(connection):
        _import(engine, EVENTS)  # its own connection and transaction, committed here
        return load_budget(connection)

    monkeypatch.setitem(consistent.LOADERS, "budget", import_then_load_budget)
    version, tables = consistent.read_all(engine)
    assert version == version_before
    assert len(tables["batches"]) == len(before["batches"])
    assert "E-NEW" not in set(tables["events"]["event_id"])

    monkeypatch.setitem(consistent.LOADERS, "budget", load_budget)
    version_after, after = consistent.read_all(engine)
    assert version_after != version_before
    assert len(after["batches"]) == len(before["batches"]) + 1
    assert "E-NEW" in set(after["events"]["event_id"])
