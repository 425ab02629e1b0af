"""An import killed at any moment leaves the database as before or as after; concurrent imports both land.

These run the real CLI in separate processes against a real SQLite file.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dih_data import store

ROOT = Path(__file__).resolve().parents[2]
ROWS = 20_000


def _events_file(path: Path, prefix: str, rows: int = ROWS) -> Path:
    lines = ["event_id;event_type;start_date;municipality;participants"]
    lines += [f"{prefix}{i};workshop;05.03.2019;Talsi;{i % 50}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(url: str, path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dih_data", "--database-url", url, "import", "events", str(path)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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


def test_killing_an_import_at_random_moments_never_leaves_half_a_file(database, tmp_path):
    url, path = database
    rng = random.Random(2018)  # seeded: the same kill moments every run
    before_events, before_batches = 0, 0
    for attempt in range(8):
        source = _events_file(tmp_path / f"events_{attempt}.csv", f"K{attempt}-")
        process = _import(url, source)
        time.sleep(rng.uniform(0.05, 2.5))  # an import of this file takes ~1.6 s here
        process.kill()
        process.wait()
        integrity, events, batches = _counts(path)
        assert integrity == "ok"
        # Before: nothing of this file; after: all of it, with its batch. Never anything between.
        assert (events, batches) in {(before_events, before_batches), (before_events + ROWS, before_batches + 1)}
        before_events, before_batches = events, batches


def test_two_imports_at_once_both_land(database, tmp_path):
    url, path = database
    first = _import(url, _events_file(tmp_path / "a.csv", "A-", 5_000))
    second = _import(url, _events_file(tmp_path / "b.csv", "B-", 5_000))
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    assert _counts(path) == ("ok", 10_000, 2)
