"""The benchmark harness on both databases: a small smoke run of the import, its raw baseline and report."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from benchmarks import run
from dih_data.model import Participation

pytestmark = pytest.mark.both_databases

ROWS = 1_000


def test_import_and_raw_baseline_run_in_one_pass_and_leave_only_the_import(engine, tmp_path):
    url = engine.url.render_as_string(hide_password=False)
    result = run.benchmark_import(ROWS, tmp_path, seed=3, url=url)
    assert [item["kind"] for item in result["imports"]] == list(run.synthetic.KINDS)
    assert all(item["written"] and item["errors"] == 0 for item in result["imports"])
    raw = result["raw_participations"]
    assert raw["rows"] == ROWS and raw["rows_per_s"] > 0
    assert raw["how"] == {"sqlite": "sqlite3 executemany", "postgresql": "psycopg2 execute_values"}[
        engine.dialect.name]
    with engine.connect() as connection:  # the baseline's rows were rolled back
        assert connection.scalar(select(func.count()).select_from(Participation)) == ROWS
    saved = {"seed": 3, "machine": {"cpus": 2}, "database": engine.dialect.name, "warm_runs": 1,
             "created_at": "2026-01-01T00:00:00+00:00",
             "results": [{"size": "1000", "participation_rows": ROWS, **result}]}
    share = f"{result['imports'][2]['rows_per_s'] / raw['rows_per_s']:.0%}"
    report = run.format_report(saved)
    assert "import/raw" in report and share in report
    summary = run.markdown_summary([saved])
    assert f"| import ÷ raw (target ≥ 25 %) | {share} |" in summary and "app start" not in summary  # no pages timed
