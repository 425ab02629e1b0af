"""Import speed and page script time on synthetic data: ``.venv/bin/python -m benchmarks.run --sizes 10k,100k``.

For each size (participation rows) the synthetic events, organisations and participations are written
as CSV and imported through the real :func:`dih_data.importer.import_file` into a fresh SQLite file (or,
with ``--database postgres``, a fresh schema on a throw-away PostgreSQL server), timing each kind; the
same participation rows are then inserted once more with the driver's own batched insert (raw
``executemany``, rolled back) as the baseline of the import's throughput. With ``--pages`` every page
registered in ``app.py`` is then run with Streamlit's AppTest against that database: one cold run, then
the median of warm reruns, with the app process's memory. Figures are printed next
to the targets as PASS/MISS (never asserted) and written as JSON.

Page timings run in a child process per size, so Streamlit's in-process caches never carry one
database's data into the next measurement.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import json
import math
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import synthetic

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_PATH = PROJECT_ROOT / "app.py"
DATABASE_FILE = "dih_insight.sqlite"  # the name dih_data.config.database_url() gives inside DIH_DATA_DIR
DEFAULT_SIZES = "10k,100k"
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "results.json"
WARM_RUNS = 5
APPTEST_TIMEOUT_S = 600  # one script run at 1M rows on a loaded 2-core machine
DATABASES = ("sqlite", "postgres")
PROFILE_TOP = 15

TARGET_IMPORT_ROWS_PER_S = 50_000
TARGET_PAGE_MS = 300
TARGET_PAGE_AT_ROWS = 100_000
"""The page target is set at 100k participation rows; other sizes are shown against it for reference."""
TARGET_RAW_SHARE = 0.25
"""At any size: the participation import reaches ≥ 25 % of the raw driver insert's rows/s (same run)."""
LARGE_ROWS = 1_000_000
TARGET_LARGE_WARM_MS = 500
TARGET_LARGE_COLD_MS = 2000
"""From 1M participation rows on: every page warm ≤ 500 ms and its first (cold) render ≤ 2 s."""


def size_label(rows: int) -> str:
    """10 000 → ``10k``, 1 000 000 → ``1M``, 2 500 → ``2500``."""
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    if rows % 1_000 == 0:
        return f"{rows // 1_000}k"
    return str(rows)


def registered_pages() -> list[str]:
    """File paths of the pages ``app.py`` registers (``dih_ui.navigation.PAGES``), in menu order."""
    from dih_ui import navigation

    return [script for script, _title, _icon in navigation.PAGES]


def load_average() -> list[float]:
    """1, 5 and 15 minute load average (the machine is shared: read absolute times with it)."""
    return [round(value, 1) for value in os.getloadavg()]


@contextlib.contextmanager
def postgres_server():
    """A throw-away PostgreSQL server on a free loopback port (``deploy/postgres.py``, as the tests start it)."""
    from deploy import postgres

    with postgres.Postgres() as server:
        yield server.url


def database_url(database: str, data_dir: Path, server_url: str | None) -> str:
    if database == "postgres":
        return server_url
    return f"sqlite:///{data_dir / DATABASE_FILE}"


def fresh_engine(url: str):
    """An engine on an empty schema (a PostgreSQL server is reused across sizes, so its tables are dropped)."""
    from dih_data import store

    engine = store.make_engine(url)
    if engine.dialect.name == "postgresql":
        store.Base.metadata.drop_all(engine)
    store.init_db(engine)
    return engine


