"""Editing in the browser goes through the importer: the same rules, one batch, who did it."""

from __future__ import annotations

import pytest

from dih_data import batches, demo, editing, importer, metrics

pytestmark = pytest.mark.both_databases


@pytest.mark.parametrize("lang", [None, "lv", "en"])
@pytest.mark.parametrize("kind", editing.EDITABLE)
def test_unchanged_current_rows_validate_and_change_nothing(engine, kind, lang):
    demo.load_demo(engine)
    table = editing.current(engine, kind, lang)
    assert len(table) > 0
    assert editing.changes(table, table.copy(), kind).empty
    check = importer.import_table(engine, kind, table, name="editor", user="anna", dry_run=True)
    assert check.errors == [], [str(e) for e in check.errors[:3]]
    written = importer.import_table(engine, kind, table, name="editor", user="anna")
    assert written.counts == {"added": 0, "updated": 0, "unchanged": len(table)}  # labels read back as the codes


def test_a_latvian_editor_sees_latvian_labels_not_codes(engine):
    demo.load_demo(engine)
    coded, latvian = editing.current(engine, "events"), editing.current(engine, "events", "lv")
    assert set(coded["event_type"]) <= {"hackathon", "workshop", "meetup", "expert_visit", "conference", "other"}
    assert not set(latvian["event_type"]) & set(coded["event_type"])
    assert "klātienē" in set(latvian["format"]) and "onsite" not in set(latvian["format"])


def test_an_edit_is_validated_written_as_a_batch_and_can_be_undone(engine):
    demo.load_demo(engine)
    before = editing.current(engine, "events")
    after = before.copy()
    first = after.index[0]
    old_participants = before.loc[first, "participants"]
    after.loc[first, "participants"] = "999"
    edited = editing.changes(before, after, "events")
    assert len(edited) == 1
    result = importer.import_table(engine, "events", edited, name="edit in browser", user="anna")
    assert result.written and result.counts == {"added": 0, "updated": 1, "unchanged": 0}
    events = metrics.load_events(engine).set_index("event_id")
    assert events.loc[before.loc[first, "event_id"], "participants"] == 999
    assert batches.history(engine).iloc[0]["user"] == "anna"
    batches.rollback(engine, result.batch_id, "anna")
    events = metrics.load_events(engine).set_index("event_id")
    assert str(events.loc[before.loc[first, "event_id"], "participants"]) == old_participants


def test_an_invalid_edit_writes_nothing(engine):
    demo.load_demo(engine)
    before = editing.current(engine, "events")
    after = before.copy()
    after.loc[after.index[0], "participants"] = "-3"
    after.loc[after.index[1], "event_type"] = "party"
    result = importer.import_table(engine, "events", editing.changes(before, after, "events"), name="edit",
                                   user="anna")
    assert not result.written and len(result.errors) == 2
    assert len(batches.history(engine)) == 7  # only the demo's batches
