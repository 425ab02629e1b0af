"""Rollback: a batch is undone as a whole, the undoing is recorded, and its ids can be imported again."""

from __future__ import annotations

import pandas as pd
import pytest

from dih_data import batches, cli, importer, metrics

pytestmark = pytest.mark.both_databases

EVENTS = "event_id;event_type;start_date;municipality;participants\nE1;workshop;05.03.2019;Talsi;12\n" \
         "E2;meetup;06.03.2019;Rīga;30\n"


def _import(engine, tmp_path, text=EVENTS, name="events.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = importer.import_file(engine, "events", path, user="anna")
    assert result.written, [str(e) for e in result.errors]
    return result


def test_rollback_hides_the_batch_and_is_recorded(engine, tmp_path):
    result = _import(engine, tmp_path)
    assert batches.rollback(engine, result.batch_id, "juris") == 2
    assert metrics.load_events(engine).empty
    history = batches.history(engine)
    undone = history.set_index("id").loc[result.batch_id]
    assert undone["rolled_back_at"] is not None and undone["user"] == "anna"
    record = history[history["kind"] == batches.ROLLBACK_KIND].iloc[0]
    assert record["user"] == "juris" and record["row_count"] == 2 and str(result.batch_id) in record["file_name"]


def test_a_batch_cannot_be_rolled_back_twice_nor_a_rollback_record(engine, tmp_path):
    result = _import(engine, tmp_path)
    batches.rollback(engine, result.batch_id, "juris")
    with pytest.raises(batches.RollbackRefused, match="already rolled back"):
        batches.rollback(engine, result.batch_id, "juris")
    record = batches.history(engine).query("kind == 'rollback'")["id"].iloc[0]
    with pytest.raises(batches.RollbackRefused):
        batches.rollback(engine, int(record), "juris")
    with pytest.raises(batches.RollbackRefused) as missing:
        batches.rollback(engine, 999, "juris")
    assert str(missing.value) == "There is no import batch 999 to roll back."


def test_a_refused_rollback_says_why_in_the_readers_language(engine, tmp_path):
    from dih_data import messages
    from tests.dih_data.test_import_messages import english_words

    messages.unsaid.clear()
    result = _import(engine, tmp_path)
    batches.rollback(engine, result.batch_id, "juris")
    refused = []
    for batch in (result.batch_id, 1_234):
        with pytest.raises(batches.RollbackRefused) as error:
            batches.rollback(engine, batch, "juris")
        refused.append(messages.say(error.value.args[0], "lv"))
    assert refused[0].startswith(f"Partija {result.batch_id} (") and "jau tika atsaukta" in refused[0]
    assert refused[1] == "Importa partijas 1234 nav; nav ko atsaukt."
    assert [english_words(text) for text in refused] == [[], []] and messages.unsaid == set()


def test_ids_of_a_rolled_back_batch_can_be_imported_again(engine, tmp_path):
    first = _import(engine, tmp_path)
    batches.rollback(engine, first.batch_id, "juris")
    second = _import(engine, tmp_path, EVENTS.replace(";12", ";15"), "events_fixed.csv")
    events = metrics.load_events(engine).set_index("event_id")
    assert events.loc["E1", "participants"] == 15 and len(events) == 2
    assert second.batch_id != first.batch_id


def test_other_batches_are_untouched_by_a_rollback(engine, tmp_path):
    first = _import(engine, tmp_path)
    _import(engine, tmp_path, EVENTS.replace("E1", "E3").replace("E2", "E4"), "more.csv")
    batches.rollback(engine, first.batch_id, "juris")
    assert sorted(metrics.load_events(engine)["event_id"]) == ["E3", "E4"]


def test_cli_history_rollback_and_template(engine, tmp_path, capsys, monkeypatch):
    url = str(engine.url)
    result = _import(engine, tmp_path)
    assert cli.main(["--database-url", url, "history"]) == 0
    assert "events.csv" in capsys.readouterr().out
    assert cli.main(["--database-url", url, "rollback", str(result.batch_id), "--user", "juris"]) == 0
    assert cli.main(["--database-url", url, "rollback", str(result.batch_id), "--lang", "en"]) == 1
    assert "already rolled back" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert cli.main(["template", "events", "--lang", "en", "--format", "csv"]) == 0
    assert (tmp_path / "template_events_en.csv").read_text(encoding="utf-8-sig").startswith("example;event_id;")


def test_removing_the_demo_rolls_back_every_demo_batch_and_records_it(engine, tmp_path):
    from dih_data import demo

    demo.load_demo(engine)
    mine = _import(engine, tmp_path)
    hidden = batches.roll_back_demo(engine, "juris")
    assert hidden > 0 and sorted(metrics.load_events(engine)["event_id"]) == ["E1", "E2"]
    history = batches.history(engine)
    demo_batches = history[(history["provenance"] == "demo") & (history["kind"] != batches.ROLLBACK_KIND)]
    assert demo_batches["rolled_back_at"].notna().all()
    assert (history["kind"] == batches.ROLLBACK_KIND).sum() == len(demo_batches)
    assert pd.isna(history.set_index("id").loc[mine.batch_id, "rolled_back_at"])
    assert batches.roll_back_demo(engine, "juris") == 0  # nothing left to remove


UPDATE = "event_id;event_type;start_date;municipality;participants\nE1;workshop;05.03.2019;Talsi;14\n" \
         "E2;meetup;06.03.2019;Rīga;30\nE3;hackathon;07.03.2019;Cēsis;60\n"


def test_existing_ids_are_rejected_unless_updating(engine, tmp_path):
    _import(engine, tmp_path)
    path = tmp_path / "update.csv"
    path.write_text(UPDATE, encoding="utf-8")
    rejected = importer.import_file(engine, "events", path)
    assert not rejected.written and [(p.row, p.column) for p in rejected.errors] == [(2, "event_id"), (3, "event_id")]
    assert "update existing rows" in rejected.errors[0].fix


def test_an_update_counts_added_updated_unchanged_and_rolls_back_to_the_old_values(engine, tmp_path):
    first = _import(engine, tmp_path)
    path = tmp_path / "update.csv"
    path.write_text(UPDATE, encoding="utf-8")
    update = importer.import_file(engine, "events", path, mode="update", user="juris")
    assert update.written and update.counts == {"added": 1, "updated": 1, "unchanged": 1}
    events = metrics.load_events(engine).set_index("event_id")
    assert events.loc["E1", "participants"] == 14 and len(events) == 3
    assert batches.rollback(engine, update.batch_id, "juris") == 2  # E3 hidden, E1 restored
    events = metrics.load_events(engine).set_index("event_id")
    assert sorted(events.index) == ["E1", "E2"] and events.loc["E1", "participants"] == 12
    assert events.loc["E1", "start_date"] == pd.Timestamp("2019-03-05")
    # The restored row belongs to its first batch again: rolling that back hides it.
    batches.rollback(engine, first.batch_id, "juris")
    assert metrics.load_events(engine).empty


def test_cli_update_flag_reports_the_counts(engine, tmp_path, capsys):
    _import(engine, tmp_path)
    path = tmp_path / "update.csv"
    path.write_text(UPDATE, encoding="utf-8")
    assert cli.main(["--database-url", str(engine.url), "import", "events", str(path), "--update", "--lang", "en"]) == 0
    assert "added 1, updated 1, unchanged 1" in capsys.readouterr().out