def raw_insert_rows_per_s(engine, participations) -> dict:
    """The same participation rows inserted with the driver alone, timed, then rolled back.

    sqlite3: ``cursor.executemany``; psycopg2: ``extras.execute_values`` (psycopg2's own
    ``executemany`` sends one statement per row). Values are prepared before the clock starts.
    """
    from dih_data.model import ImportBatch, Participation

    columns = ["event_id", "org_id", "people", "role", "batch_id"]
    frame = participations.astype(object).where(participations.notna(), None)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(f"SELECT max(id) FROM {ImportBatch.__tablename__}")
        batch_id = cursor.fetchone()[0]
        tuples = list(zip(*(frame[name].tolist() for name in columns[:-1]), [batch_id] * len(frame), strict=True))
        table, names = Participation.__tablename__, ", ".join(columns)
        began = time.perf_counter()
        if engine.dialect.name == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(cursor, f"INSERT INTO {table} ({names}) VALUES %s", tuples, page_size=1000)
            how = "psycopg2 execute_values"
        else:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES (?, ?, ?, ?, ?)", tuples)
            how = "sqlite3 executemany"
        seconds = time.perf_counter() - began
        connection.rollback()
    finally:
        connection.close()
    return {"how": how, "rows": len(tuples), "seconds": seconds, "rows_per_s": len(tuples) / seconds}


def benchmark_import(rows: int, data_dir: Path, seed: int = 0, url: str | None = None) -> dict:
    """Generate ``rows`` participations, write the CSVs and import them into ``url`` (default: a SQLite
    file in ``data_dir``); then time the raw-driver baseline on the same table."""
    from dih_data import importer

    started = time.perf_counter()
    frames = synthetic.generate(rows, seed=seed)
    generated = time.perf_counter()
    paths = synthetic.write_csv(frames, data_dir / "csv", stem_suffix=f"_{size_label(rows)}")
    written = time.perf_counter()

    engine = fresh_engine(url or f"sqlite:///{data_dir / DATABASE_FILE}")
    imports = []
    load_at_start = load_average()
    try:
        for kind in synthetic.KINDS:
            path = paths[kind]
            began = time.perf_counter()
            result = importer.import_file(
                engine, kind, path, provenance="demo", user="benchmark",
                file_name=f"{synthetic.LABEL}:{path.name}",
            )
            seconds = time.perf_counter() - began
            imports.append(
                {
                    "kind": kind,
                    "rows": len(frames[kind]),
                    "seconds": seconds,
                    "rows_per_s": len(frames[kind]) / seconds,
                    "written": bool(result.written),
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "first_errors": [_problem_text(problem) for problem in result.errors[:5]],
                }
            )
        raw = raw_insert_rows_per_s(engine, frames["participations"])
    finally:
        engine.dispose()
    return {
        "counts": {kind: len(frame) for kind, frame in frames.items()},
        "generate_s": generated - started,
        "write_csv_s": written - generated,
        "imports": imports,
        "raw_participations": raw,
        "import_load_average": [load_at_start, load_average()],
    }


def _problem_text(problem) -> str:
    return f"row {problem.row} {problem.column}={problem.value!r}: {problem.message}"


def time_pages(data_dir: Path, warm_runs: int = WARM_RUNS, profile: bool = False, url: str | None = None) -> dict:
    """Run every registered page against ``data_dir``'s database in a child process; timings in ms.

    With ``profile``, each page then gets ``warm_runs`` more reruns under cProfile (after the timed
    ones, so profiling overhead never enters the timings) and its hottest functions are reported.
    """
    with tempfile.TemporaryDirectory(prefix="dih-bench-pages-") as scratch:
        out = Path(scratch) / "pages.json"
        env = {key: value for key, value in os.environ.items() if key != "DIH_DATABASE_URL"}
        env["DIH_DATA_DIR"] = str(data_dir)
        if url:
            env["DIH_DATABASE_URL"] = url
        command = [sys.executable, "-m", "benchmarks.run", "--page-timing-child", str(out), "--warm-runs",
                   str(warm_runs), *(["--profile"] if profile else [])]
        child = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
        if child.returncode != 0 or not out.exists():
            return {"error": f"page timing failed (exit {child.returncode}): {child.stderr[-2000:]}"}
        return json.loads(out.read_text(encoding="utf-8"))


