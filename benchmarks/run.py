"""Import speed and page script time on synthetic data: ``.venv/bin/python -m benchmarks.run --sizes 10k,100k``.

For each size (participation rows) the synthetic events, organisations and participations are written
as CSV and imported through the real :func:`dih_data.importer.import_file` into a fresh SQLite file,
timing each kind. With ``--pages`` every page registered in ``app.py`` is then run with Streamlit's
AppTest against that database: one cold run, then the median of warm reruns. Figures are printed next
to the targets as PASS/MISS (never asserted) and written as JSON.

Page timings run in a child process per size, so Streamlit's in-process caches never carry one
database's data into the next measurement.
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import datetime as dt
import json
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
APPTEST_TIMEOUT_S = 120
PROFILE_TOP = 15

TARGET_IMPORT_ROWS_PER_S = 50_000
TARGET_PAGE_MS = 300
TARGET_PAGE_AT_ROWS = 100_000
"""The page target is set at 100k participation rows; other sizes are shown against it for reference."""


def size_label(rows: int) -> str:
    """10 000 → ``10k``, 1 000 000 → ``1M``, 2 500 → ``2500``."""
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    if rows % 1_000 == 0:
        return f"{rows // 1_000}k"
    return str(rows)


def registered_pages(app_path: Path = APP_PATH) -> list[str]:
    """File paths of the pages ``app_path`` registers with ``st.Page("pages/….py", …)``, in order."""
    tree = ast.parse(app_path.read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _called_name(node.func) == "Page" and node.args):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.endswith(".py"):
            pages.append(first.value)
    return sorted(set(pages), key=pages.index)


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def benchmark_import(rows: int, data_dir: Path, seed: int = 0) -> dict:
    """Generate ``rows`` participations, write the CSVs and import them into ``data_dir``'s database."""
    from dih_data import importer, store

    started = time.perf_counter()
    frames = synthetic.generate(rows, seed=seed)
    generated = time.perf_counter()
    paths = synthetic.write_csv(frames, data_dir / "csv", stem_suffix=f"_{size_label(rows)}")
    written = time.perf_counter()

    engine = store.make_engine(f"sqlite:///{data_dir / DATABASE_FILE}")
    store.init_db(engine)
    imports = []
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
    finally:
        engine.dispose()
    return {
        "counts": {kind: len(frame) for kind, frame in frames.items()},
        "generate_s": generated - started,
        "write_csv_s": written - generated,
        "imports": imports,
    }


def _problem_text(problem) -> str:
    return f"row {problem.row} {problem.column}={problem.value!r}: {problem.message}"


def time_pages(data_dir: Path, warm_runs: int = WARM_RUNS, profile: bool = False) -> dict:
    """Run every registered page against ``data_dir``'s database in a child process; timings in ms.

    With ``profile``, each page then gets ``warm_runs`` more reruns under cProfile (after the timed
    ones, so profiling overhead never enters the timings) and its hottest functions are reported.
    """
    with tempfile.TemporaryDirectory(prefix="dih-bench-pages-") as scratch:
        out = Path(scratch) / "pages.json"
        env = {key: value for key, value in os.environ.items() if key != "DIH_DATABASE_URL"}
        env["DIH_DATA_DIR"] = str(data_dir)
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
    began = time.perf_counter()
    app.run()
    startup_ms = (time.perf_counter() - began) * 1000
    pages = []
    for page in registered_pages():
        app.switch_page(page)
        cold_ms = _timed_run(app)
        warm = [_timed_run(app) for _ in range(warm_runs)]
        pages.append(
            {
                "page": page,
                "cold_ms": cold_ms,
                "warm_ms": warm,
                "warm_median_ms": statistics.median(warm),
                "exceptions": [str(exception.message)[:300] for exception in app.exception],
                "charts": len(app.get("vega_lite_chart")) + len(app.get("deck_gl_json_chart")),
                "metrics": len(app.metric),
            }
        )
        if profile:
            pages[-1]["profile"] = _profile_summary(_profiled_runs(app, warm_runs), warm_runs)
    out.write_text(json.dumps({"startup_ms": startup_ms, "pages": pages}, indent=2), encoding="utf-8")


