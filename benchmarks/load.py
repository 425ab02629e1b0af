"""Load on the served app, as ratios against a bare Streamlit page: ``.venv/bin/python -m benchmarks.load``.

Both the dashboard (``app.py``) and the bare baseline page (``benchmarks/bare_app.py``) are started
the same way (``streamlit run`` on a free 127.0.0.1 port, same settings profile, same working folder)
in the same run. A *session* speaks Streamlit's own websocket protocol, as a browser tab does:
connect to ``/_stcore/stream``, send a ``rerun_script`` BackMsg with the page and query string, read
ForwardMsgs until ``script_finished``; an exception element or a missing page counts as a failure.
With ``--static`` each session first fetches ``/`` and the scripts and styles it names, as a first
browser load does. An *HTTP session* (``--http PATH``) fetches one URL, e.g. a static snapshot.

Arrivals come in ramps ``NxS``: N sessions starting evenly over S seconds (``S = 0``: all at once).
Per ramp: p50/p95/p99 time to finished, failures, wall time until all were done, server CPU seconds
per session and peak RSS — and the ratio of each to the bare page's figure from the same run, which
is what to read on a shared machine where absolute timings are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from websockets.asyncio.client import connect

from deploy.net import free_port, wait_until_answers

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_PATH = PROJECT_ROOT / "app.py"
BARE_APP_PATH = Path(__file__).resolve().parent / "bare_app.py"
README = Path(__file__).resolve().parent / "README.md"
TABLE_START, TABLE_END = "<!-- load:start -->", "<!-- load:end -->"

PROFILES = {
    # Streamlit's own defaults, stated explicitly so the run does not depend on .streamlit/config.toml.
    "streamlit-defaults": {"runner.postScriptGC": "true", "server.fileWatcherType": "auto"},
    # What the project's .streamlit/config.toml sets for a served deployment (see README).
    "production": {"runner.postScriptGC": "false", "server.fileWatcherType": "none"},
}
SESSION_TIMEOUT_S = 60.0
SERVER_START_TIMEOUT_S = 90.0
ASSET = re.compile(r'(?:src|href)="\.?/?(static/[^"]+\.(?:js|css))"')


@dataclasses.dataclass
class Outcome:
    """One session: whether it was served, how long it took and what the server sent."""

    ok: bool
    seconds: float
    bytes_received: int = 0
    largest_message: int = 0
    largest_kind: str = ""
    error: str = ""
    headings: list[str] = dataclasses.field(default_factory=list)


class Server:
    """A ``streamlit run`` child process on a free local port, with its CPU and memory readable."""

    def __init__(self, app: Path, profile: str, env: dict[str, str] | None = None, static_serving: bool = False):
        self.app, self.port = app, free_port()
        options = {**PROFILES[profile], "server.enableStaticServing": str(static_serving).lower()}
        flags = [f"--{name}={value}" for name, value in options.items()]
        self.command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless=true",
                        f"--server.port={self.port}", "--server.address=127.0.0.1",
                        "--browser.gatherUsageStats=false", *flags]
        self.env = {**os.environ, **(env or {})}
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 — lives as long as the server, closed in __exit__
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(self.command, cwd=PROJECT_ROOT, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        try:
            wait_until_answers({self.app.name: f"http://127.0.0.1:{self.port}/_stcore/health"},
                               {self.app.name: self.process}, SERVER_START_TIMEOUT_S)
        except RuntimeError as error:
            self.__exit__()
            raise RuntimeError(f"{error}:\n{self.output()}") from None
        self.stats = psutil.Process(self.process.pid)
        return self

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

    def cpu_seconds(self) -> float:
        times = self.stats.cpu_times()
        return times.user + times.system

    def rss_mb(self) -> float:
        return self.stats.memory_info().rss / 1e6


# --- clients --------------------------------------------------------------------------------------------

async def http_get(port: int, path: str, gzip: bool = False, timeout: float = SESSION_TIMEOUT_S) -> tuple[int, bytes]:
    """A plain HTTP/1.1 GET on 127.0.0.1 (status, body); one connection per request, as a new phone opens."""
    async def fetch() -> tuple[int, bytes]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        encoding = "Accept-Encoding: gzip\r\n" if gzip else ""
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{encoding}Connection: close\r\n\r\n".encode())
        await writer.drain()
        raw = await reader.read()
        writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        if b"transfer-encoding: chunked" in head.lower():
            body = _unchunk(body)
        return int(head.split(b" ", 2)[1]), body

    return await asyncio.wait_for(fetch(), timeout)


def _unchunk(body: bytes) -> bytes:
    out, rest = bytearray(), body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    return bytes(out)


async def static_load(port: int) -> tuple[int, int]:
    """What a first browser load fetches before the websocket: ``/`` and the scripts/styles it names."""
    status, index = await http_get(port, "/")
    if status != 200:
        raise RuntimeError(f"GET / answered {status}")
    total, count = len(index), 1
    for asset in sorted(set(ASSET.findall(index.decode(errors="replace")))):
        status, body = await http_get(port, "/" + asset)
        if status != 200:
            raise RuntimeError(f"GET /{asset} answered {status}")
        total, count = total + len(body), count + 1
    return total, count


def _rerun(page: str, query: str, widget_id: str = "") -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    if widget_id:
        state = message.rerun_script.widget_states.widgets.add()
        state.id, state.trigger_value = widget_id, True
    return message.SerializeToString()


async def _until_finished(ws, outcome: Outcome, seen: dict | None = None) -> list:
    """Read ForwardMsgs until the script run ends; returns the new elements (exceptions counted)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    elements = []
    while True:
        raw = await ws.recv()
        outcome.bytes_received += len(raw)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            kind = element.WhichOneof("type")
            elements.append(element)
            if kind == "heading":
                outcome.headings.append(element.heading.body)
            if kind == "exception":
                outcome.ok, outcome.error = False, element.exception.message[:200]
        if len(raw) > outcome.largest_message:
            outcome.largest_message, outcome.largest_kind = len(raw), kind
        if kind == "page_not_found":
            outcome.ok, outcome.error = False, "page not found"
        if kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                outcome.ok, outcome.error = False, "compile error"
            return elements