def _page_timing_child(out: Path, warm_runs: int, profile: bool) -> None:
    """In this process only: cold app start, then per page one cold and ``warm_runs`` warm reruns."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP_PATH), default_timeout=APPTEST_TIMEOUT_S)
    load_at_start = load_average()
    startup_ms, startup_cpu_ms = _timed_run(app)
    rss_after_start_mb = _memory_mb("VmRSS")
    pages = []
    for page in registered_pages():
        app.switch_page(page)
        cold_ms, cold_cpu_ms = _timed_run(app)
        warm, warm_cpu = zip(*(_timed_run(app) for _ in range(warm_runs)), strict=True)
        pages.append(
            {
                "page": page,
                "cold_ms": cold_ms,
                "warm_ms": list(warm),
                "warm_median_ms": statistics.median(warm),
                "cold_cpu_ms": cold_cpu_ms,
                "warm_cpu_median_ms": statistics.median(warm_cpu),
                "exceptions": [str(exception.message)[:300] for exception in app.exception],
                "charts": len(app.get("vega_lite_chart")) + len(app.get("deck_gl_json_chart")),
                "metrics": len(app.metric),
            }
        )
        if profile:
            pages[-1]["profile"] = _profile_summary(_profiled_runs(app, warm_runs), warm_runs)
    out.write_text(json.dumps({
        "startup_ms": startup_ms, "startup_cpu_ms": startup_cpu_ms, "pages": pages,
        "rss_after_start_mb": rss_after_start_mb,
        "rss_end_mb": _memory_mb("VmRSS"), "peak_rss_mb": _memory_mb("VmHWM"),
        "load_average": [load_at_start, load_average()],
    }, indent=2), encoding="utf-8")


def _memory_mb(field: str) -> float | None:
    """This process's resident memory (``VmRSS``) or its peak (``VmHWM``) in MB, from /proc (Linux)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def _timed_run(app) -> tuple[float, float]:
    """Wall and CPU milliseconds of one script run. The CPU time is this process's (the script thread does
    nearly all of it): on a machine shared with other work it moves far less than the wall time."""
    began, began_cpu = time.perf_counter(), time.process_time()
    app.run()
    return (time.perf_counter() - began) * 1000, (time.process_time() - began_cpu) * 1000


def _profiled_runs(app, runs: int) -> pstats.Stats:
    """cProfile the script thread (AppTest runs the page in its own thread) over ``runs`` reruns."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    profilers = []  # one per run: a cProfile.Profile re-enabled in a new thread records nothing
    unprofiled = LocalScriptRunner._run_script_thread

    def profiled(runner) -> None:
        profiler = cProfile.Profile()
        profilers.append(profiler)
        profiler.enable()
        try:
            unprofiled(runner)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        for _ in range(runs):
            app.run()
    finally:
        LocalScriptRunner._run_script_thread = unprofiled
    return pstats.Stats(*profilers)


def _profile_summary(stats: pstats.Stats, runs: int, top: int = PROFILE_TOP) -> dict:
    """Per-run ms: the project's functions by cumulative time, and any function by own time."""
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _callers) in stats.stats.items():
        path = Path(filename)
        in_project = path.is_relative_to(PROJECT_ROOT) and not path.is_relative_to(Path(__file__).parent)
        where = f"{path.relative_to(PROJECT_ROOT) if in_project else _short_path(filename)}:{line} {name}"
        rows.append((in_project, where, calls / runs, own * 1000 / runs, cumulative * 1000 / runs))

    def listing(selected, key):
        return [
            {"function": where,
             "calls": round(calls), "own_ms": round(own, 1), "cumulative_ms": round(cum, 1)}
            for _, where, calls, own, cum in sorted(selected, key=key, reverse=True)[:top]
        ]

    return {
        "project_by_cumulative": listing([row for row in rows if row[0]], key=lambda row: row[4]),
        "all_by_own_time": listing(rows, key=lambda row: row[3]),
    }


def _short_path(filename: str) -> str:
    """``…/site-packages/pandas/core/frame.py`` → ``pandas/core/frame.py``."""
    marker = "site-packages/"
    return filename.split(marker, 1)[1] if marker in filename else filename


