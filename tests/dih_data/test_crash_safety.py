"""An import killed at any moment leaves the database as before or as after; concurrent imports both land.

These run the real CLI in separate processes against a real SQLite file. The importer reports the
stages it reaches (``dih_data.progress``), so each kill is known to have landed before any write, between
two insert chunks of the open transaction, or after the commit — and the database itself confirms it.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dih_data import records, store

ROOT = Path(__file__).resolve().parents[2]
ROWS = 30_000  # more than one insert chunk, so a kill can land with some rows written and more to come
BEFORE_ANY_WRITE, MID_WRITE, COMMITTING, COMMITTED = "before any write", "mid-write", "committing", "committed"


def _events_file(path: Path, prefix: str, rows: int = ROWS) -> Path:
    lines = ["event_id;event_type;start_date;municipality;participants"]
    lines += [f"{prefix}{i};workshop;05.03.2019;Talsi;{i % 50}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(url: str, path: Path, progress: Path | None = None, hold_at: str | None = None) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DIH_IMPORT_")}
    if progress:
        env["DIH_IMPORT_PROGRESS"] = str(progress)
    if hold_at:
        env["DIH_IMPORT_HOLD_AT"] = hold_at
    return subprocess.Popen([sys.executable, "-m", "dih_data", "--database-url", url, "import", "events", str(path)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stages(progress: Path) -> list[dict]:
    if not progress.exists():
        return []
    return [json.loads(line) for line in progress.read_text(encoding="utf-8").splitlines() if line.endswith("}")]


def _window(stages: list[dict]) -> str:
    """Where the import was when it died, from the last stage it reported."""
    last = stages[-1] if stages else {"stage": "validated"}
    if last["stage"] == "validated":
        return BEFORE_ANY_WRITE
    if last["stage"] == "rows_written":
        return MID_WRITE if last["rows_in_transaction"] < ROWS else COMMITTING
    return COMMITTED


def _wait_for(progress: Path, stage: str, process: subprocess.Popen) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        reached = [s for s in _stages(progress) if s["stage"] == stage]
        if reached:
            return reached[0]
        assert process.poll() is None, f"the import ended (code {process.returncode}) before reaching {stage}"
        time.sleep(0.02)
    raise AssertionError(f"the import did not reach {stage} within 120 s")


def _write_lock_held(database: Path) -> bool:
    """Whether another connection holds SQLite's write lock (an open write transaction)."""
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    else:
        connection.execute("ROLLBACK")
        return False
    finally:
        connection.close()


def _counts(database: Path) -> tuple[str, int, int]:
    with sqlite3.connect(database) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        events = connection.execute("SELECT count(*) FROM event").fetchone()[0]
        batches = connection.execute("SELECT count(*) FROM import_batch").fetchone()[0]
    return integrity, events, batches


@pytest.fixture
def database(tmp_path) -> tuple[str, Path]:
    path = tmp_path / "crash.sqlite"
    url = f"sqlite:///{path}"
    store.init_db(store.make_engine(url))
    return url, path


def test_the_file_is_large_enough_to_be_written_in_more_than_one_chunk():
    assert records.INSERT_CHUNK < ROWS


@pytest.mark.parametrize(
    ("window", "held_at", "write_lock"),
    [(BEFORE_ANY_WRITE, "validated", False), (MID_WRITE, "rows_written", True)],
)
def test_a_kill_in_each_window_leaves_the_database_as_it_was(database, tmp_path, window, held_at, write_lock):
    url, path = database
    assert _import(url, _events_file(tmp_path / "earlier.csv", "E-")).wait(timeout=120) == 0
    before = _counts(path)
    assert before == ("ok", ROWS, 1)
    for attempt in range(2):
        progress = tmp_path / f"progress_{attempt}.jsonl"
        process = _import(url, _events_file(tmp_path / f"events_{attempt}.csv", f"K{attempt}-"), progress, held_at)
        reached = _wait_for(progress, held_at, process)
        # The database confirms the window: mid-write, the importer holds the write lock with the first
        # chunk in its open transaction, invisible to anyone else; before any write, nobody holds it.
        assert _write_lock_held(path) is write_lock
        if window == MID_WRITE:
            assert reached["rows_in_transaction"] == records.INSERT_CHUNK
        assert _window(_stages(progress)) == window
        assert _counts(path) == before
        process.kill()
        process.wait()
        assert _counts(path) == before
        assert not _write_lock_held(path)
    assert _import(url, _events_file(tmp_path / "events_again.csv", "K0-")).wait(timeout=120) == 0
    assert _counts(path) == ("ok", 2 * ROWS, 2)  # the killed file's ids were never half taken


def test_kills_at_random_moments_leave_each_file_all_or_nothing(database, tmp_path):
    """Kills spread over the write itself (timed by a first, complete import), each classified by its window."""
    url, path = database
    calibration = tmp_path / "calibration.jsonl"
    assert _import(url, _events_file(tmp_path / "first.csv", "F-"), calibration).wait(timeout=120) == 0
    stages = _stages(calibration)
    write_seconds = stages[-1]["at"] - stages[0]["at"]  # validated → committed
    rng = random.Random(2018)  # seeded; one kill in each eighth of the write (and a little beyond)
    before_events, before_batches = ROWS, 1
    windows = []
    for attempt in range(8):
        progress = tmp_path / f"progress_{attempt}.jsonl"
        process = _import(url, _events_file(tmp_path / f"events_{attempt}.csv", f"K{attempt}-"), progress)
        _wait_for(progress, "validated", process)
        time.sleep((attempt + rng.random()) / 8 * 1.2 * write_seconds)
        process.kill()
        process.wait()
        window = _window(_stages(progress))
        windows.append(window)
        integrity, events, batches = _counts(path)
        assert integrity == "ok"
        unchanged, landed = (before_events, before_batches), (before_events + ROWS, before_batches + 1)
        allowed = {BEFORE_ANY_WRITE: {unchanged}, MID_WRITE: {unchanged}, COMMITTING: {unchanged, landed},
                   COMMITTED: {landed}}[window]
        assert (events, batches) in allowed, f"kill {attempt} landed {window}: {windows}"
        before_events, before_batches = events, batches


def test_two_imports_at_once_both_land(database, tmp_path):
    url, path = database
    first = _import(url, _events_file(tmp_path / "a.csv", "A-", 5_000))
    second = _import(url, _events_file(tmp_path / "b.csv", "B-", 5_000))
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    assert _counts(path) == ("ok", 10_000, 2)