async def ws_session(port: int, page: str = "", query: str = "", static: bool = False,
                     timeout: float = SESSION_TIMEOUT_S) -> Outcome:
    """One new visitor: (optionally the static files, then) the websocket until the page has run."""
    started = time.perf_counter()
    outcome = Outcome(ok=True, seconds=0.0)
    try:
        async with asyncio.timeout(timeout):
            if static:
                outcome.bytes_received, _ = await static_load(port)
            # No client keepalive pings: a browser tab sends none, it waits (up to the session timeout).
            async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                               max_size=None, open_timeout=timeout, compression=None, ping_interval=None) as ws:
                await ws.send(_rerun(page, query))
                await _until_finished(ws, outcome)
    except Exception as error:  # a timeout, a refused or dropped connection: the visitor was not served
        outcome.ok, outcome.error = False, f"{type(error).__name__}: {error}"[:200]
    outcome.seconds = time.perf_counter() - started
    return outcome


@contextlib.asynccontextmanager
async def open_tab(port: int, page: str = "", query: str = ""):
    """A browser tab that has loaded ``page`` and stays open (the presenter's, or any guest's).

    Streamlit clears its compiled-script cache whenever the last session disconnects, so a ramp of
    sessions that each leave at once would recompile the pages for nearly every visitor — which a hall,
    where tabs stay open, never sees. Ramps run with one such tab open on each server.
    """
    async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                       compression=None, ping_interval=None) as ws:
        await ws.send(_rerun(page, query))
        outcome = Outcome(ok=True, seconds=0.0)
        await _until_finished(ws, outcome)
        if not outcome.ok:
            raise RuntimeError(f"the open tab was not served: {outcome.error}")
        yield outcome