def run_benchmark(
    sizes: list[int],
    *,
    pages: bool,
    seed: int = 0,
    workdir: Path | None = None,
    warm_runs: int = WARM_RUNS,
    profile: bool = False,
    database: str = "sqlite",
) -> dict:
    """Benchmark every size in a fresh folder under ``workdir`` (a temporary one when ``None``)."""
    root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="dih-bench-"))
    results = []
    server = postgres_server() if database == "postgres" else contextlib.nullcontext()
    try:
        with server as server_url:
            results = [_benchmark_size(rows, root, seed, pages, warm_runs, profile, database, server_url)
                       for rows in sizes]
    finally:
        if workdir is None:
            shutil.rmtree(root, ignore_errors=True)
    return {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": database,
        "machine": {
            "python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()
        },
        "seed": seed,
        "warm_runs": warm_runs,
        "targets": {
            "import_rows_per_s": TARGET_IMPORT_ROWS_PER_S,
            "page_warm_median_ms": TARGET_PAGE_MS,
            "page_target_at_rows": TARGET_PAGE_AT_ROWS,
        },
        "results": results,
    }


def _benchmark_size(rows: int, root: Path, seed: int, pages: bool, warm_runs: int, profile: bool, database: str,
                    server_url: str | None) -> dict:
    """One size: generate, import, time the raw baseline, and with ``pages`` time every page."""
    data_dir = root / size_label(rows)
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    url = database_url(database, data_dir, server_url)
    print(f"… {size_label(rows)}: generating and importing", file=sys.stderr, flush=True)
    result = {"size": size_label(rows), "participation_rows": rows}
    result.update(benchmark_import(rows, data_dir, seed, url))
    if pages:
        print(f"… {size_label(rows)}: timing pages", file=sys.stderr, flush=True)
        result["pages"] = time_pages(data_dir, warm_runs, profile, url)
    return result


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def format_report(report: dict) -> str:
    """The printed tables: data sizes, import speed per kind, page times."""
    results = report["results"]
    sections = [
        f"DIH Insight benchmark — synthetic data, seed {report['seed']}, {report['machine']['cpus']} CPUs, "
        f"database {report.get('database', 'sqlite')}",
        _table(
            ["size", *synthetic.KINDS, "generate s", "write CSV s"],
            [
                [r["size"], *(f"{r['counts'][kind]:,}" for kind in synthetic.KINDS),
                 f"{r['generate_s']:.2f}", f"{r['write_csv_s']:.2f}"]
                for r in results
            ],
        ),
        f"Import through importer.import_file into a fresh {report.get('database', 'sqlite')} database "
        f"(target ≥ {TARGET_IMPORT_ROWS_PER_S:,} rows/s)",
        _table(["size", "kind", "rows", "seconds", "rows/s", "target", "result"], _import_rows(results)),
        f"Participations: import against the driver's raw batched insert of the same rows into the same table "
        f"(same run; target ≥ {TARGET_RAW_SHARE:.0%} of raw)",
        _table(["size", "import rows/s", "raw rows/s", "raw insert", "import/raw", "target", "load avg (1/5/15)"],
               _raw_rows(results)),
    ]
    timed = [r for r in results if "pages" in r]
    if timed:
        sections += [
            f"Page script time with AppTest: median of {report['warm_runs']} warm reruns after one cold run "
            f"(target ≤ {TARGET_PAGE_MS} ms warm at {size_label(TARGET_PAGE_AT_ROWS)}; from "
            f"{size_label(LARGE_ROWS)} rows ≤ {TARGET_LARGE_WARM_MS} ms warm and ≤ {TARGET_LARGE_COLD_MS} ms cold)",
            _table(["size", "page", "cold ms", "warm ms", "cold CPU ms", "warm CPU ms", "min", "max", "charts",
                    "target", "notes"],
                   _page_rows(timed)),
        ]
        sections.append(_memory_lines(timed))
        sections += _profile_sections(timed)
    return "\n\n".join(sections)