def _timed_run(app) -> float:
    began = time.perf_counter()
    app.run()
    return (time.perf_counter() - began) * 1000


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
) -> dict:
    """Benchmark every size in a fresh folder under ``workdir`` (a temporary one when ``None``)."""
    root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="dih-bench-"))
    results = []
    try:
        for rows in sizes:
            data_dir = root / size_label(rows)
            shutil.rmtree(data_dir, ignore_errors=True)
            data_dir.mkdir(parents=True)
            print(f"… {size_label(rows)}: generating and importing", file=sys.stderr, flush=True)
            result = {"size": size_label(rows), "participation_rows": rows}
            result.update(benchmark_import(rows, data_dir, seed))
            if pages:
                print(f"… {size_label(rows)}: timing pages", file=sys.stderr, flush=True)
                result["pages"] = time_pages(data_dir, warm_runs, profile)
            results.append(result)
    finally:
        if workdir is None:
            shutil.rmtree(root, ignore_errors=True)
    return {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
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


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def format_report(report: dict) -> str:
    """The printed tables: data sizes, import speed per kind, page times."""
    results = report["results"]
    sections = [
        f"DIH Insight benchmark — synthetic data, seed {report['seed']}, {report['machine']['cpus']} CPUs",
        _table(
            ["size", *synthetic.KINDS, "generate s", "write CSV s"],
            [
                [r["size"], *(f"{r['counts'][kind]:,}" for kind in synthetic.KINDS),
                 f"{r['generate_s']:.2f}", f"{r['write_csv_s']:.2f}"]
                for r in results
            ],
        ),
        f"Import through importer.import_file into a fresh SQLite file "
        f"(target ≥ {TARGET_IMPORT_ROWS_PER_S:,} rows/s)",
        _table(["size", "kind", "rows", "seconds", "rows/s", "target", "result"], _import_rows(results)),
    ]
    timed = [r for r in results if "pages" in r]
    if timed:
        sections += [
            f"Page script time with AppTest: median of {report['warm_runs']} warm reruns after one cold run "
            f"(target ≤ {TARGET_PAGE_MS} ms at {size_label(TARGET_PAGE_AT_ROWS)}; other sizes for reference)",
            _table(["size", "page", "cold ms", "warm ms", "min", "max", "charts", "target", "notes"],
                   _page_rows(timed)),
        ]
        sections += _profile_sections(timed)
    return "\n\n".join(sections)


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
            rows.append([result["size"], block["error"], "", "", "", "", "", "", ""])
            continue
        rows.append([result["size"], "(app start)", f"{block['startup_ms']:.0f}", "", "", "", "", "", ""])
        for page in block["pages"]:
            rows.append([
                result["size"], page["page"], f"{page['cold_ms']:.0f}", f"{page['warm_median_ms']:.0f}",
                f"{min(page['warm_ms']):.0f}", f"{max(page['warm_ms']):.0f}", str(page["charts"]),
                verdict(page["warm_median_ms"] <= TARGET_PAGE_MS), "; ".join(page["exceptions"]),
            ])
    return rows


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="participation rows, e.g. 10k,100k,1M")
    parser.add_argument("--pages", action="store_true", help="also time every registered page with AppTest")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warm-runs", type=int, default=WARM_RUNS)
    parser.add_argument("--workdir", type=Path, help="keep the generated CSVs and databases here")
    parser.add_argument("--profile", action="store_true", help="with --pages: cProfile each page's reruns")
    parser.add_argument("--page-timing-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.page_timing_child:
        _page_timing_child(args.page_timing_child, args.warm_runs, args.profile)
        return 0
    sizes = [synthetic.parse_size(text) for text in args.sizes.split(",") if text.strip()]
    if args.pages and not APP_PATH.exists():
        parser.error(f"--pages needs {APP_PATH}")
    report = run_benchmark(
        sizes, pages=args.pages, seed=args.seed, workdir=args.workdir, warm_runs=args.warm_runs,
        profile=args.profile,
    )
    print(format_report(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