async def http_session(port: int, path: str, timeout: float = SESSION_TIMEOUT_S) -> Outcome:
    """One phone opening a URL (e.g. a static snapshot): served when it answers 200 with a body."""
    started = time.perf_counter()
    try:
        status, body = await http_get(port, path, timeout=timeout)
        ok, error = status == 200 and bool(body), "" if status == 200 else f"HTTP {status}"
    except Exception as exc:
        ok, error, body = False, f"{type(exc).__name__}: {exc}"[:200], b""
    return Outcome(ok, time.perf_counter() - started, len(body), len(body), "http", error)


async def presenter(port: int, query: str, stop: asyncio.Event, pause_s: float = 1.0,
                    max_steps: int | None = None) -> list[Outcome]:
    """A presenter on stage: opens the slides and clicks "next" every ``pause_s`` until ``stop`` is set
    (at least once)."""
    steps = []
    async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                       compression=None, ping_interval=None) as ws:
        first = Outcome(ok=True, seconds=0.0)
        await ws.send(_rerun("present", query))
        elements = await _until_finished(ws, first)
        while (not stop.is_set() or not steps) and (max_steps is None or len(steps) < max_steps):
            buttons = [e.button.id for e in elements if e.WhichOneof("type") == "button" and "▶" in e.button.label]
            if not buttons:
                steps.append(Outcome(False, 0.0, error="no next button"))
                break
            step, started = Outcome(ok=True, seconds=0.0), time.perf_counter()
            await ws.send(_rerun("present", query, buttons[0]))
            elements = await _until_finished(ws, step)
            step.seconds = time.perf_counter() - started
            steps.append(step)
            await asyncio.sleep(pause_s)
    return steps


# --- ramps ----------------------------------------------------------------------------------------------

@dataclasses.dataclass
class RampResult:
    label: str
    sessions: int
    over_s: float
    outcomes: list[Outcome]
    wall_s: float
    cpu_s: float
    rss_start_mb: float
    rss_peak_mb: float

    @property
    def served(self) -> list[float]:
        return sorted(o.seconds for o in self.outcomes if o.ok)

    @property
    def failures(self) -> int:
        return sum(not o.ok for o in self.outcomes)

    def percentile(self, q: float) -> float | None:
        served = self.served
        if not served:
            return None
        return served[max(0, math.ceil(q / 100 * len(served)) - 1)]  # nearest rank

    @property
    def cpu_per_session(self) -> float:
        return self.cpu_s / max(1, self.sessions)

    @property
    def kb_per_session(self) -> float:
        """Mean websocket bytes a served session received (plus the static files with ``--static``), in KB."""
        sizes = [o.bytes_received for o in self.outcomes if o.ok]
        return statistics.mean(sizes) / 1000 if sizes else 0.0

    @property
    def largest(self) -> str:
        """The largest single message any session received, with its kind (e.g. ``vega_lite_chart``)."""
        biggest = max(self.outcomes, key=lambda o: o.largest_message)
        return f"{biggest.largest_message / 1000:.1f} ({biggest.largest_kind})" if biggest.largest_message else "—"

    def first_errors(self, n: int = 3) -> list[str]:
        return sorted({o.error for o in self.outcomes if not o.ok})[:n]


def page_and_query(page: str, query: str) -> tuple[str, str]:
    """``"regions?level=municipality"`` → the page and its own query joined to the common one."""
    name, _, own = page.partition("?")
    return name, "&".join(part for part in (query, own) if part)


def parse_ramp(text: str) -> tuple[int, float]:
    """``"200x30"`` → 200 sessions over 30 s; ``"100x0"`` → 100 at once."""
    count, _, seconds = text.lower().partition("x")
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"ramp {text!r}: write N sessions x S seconds, e.g. 200x30")
    return int(count), float(seconds or 0)