def _raw_rows(results: list[dict]) -> list[list[str]]:
    rows = []
    for result in results:
        raw = result.get("raw_participations")
        imported = next((item for item in result["imports"] if item["kind"] == "participations"), None)
        if not raw or not imported:
            continue
        share = imported["rows_per_s"] / raw["rows_per_s"]
        loads = " → ".join("/".join(str(v) for v in load) for load in result.get("import_load_average", []))
        rows.append([result["size"], f"{imported['rows_per_s']:,.0f}", f"{raw['rows_per_s']:,.0f}", raw["how"],
                     f"{share:.0%}", verdict(share >= TARGET_RAW_SHARE), loads])
    return rows


def _memory_lines(results: list[dict]) -> str:
    lines = []
    for result in results:
        block = result["pages"]
        if block.get("error") or block.get("peak_rss_mb") is None:
            continue
        loads = " → ".join("/".join(str(v) for v in load) for load in block.get("load_average", []))
        lines.append(f"{result['size']}: app process RSS {block['rss_after_start_mb']:.0f} MB after app start, "
                     f"{block['rss_end_mb']:.0f} MB after every page, peak {block['peak_rss_mb']:.0f} MB; "
                     f"load average (1/5/15 min) {loads}")
    return "\n".join(lines)


def _import_rows(results: list[dict]) -> list[list[str]]:
    rows = []
    for result in results:
        for item in result["imports"]:
            outcome = "written" if item["written"] else (
                f"NOT WRITTEN, {item['errors']} errors: {item['first_errors'][:2]}"
            )
            rate = item["rows_per_s"]
            rows.append([result["size"], item["kind"], f"{item['rows']:,}", f"{item['seconds']:.2f}",
                         f"{rate:,.0f}", verdict(rate >= TARGET_IMPORT_ROWS_PER_S), outcome])
        total_rows = sum(item["rows"] for item in result["imports"])
        total_s = sum(item["seconds"] for item in result["imports"])
        rate = total_rows / total_s
        rows.append([result["size"], "all kinds", f"{total_rows:,}", f"{total_s:.2f}", f"{rate:,.0f}",
                     verdict(rate >= TARGET_IMPORT_ROWS_PER_S), ""])
    return rows


def _page_rows(results: list[dict]) -> list[list[str]]:
    rows = []
    for result in results:
        block = result["pages"]
        if block.get("error"):
            rows.append([result["size"], block["error"], "", "", "", "", "", "", "", "", ""])
            continue
        rows.append([result["size"], "(app start)", f"{block['startup_ms']:.0f}", "",
                     f"{block.get('startup_cpu_ms', 0):.0f}", "", "", "", "", "", ""])
        for page in block["pages"]:
            rows.append([
                result["size"], page["page"], f"{page['cold_ms']:.0f}", f"{page['warm_median_ms']:.0f}",
                f"{page.get('cold_cpu_ms', 0):.0f}", f"{page.get('warm_cpu_median_ms', 0):.0f}",
                f"{min(page['warm_ms']):.0f}", f"{max(page['warm_ms']):.0f}", str(page["charts"]),
                verdict(_page_ok(result["participation_rows"], page)), "; ".join(page["exceptions"]),
            ])
    return rows


def _page_ok(rows: int, page: dict) -> bool:
    if rows >= LARGE_ROWS:
        return page["warm_median_ms"] <= TARGET_LARGE_WARM_MS and page["cold_ms"] <= TARGET_LARGE_COLD_MS
    return page["warm_median_ms"] <= TARGET_PAGE_MS


