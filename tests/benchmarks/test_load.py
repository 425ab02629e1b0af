"""The load harness: a smoke run against both real servers, so it cannot rot; its arithmetic and README output."""

from __future__ import annotations

import asyncio
import threading

import pytest

from benchmarks import load


@pytest.mark.parametrize(("text", "expected"), [("200x30", (200, 30.0)), ("100x0", (100, 0.0)), ("5", (5, 0.0))])
def test_parse_ramp(text, expected):
    assert load.parse_ramp(text) == expected


@pytest.mark.parametrize("text", ["x30", "0x5", "tenx3"])
def test_parse_ramp_rejects_nonsense(text):
    with pytest.raises(ValueError, match="N sessions x S seconds"):
        load.parse_ramp(text)


@pytest.mark.parametrize(("q", "expected"), [(50, 50.0), (95, 95.0), (99, 99.0), (100, 100.0)])
def test_percentile_is_nearest_rank_over_served_sessions(q, expected):
    outcomes = [load.Outcome(True, float(s)) for s in range(1, 101)] + [load.Outcome(False, 999.0, error="x")]
    result = load.RampResult("p", 101, 0, outcomes, 1.0, 2.02, 100, 120)
    assert result.percentile(q) == expected
    assert result.failures == 1
    assert result.cpu_per_session == pytest.approx(0.02)


def test_write_readme_replaces_only_its_own_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\nintro\n", encoding="utf-8")
    load.write_readme("ramps", "first", readme)
    load.write_readme("memory", "rss", readme)
    load.write_readme("ramps", "second", readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nintro\n")
    assert "second" in text and "first" not in text and "rss" in text
    assert text.count("<!-- load:ramps:start -->") == 1


def test_smoke_run_serves_every_session_on_both_servers_and_prints_the_table(capsys, tmp_path):
    assert load.main(["--pages", "overview,regions", "--ramps", "3x0,2x1", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Conditions:" in out and "profile `production`" in out
    rows = [line for line in out.splitlines() if line.startswith(("| overview |", "| regions |"))]
    # Each ramp row is printed once as it finishes and once in the final table.
    assert len(rows) == 2 * 4
    assert all("| 3 / 0 |" in row or "| 2 / 0 |" in row for row in rows), rows
    assert all(row.count("×") == 2 for row in rows), rows  # both ratios against the bare page


def test_presenter_advances_slides_and_a_static_first_load_fetches_the_scripts(tmp_path):
    async def scenario(port):
        steps = await load.presenter(port, "lang=en&show=1&slides=kpis,map", asyncio.Event(), 0.05, max_steps=3)
        return steps, await load.static_load(port)

    with load.Server(load.APP_PATH, "production", {"DIH_DATA_DIR": str(tmp_path)}) as server:
        steps, (size, count) = load.run(scenario(server.port))
    assert len(steps) >= 2 and all(step.ok for step in steps), [step.error for step in steps]
    titles = {step.headings[-1] for step in steps}
    assert len(titles) == 2, titles  # "next" moved between the two slides and back
    assert count > 1 and size > 100_000  # index.html plus the JavaScript bundle it names


def test_snapshot_hall_smoke_run_serves_every_phone_while_the_presenter_advances(tmp_path):
    table, figures = load.run(load.snapshot_hall(8, 1, "lang=en", {"DIH_DATA_DIR": str(tmp_path)}, pause_s=0.2))
    assert len(figures["phones"].served) == 8 and figures["phones"].failures == 0
    assert figures["steps"] and all(step.ok for step in figures["steps"])
    assert len(figures["sizes"]) == 12 and all(size > 1000 for size in figures["sizes"].values())
    assert "| 8 / 0 |" in table and "largest" in table


def test_run_works_inside_a_running_event_loop():
    async def answer():
        return 42

    async def outer():
        return load.run(answer())

    # In a thread of its own: Playwright's sync API (browser tests earlier in the same process) leaves a loop
    # running in the main thread, where asyncio.run itself would refuse to start.
    result = {}
    worker = threading.Thread(target=lambda: result.update(value=asyncio.run(outer())))
    worker.start()
    worker.join()
    assert result == {"value": 42}


def test_scale_smoke_run_serves_the_bare_page_and_one_and_two_processes_behind_the_proxy(capsys, tmp_path):
    assert load.main(["--scale", "2", "--ramps", "2x1", "--p95", "120", "--query", "lang=en",
                      "--data-dir", str(tmp_path)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith(("| bare", "| dashboard"))]
    assert [row.split(" | ")[0] for row in rows] == ["| bare page, 1 process", "| dashboard, 1 process",
                                                     "| dashboard, 2 processes + nginx"]
    assert all("2/1 s: 2/0" in row for row in rows), rows  # every session served on every setup
    assert rows[2].split(" | ")[4] == "1.0×"  # the same ramp served by both: the ratio is computed, not timed