async def ramp(server: Server, count: int, over_s: float, make_session, label: str = "") -> RampResult:
    """Start ``count`` sessions evenly over ``over_s`` seconds; wait for all; read the server's cost."""
    cpu_before, rss_start = server.cpu_seconds(), server.rss_mb()
    peak = rss_start
    started = time.perf_counter()

    async def arrive(i: int) -> Outcome:
        await asyncio.sleep(i * over_s / count)
        return await make_session()

    async def watch_memory() -> None:
        nonlocal peak
        while True:
            peak = max(peak, server.rss_mb())
            await asyncio.sleep(0.25)

    watcher = asyncio.create_task(watch_memory())
    outcomes = await asyncio.gather(*(arrive(i) for i in range(count)))
    watcher.cancel()
    wall = time.perf_counter() - started
    return RampResult(label, count, over_s, list(outcomes), wall, server.cpu_seconds() - cpu_before, rss_start,
                      max(peak, server.rss_mb()))


# --- reporting ------------------------------------------------------------------------------------------

def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.1f}×"


def ramp_table(pairs: list[tuple[RampResult, RampResult]]) -> str:
    """Markdown: each ramp on the dashboard page next to the bare page from the same run."""
    lines = ["| page | arrivals | served / failed | p50 s | p95 s | p99 s | all done s | CPU s/session | "
             "peak RSS MB | KB/session | largest message KB (kind) | bare p95 s | bare CPU s/session | "
             "p95 ratio | CPU ratio |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for dih, bare in pairs:
        arrival = f"{dih.sessions} at once" if dih.over_s == 0 else f"{dih.sessions} over {dih.over_s:g} s"
        lines.append(
            f"| {dih.label} | {arrival} | {len(dih.served)} / {dih.failures} | {_s(dih.percentile(50))} | "
            f"{_s(dih.percentile(95))} | {_s(dih.percentile(99))} | {dih.wall_s:.1f} | {dih.cpu_per_session:.3f} | "
            f"{dih.rss_peak_mb:.0f} | {dih.kb_per_session:.1f} | {dih.largest} | {_s(bare.percentile(95))} | "
            f"{bare.cpu_per_session:.3f} | "
            f"{_ratio(dih.percentile(95), bare.percentile(95))} | "
            f"{_ratio(dih.cpu_per_session, bare.cpu_per_session)} |")
    return "\n".join(lines)


def conditions(profile: str, static: bool) -> str:
    load1, load5, _ = os.getloadavg()
    return (f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load average "
            f"{load1:.1f} (1 min) / {load5:.1f} (5 min) at the start, profile `{profile}`, "
            f"static files {'fetched' if static else 'not fetched'}, Python {sys.version.split()[0]}")


def write_readme(section: str, text: str, readme: Path = README) -> None:
    """Replace (or add) the generated section named ``section`` between its markers in the README."""
    start, end = TABLE_START.replace("load", f"load:{section}"), TABLE_END.replace("load", f"load:{section}")
    content = readme.read_text(encoding="utf-8")
    block = f"{start}\n{text}\n{end}"
    if start in content and end in content:
        content = content[:content.index(start)] + block + content[content.index(end) + len(end):]
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(content, encoding="utf-8")


# --- scenarios ------------------------------------------------------------------------------------------

async def compare(pages: list[str], ramps: list[tuple[int, float]], profile: str, static: bool, query: str,
                  env: dict[str, str]) -> list[tuple[RampResult, RampResult]]:
    """Every ramp against every page, each followed by the same ramp on the bare page, both servers up."""
    with Server(APP_PATH, profile, env) as dih, Server(BARE_APP_PATH, profile, env) as bare:
        # One warm-up session each: the first run pays imports and the data load, not a visitor's cost.
        for page in pages:
            await ws_session(dih.port, *page_and_query(page, query))
        await ws_session(bare.port)
        async with open_tab(dih.port, *page_and_query(pages[0], query)), open_tab(bare.port):
            pairs = await _compare_ramps(dih, bare, pages, ramps, static, query)
    return pairs


async def _compare_ramps(dih: Server, bare: Server, pages: list[str], ramps: list[tuple[int, float]], static: bool,
                         query: str) -> list[tuple[RampResult, RampResult]]:
    pairs = []
    for count, over_s in ramps:
        for page in pages:
            dih_result = await ramp(dih, count, over_s,
                                    lambda p=page: ws_session(dih.port, *page_and_query(p, query), static),
                                    page or "overview")
            bare_result = await ramp(bare, count, over_s, lambda: ws_session(bare.port, "", "", static), "bare")
            pairs.append((dih_result, bare_result))
            print(ramp_table([pairs[-1]]).splitlines()[-1], flush=True)
            for result in (dih_result, bare_result):
                if result.failures:
                    print(f"  {result.label}: {result.failures} failed, e.g. {result.first_errors()}", flush=True)
    return pairs


async def memory_growth(page: str, sessions: int, every: int, profile: str, query: str,
                        env: dict[str, str]) -> list[tuple[int, float]]:
    """RSS after every ``every`` sessions (10 at a time), to see whether memory plateaus without the GC."""
    points = []
    with Server(APP_PATH, profile, env) as dih:
        await ws_session(dih.port, page, query)
        points.append((1, dih.rss_mb()))
        done = 1
        while done < sessions:
            batch = min(10, sessions - done)
            outcomes = await asyncio.gather(*(ws_session(dih.port, page, query) for _ in range(batch)))
            if not all(o.ok for o in outcomes):
                raise RuntimeError(f"a session failed: {[o.error for o in outcomes if not o.ok][:1]}")
            done += batch
            if done // every > (done - batch) // every or done == sessions:
                points.append((done, dih.rss_mb()))
                print(f"  {done} sessions: RSS {points[-1][1]:.0f} MB", flush=True)
    return points


async def snapshot_hall(phones: int, over_s: float, query: str, env: dict[str, str],
                        pause_s: float = 1.0) -> tuple[str, dict]:
    """Phones open the slide snapshots while a presenter on the same server keeps advancing slides.

    The presenter's stage writes the snapshots (as on the day); then ``phones`` plain GETs of
    ``/app/static/snapshots/<lang>/<slide>.html`` arrive over ``over_s`` seconds, spread over every
    slide and both languages, and the presenter clicks "next" every ``pause_s`` until they are done.
    """
    from dih_data import config, slides, snapshots

    with Server(APP_PATH, "production", env, static_serving=True) as dih, Server(BARE_APP_PATH, "production",
                                                                                 env) as bare:
        bare_times = sorted([(await ws_session(bare.port)).seconds for _ in range(6)][1:])
        paths = [snapshots.served_path(lang, i, key) for lang in ("lv", "en") for i, key in enumerate(slides.SLIDES)]
        files = {p: config.snapshot_dir() / p.split(f"/{snapshots.FOLDER}/")[1] for p in paths}
        # Files from an earlier run are removed rather than compared by modification time: under faketime the
        # clock is faked but the file system stamps real time.
        for stale in files.values():
            stale.unlink(missing_ok=True)
        stop = asyncio.Event()
        stage = asyncio.create_task(presenter(dih.port, f"{query}&show=1".lstrip("&"), stop, pause_s))
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not all(f.exists() for f in files.values()):
            if stage.done():
                raise RuntimeError(f"the presenter's stage stopped before writing the snapshots: {stage.result()}")
            if time.monotonic() > deadline:
                raise RuntimeError("the presenter's stage did not write the snapshots in "
                                   f"{SERVER_START_TIMEOUT_S:.0f} s")
            await asyncio.sleep(0.5)
        sizes = {p: f.stat().st_size for p, f in files.items()}
        hall = await ramp(dih, phones, over_s, _rotating(dih.port, paths), "snapshot")
        stop.set()
        steps = await stage
    served_steps = sorted(step.seconds for step in steps if step.ok)
    figures = {"phones": hall, "steps": steps, "sizes": sizes, "bare_median_s": statistics.median(bare_times)}
    step_p95 = served_steps[max(0, math.ceil(0.95 * len(served_steps)) - 1)] if served_steps else None
    lines = [
        "| what | count | served / failed | p50 s | p95 s | p99 s | max s | all done s | server CPU s/phone |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| phones open a snapshot ({phones} over {over_s:g} s) | {phones} | {len(hall.served)} / {hall.failures} | "
        f"{_s(hall.percentile(50))} | {_s(hall.percentile(95))} | {_s(hall.percentile(99))} | "
        f"{_s(hall.served[-1] if hall.served else None)} | {hall.wall_s:.1f} | {hall.cpu_per_session:.4f} |",
        f"| presenter clicks \"next\" meanwhile | {len(steps)} | {len(served_steps)} / "
        f"{len(steps) - len(served_steps)} | {_s(statistics.median(served_steps) if served_steps else None)} | "
        f"{_s(step_p95)} | — | {_s(served_steps[-1] if served_steps else None)} | — | — |",
        "",
        f"Bare page, one session alone (median of 5, same run): {figures['bare_median_s']:.2f} s; presenter step "
        f"p95 = {_ratio(step_p95, figures['bare_median_s'])} that. Snapshot sizes (bytes): "
        + ", ".join(f"`{p.split('snapshots/')[1]}` {n:,}" for p, n in sizes.items())
        + f"; largest {max(sizes.values()) / 1000:.1f} KB.",
    ]
    return "\n".join(lines), figures


def _rotating(port: int, paths: list[str]):
    """Phone i opens snapshot i mod len(paths): every slide in both languages gets its share."""
    turn = iter(range(10**9))
    return lambda: http_session(port, paths[next(turn) % len(paths)])


class Deployment:
    """``processes`` app processes behind nginx (``deploy.cluster.Cluster``), read like one ``Server``: sessions
    go to the proxy's port; CPU and RSS are the sums over the app processes (nginx's own CPU is reported apart)."""

    def __init__(self, processes: int, env: dict[str, str], database_url: str | None = None, postgres: bool = False):
        from deploy.cluster import Cluster

        self.processes = processes
        self.cluster = Cluster(processes, database_url=database_url, start_postgres=postgres,
                               data_dir=Path(env["DIH_DATA_DIR"]), env=env)

    def __enter__(self) -> Deployment:
        self.cluster.__enter__()
        self.port = self.cluster.proxy_port
        self.apps = [psutil.Process(process.pid) for process in self.cluster.app_processes]
        self.proxy = psutil.Process(self.cluster.proxy.pid)
        return self

    def __exit__(self, *exc) -> None:
        self.cluster.__exit__(*exc)

    def cpu_seconds(self) -> float:
        return sum(times.user + times.system for times in (app.cpu_times() for app in self.apps))

    def proxy_cpu_seconds(self) -> float:
        """nginx's master and workers."""
        processes = [self.proxy, *self.proxy.children(recursive=True)]
        return sum(p.cpu_times().user + p.cpu_times().system for p in processes)

    def rss_mb(self) -> float:
        return sum(app.memory_info().rss for app in self.apps) / 1e6


@dataclasses.dataclass
class Capacity:
    """The largest ramp a setup served within the p95 bound (0 failures), and its ramps."""

    label: str
    results: list[RampResult]
    bound_s: float
    proxy_cpu: float | None = None  # nginx CPU s per session (deployments only)
    client_cpu: float | None = None  # this load client's CPU s per session, on the same cores

    def passes(self, result: RampResult) -> bool:
        return result.failures == 0 and (result.percentile(95) or math.inf) <= self.bound_s

    @property
    def best(self) -> RampResult | None:
        passing = [r for r in self.results if self.passes(r)]
        return max(passing, key=lambda r: r.sessions / max(r.over_s, 1e-9)) if passing else None

    @property
    def per_second(self) -> float:
        """Arrivals per second of the largest ramp served within the bound (0 if none was)."""
        best = self.best
        return best.sessions / best.over_s if best else 0.0


async def capacity(target, label: str, page: str, query: str, ramps: list[tuple[int, float]], bound_s: float,
                   tabs: list[int]) -> Capacity:
    """Ramps of growing arrival rate on ``target`` until one misses the bound (p95 > ``bound_s`` or a failure);
    one tab stays open on every app port in ``tabs`` meanwhile (see ``open_tab``)."""
    found = Capacity(label, [], bound_s)
    async with contextlib.AsyncExitStack() as stack:
        for port in tabs:
            await stack.enter_async_context(open_tab(port, page, query))
        for count, over_s in sorted(ramps, key=lambda r: r[0] / max(r[1], 1e-9)):
            result = await ramp(target, count, over_s, lambda: ws_session(target.port, page, query), label)
            found.results.append(result)
            print(f"  {label}: {count} over {over_s:g} s → {len(result.served)} / {result.failures}, "
                  f"p95 {_s(result.percentile(95))} s, CPU {result.cpu_per_session:.3f} s/session, "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
            if not found.passes(result):
                break
    return found


class Direct:
    """One app process of a deployment, reached on its own port (no proxy), read like a ``Server``."""

    def __init__(self, deployment: Deployment, index: int = 0):
        self.port, self.app = deployment.cluster.app_ports[index], deployment.apps[index]

    def cpu_seconds(self) -> float:
        times = self.app.cpu_times()
        return times.user + times.system

    def rss_mb(self) -> float:
        return self.app.memory_info().rss / 1e6


async def scale(processes: int, page: str, query: str, ramps: list[tuple[int, float]], bound_s: float,
                env: dict[str, str], database_url: str | None, postgres: bool = False) -> tuple[str, list[Capacity]]:
    """The same ramps against the bare page, one app process, and ``processes`` app processes behind nginx,
    one after another in this run: the largest arrival rate each serves with p95 within ``bound_s`` and no
    failure. The one-process figure is the deployment's first process reached directly (the others idle),
    so the proxy's hop counts only against the many."""
    found = []
    client = psutil.Process()
    with Server(BARE_APP_PATH, "production", env) as bare:
        await ws_session(bare.port)
        found.append(await capacity(bare, "bare page, 1 process", "", "", ramps, bound_s, [bare.port]))
    with Deployment(processes, env, database_url, postgres) as deployment:
        for port in deployment.cluster.app_ports:  # imports and the data load, once per process
            await ws_session(port, page, query)
        for label, target in (("dashboard, 1 process", Direct(deployment)),
                              (f"dashboard, {processes} processes + nginx", deployment)):
            proxy_before, client_before = deployment.proxy_cpu_seconds(), sum(client.cpu_times()[:2])
            result = await capacity(target, label, page, query, ramps, bound_s, deployment.cluster.app_ports)
            sessions = sum(r.sessions for r in result.results)
            result.proxy_cpu = (deployment.proxy_cpu_seconds() - proxy_before) / sessions
            result.client_cpu = (sum(client.cpu_times()[:2]) - client_before) / sessions
            found.append(result)
    return scale_table(found, page or "overview"), found


def scale_table(found: list[Capacity], page: str) -> str:
    one = next((c for c in found if c.label == "dashboard, 1 process"), None)
    lines = [f"| setup ({page}) | ramps tried (served / failed, p95 s) | largest within p95 ≤ {found[0].bound_s:g} s "
             "| sessions/s | vs 1 process | app CPU s/session | nginx CPU s/session | load client CPU s/session |",
             "|---|---|---|---|---|---|---|---|"]
    for c in found:
        tried = "; ".join(f"{r.sessions}/{r.over_s:g} s: {len(r.served)}/{r.failures}, {_s(r.percentile(95))}"
                          for r in c.results)
        best = c.best
        lines.append(
            f"| {c.label} | {tried} | {f'{best.sessions} over {best.over_s:g} s' if best else 'none'} | "
            f"{c.per_second:.1f} | {_ratio(c.per_second, one.per_second) if one and c is not found[0] else '—'} | "
            f"{(best or c.results[-1]).cpu_per_session:.3f} | "
            f"{'—' if c.proxy_cpu is None else f'{c.proxy_cpu:.4f}'} | "
            f"{'—' if c.client_cpu is None else f'{c.client_cpu:.4f}'} |")
    return "\n".join(lines)


def run(coroutine):
    """``asyncio.run`` that also works where an event loop already runs in this thread (e.g. after Playwright's
    sync API in the same pytest process): the coroutine then gets a fresh loop in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    outcome = {}

    def in_thread():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed back to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="overview,regions",
                        help="dashboard pages by URL name (overview = the default page), each optionally with its own "
                        "query, e.g. regions?level=municipality; default overview,regions")
    parser.add_argument("--ramps", default="1x0,50x0,100x30", help="N sessions x S seconds, comma-separated")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="production")
    parser.add_argument("--static", action="store_true", help="each session first fetches / and its scripts")
    parser.add_argument("--query", default="", help="query string for every dashboard session, e.g. lang=en")
    parser.add_argument("--data-dir", help="DIH_DATA_DIR for the dashboard (default: a fresh demo database)")
    parser.add_argument("--memory", type=int, metavar="N", help="instead: RSS over N sessions of the first page")
    parser.add_argument("--snapshot", metavar="NxS", help="instead: N phones open slide snapshots over S seconds "
                        "while a presenter advances slides (e.g. 1000x60)")
    parser.add_argument("--scale", metavar="N", type=int, help="instead: the bare page, one app process, and N app "
                        "processes behind nginx (deploy/): the largest ramp of --ramps each serves within --p95 "
                        "(first --pages page)")
    parser.add_argument("--p95", type=float, default=1.0, help="with --scale: the p95 bound in seconds (default 1)")
    parser.add_argument("--database-url", help="with --scale: a database every process shares (default: SQLite "
                        "in the data folder)")
    parser.add_argument("--postgres", action="store_true", help="with --scale: start a throw-away PostgreSQL server "
                        "for the processes to share")
    parser.add_argument("--readme", metavar="SECTION", help="write the table into benchmarks/README.md")
    args = parser.parse_args(argv)

    pages = ["" if p.strip() == "overview" else p.strip() for p in args.pages.split(",") if p.strip()]
    with tempfile.TemporaryDirectory(prefix="dih-load-") as scratch:
        env = {"DIH_DATA_DIR": args.data_dir or scratch}
        header = f"Conditions: {conditions(args.profile, args.static)}."
        print(header, flush=True)
        if args.scale:
            page, own = page_and_query(pages[0], args.query)
            table, _ = run(scale(args.scale, page, own,
                                 [parse_ramp(r) for r in args.ramps.split(",")], args.p95, env, args.database_url,
                                 args.postgres))
        elif args.snapshot:
            table, _ = run(snapshot_hall(*parse_ramp(args.snapshot), args.query, env))
        elif args.memory:
            points = run(memory_growth(pages[0], args.memory, max(1, args.memory // 10), args.profile,
                                               args.query, env))
            table = "\n".join(["| sessions | server RSS MB |", "|---|---|",
                               *(f"| {n} | {mb:.0f} |" for n, mb in points)])
        else:
            pairs = run(compare(pages, [parse_ramp(r) for r in args.ramps.split(",")], args.profile,
                                        args.static, args.query, env))
            table = ramp_table(pairs)
    print(table)
    if args.readme:
        write_readme(args.readme, f"{header}\n\n{table}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