def _profile_sections(results: list[dict]) -> list[str]:
    sections = []
    for result in results:
        for page in result["pages"].get("pages", []):
            if "profile" not in page:
                continue
            for title, key in (("project functions by cumulative time", "project_by_cumulative"),
                               ("all functions by own time", "all_by_own_time")):
                rows = [[f"{item['cumulative_ms']:.1f}", f"{item['own_ms']:.1f}", f"{item['calls']:,}",
                         item["function"]] for item in page["profile"][key]]
                heading = f"Profile {result['size']} {page['page']}: {title} (cProfile, ms per warm run)"
                sections.append(heading + "\n" + _table(["cum ms", "own ms", "calls", "function"], rows))
    return sections


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """Plain-text table; the last column is left as is so long notes do not widen the others."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    widths[-1] = len(headers[-1])

    def line(cells: list[str]) -> str:
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])


def markdown_summary(reports: list[dict]) -> str:
    """One Markdown table for the README: a column per (report, size), a row per figure."""
    columns = [(report, result) for report in reports for result in report["results"]]
    heads = [f"{result['size']} {report.get('database', 'sqlite')}" for report, result in columns]
    rows = [["when (UTC)", *(report["created_at"].replace("T", " ")[:16] for report, _ in columns)]]
    for kind in ("participations", "all kinds"):
        rows.append([f"import {kind}, rows/s", *(f"{_import_rate(result, kind):,.0f}" for _, result in columns)])
    rows.append(["raw insert of the same participation rows, rows/s",
                 *(f"{result['raw_participations']['rows_per_s']:,.0f}" for _, result in columns)])
    rows.append(["import ÷ raw (target ≥ 25 %)", *(
        f"{_import_rate(result, 'participations') / result['raw_participations']['rows_per_s']:.0%}"
        for _, result in columns)])
    rows.append(["load average during the imports (1 min)", *(
        " → ".join(str(load[0]) for load in result["import_load_average"]) for _, result in columns)])
    timed = [result.get("pages", {}) for _, result in columns]
    if any("pages" in block for block in timed):
        rows.append(["app start, wall / CPU ms", *(
            f"{block['startup_ms']:,.0f} / {block.get('startup_cpu_ms', math.nan):,.0f}" if "pages" in block else "—"
            for block in timed)])
        for script in registered_pages():
            rows.append([f"{Path(script).stem}: cold / warm ms (CPU ms)", *(
                next((_page_cell(page) for page in block.get("pages", []) if page["page"] == script), "—")
                for block in timed)])
        rows.append(["app process RSS after start / peak, MB", *(
            f"{block['rss_after_start_mb']:.0f} / {block['peak_rss_mb']:.0f}" if "pages" in block else "—"
            for block in timed)])
        rows.append(["load average during the pages (1 min)", *(
            " → ".join(str(load[0]) for load in block["load_average"]) if "pages" in block else "—"
            for block in timed)])
    lines = ["| figure | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _import_rate(result: dict, kind: str) -> float:
    items = result["imports"] if kind == "all kinds" else [i for i in result["imports"] if i["kind"] == kind]
    return sum(item["rows"] for item in items) / sum(item["seconds"] for item in items)


def _page_cell(page: dict) -> str:
    cpu = f" ({page['cold_cpu_ms']:,.0f} / {page['warm_cpu_median_ms']:,.0f})" if "cold_cpu_ms" in page else ""
    return f"{page['cold_ms']:,.0f} / {page['warm_median_ms']:,.0f}{cpu}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="participation rows, e.g. 10k,100k,1M")
    parser.add_argument("--pages", action="store_true", help="also time every registered page with AppTest")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warm-runs", type=int, default=WARM_RUNS)
    parser.add_argument("--workdir", type=Path, help="keep the generated CSVs and databases here")
    parser.add_argument("--profile", action="store_true", help="with --pages: cProfile each page's reruns")
    parser.add_argument("--database", choices=DATABASES, default="sqlite",
                        help="sqlite (a file per size) or postgres (a throw-away server, as the tests start it)")
    parser.add_argument("--markdown", type=Path, nargs="+", metavar="JSON",
                        help="print the summary table of saved results (one column per file) and exit")
    parser.add_argument("--page-timing-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.page_timing_child:
        _page_timing_child(args.page_timing_child, args.warm_runs, args.profile)
        return 0
    if args.markdown:
        print(markdown_summary([json.loads(path.read_text(encoding="utf-8")) for path in args.markdown]))
        return 0
    sizes = [synthetic.parse_size(text) for text in args.sizes.split(",") if text.strip()]
    if args.pages and not APP_PATH.exists():
        parser.error(f"--pages needs {APP_PATH}")
    report = run_benchmark(
        sizes, pages=args.pages, seed=args.seed, workdir=args.workdir, warm_runs=args.warm_runs,
        profile=args.profile, database=args.database,
    )
    print(format_report(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
