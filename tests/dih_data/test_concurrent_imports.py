"""Two imports of the same new ids at once: one writes, the other gets a report naming the winner's batch.

Both imports are real and run in two threads against the same database; both are held once they
have passed validation (so both saw the ids as new), then released together into the write.
"""

from __future__ import annotations

import threading

import pytest

from dih_data import batches, editing, importer, progress

pytestmark = pytest.mark.both_databases

FILE = ("org_id;name;municipality\n" + "".join(f"R{i};SIA Race {i};Cēsu novads\n" for i in range(50))).encode()


@pytest.fixture
def both_validated(monkeypatch):
    """Hold each import at "validated" until both have reached it."""
    meeting = threading.Barrier(2, timeout=60)
    original = progress.reached

    def reached(stage, **details):
        if stage == "validated":
            meeting.wait()
        original(stage, **details)

    monkeypatch.setattr(progress, "reached", reached)


def test_the_loser_of_a_race_gets_a_clear_report(engine, both_validated):
    results = {}

    def run(name):
        results[name] = importer.import_file(engine, "organisations", f"{name}.csv", data=FILE, file_name=name)

    threads = [threading.Thread(target=run, args=(name,)) for name in ("first.csv", "second.csv")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert set(results) == {"first.csv", "second.csv"}, "an import raised instead of reporting"
    winners = [r for r in results.values() if r.written]
    losers = [r for r in results.values() if not r.written]
    assert len(winners) == 1 and len(losers) == 1
    winner, loser = winners[0], losers[0]
    assert len(loser.errors) == 50 and loser.batch_id is None
    first = loser.errors[0]
    assert (first.row, first.column, first.value) == (2, "org_id", "R0")
    assert f"already imported by batch {winner.batch_id}" in first.message
    assert len(editing.current(engine, "organisations")) == 50
    assert batches.history(engine)["file_name"].tolist() == [winner.file_name]


@pytest.mark.parametrize("lookup_all_above", [importer.LOOKUP_ALL_ABOVE, 0])  # chunked queries, one table pass
def test_an_id_taken_after_the_check_is_reported_not_raised(engine, monkeypatch, lookup_all_above):
    """The in-transaction check alone (no thread timing): an import sneaks in between check and write."""
    monkeypatch.setattr(importer, "LOOKUP_ALL_ABOVE", lookup_all_above)
    original = progress.reached

    def reached(stage, **details):
        if stage == "validated":
            monkeypatch.setattr(progress, "reached", original)
            assert importer.import_file(engine, "organisations", "sneak.csv", data=FILE, file_name="sneak").written
        original(stage, **details)

    monkeypatch.setattr(progress, "reached", reached)
    result = importer.import_file(engine, "organisations", "late.csv", data=FILE, file_name="late")
    assert not result.written and len(result.errors) == 50
    assert "already imported by batch 1" in result.errors[0].message
