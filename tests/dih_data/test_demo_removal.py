"""Removing the demo means one thing everywhere: a recorded rollback, after which nothing reloads it by
itself (app start, CLI, another process); only an explicit ``demo`` command brings it back."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dih_data import batches, cli, demo, importer, metrics
from dih_data.model import Municipality

pytestmark = pytest.mark.both_databases  # the CLI runs in its own process: removal holds across processes

HISTORY_COLUMNS = ["kind", "file_name", "row_count", "provenance", "user"]


def _cli(engine, *args: str) -> subprocess.CompletedProcess:
    """The command line as an operator runs it: its own process."""
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.run([sys.executable, "-m", "dih_data", "--database-url", url, *args],
                          capture_output=True, text=True, timeout=300, check=True)


def _recorded(engine) -> pd.DataFrame:
    """The history as it is recorded, without ids and times (which differ between two databases)."""
    history = batches.history(engine).sort_values("id")
    return history[HISTORY_COLUMNS].assign(rolled_back=history["rolled_back_at"].notna()).reset_index(drop=True)


def _import_real_events(engine, tmp_path) -> None:
    path = tmp_path / "ours.csv"
    path.write_text("event_id;event_type;start_date;municipality;participants\nE1;workshop;05.03.2019;Talsi;14\n",
                    encoding="utf-8")
    assert importer.import_file(engine, "events", path, user="juris").written


def test_the_cli_removal_records_the_same_rollback_as_the_data_page(engine, second_engine):
    for eng in (engine, second_engine):
        assert demo.load_on_first_start(eng)
    page_rows = batches.roll_back_demo(engine, "juris")  # what the Data page's button calls
    assert cli.main(["--database-url", str(second_engine.url), "demo", "--remove", "--user", "juris"]) == 0
    page, command = _recorded(engine), _recorded(second_engine)
    pd.testing.assert_frame_equal(page, command)
    rollbacks = command[command["kind"] == batches.ROLLBACK_KIND]
    assert len(rollbacks) == 7 and set(rollbacks["user"]) == {"juris"}
    assert rollbacks["row_count"].sum() == page_rows > 0
    assert command.loc[command["kind"] != batches.ROLLBACK_KIND, "rolled_back"].all()
    for eng in (engine, second_engine):
        assert metrics.load_events(eng).empty and not demo.in_force(eng)
        with Session(eng) as session:  # reference data stays
            assert session.scalar(select(func.count()).select_from(Municipality)) == 43


@pytest.mark.parametrize("removal", ["cli", "data_page", "real_data_imported"])
def test_after_removal_or_real_data_the_app_start_loads_nothing(engine, tmp_path, removal):
    if removal == "real_data_imported":
        _import_real_events(engine, tmp_path)
    else:
        assert demo.load_on_first_start(engine)
        if removal == "cli":
            _cli(engine, "demo", "--remove")
        else:
            batches.roll_back_demo(engine, "juris")
    before = batches.history(engine)
    assert demo.load_on_first_start(engine) is False  # what every app start runs
    assert not demo.in_force(engine)
    pd.testing.assert_frame_equal(batches.history(engine), before)
    assert set(metrics.load_events(engine)["event_id"]) == ({"E1"} if removal == "real_data_imported" else set())


def test_only_a_database_without_any_batch_gets_the_demo_on_first_start(engine):
    assert not demo.has_history(engine)
    assert demo.load_on_first_start(engine) is True
    assert demo.in_force(engine) and demo.has_history(engine)
    assert demo.load_on_first_start(engine) is False
    assert (batches.history(engine)["provenance"] == "demo").sum() == 7  # loaded once, one batch per kind


def test_the_explicit_demo_command_loads_it_again_after_a_removal(engine):
    _cli(engine, "demo")
    shown = metrics.load_events(engine)
    _cli(engine, "demo", "--remove")
    assert metrics.load_events(engine).empty
    assert "already loaded" not in _cli(engine, "demo", "--lang", "en").stdout
    assert demo.in_force(engine)
    again = metrics.load_events(engine)
    assert sorted(again["event_id"]) == sorted(shown["event_id"])  # the removed rows gave their ids back
    assert "already loaded" in _cli(engine, "demo", "--lang", "en").stdout
