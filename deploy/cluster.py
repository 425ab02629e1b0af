"""N ``streamlit run app.py`` processes behind one nginx, on one database — started and stopped together.

    with Cluster(processes=2, start_postgres=True) as cluster:
        ...  # http://127.0.0.1:{cluster.proxy_port}/ ; each process also on cluster.app_ports[i]

Every process gets the same database URL, data folder (the editor password hash) and cookie secret; the
proxy keeps each browser on one process (see ``deploy/nginx.py``). Start returns once every process and
the proxy answer ``/_stcore/health``; exit stops nginx, then the app processes, then a PostgreSQL it
started, and removes its temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from . import nginx
from .net import free_port, wait_until_answers
from .postgres import Postgres

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
PROFILES = {
    # What .streamlit/config.toml sets for a served deployment (README, "Which settings profile").
    "production": {"runner.postScriptGC": "false", "server.fileWatcherType": "none"},
    # Streamlit's own defaults, for comparison runs.
    "streamlit-defaults": {"runner.postScriptGC": "true", "server.fileWatcherType": "auto"},
}


class Cluster:
    """``processes`` app processes + nginx (+ PostgreSQL with ``start_postgres``), as a context manager.

    ``database_url``: any SQLAlchemy URL all processes share (default: ``DIH_DATABASE_URL``, else the
    SQLite file in ``data_dir``). ``data_dir``: the processes' ``DIH_DATA_DIR`` (default: ``DIH_DATA_DIR`` or
    ``./var``). ``proxy_port`` 0 picks a free port. ``env`` is added to every app process's environment.
    After ``__enter__``: ``proxy_port``, ``app_ports``, ``database_url``, ``app_processes`` (``Popen``, e.g. to
    read their CPU time by pid), ``proxy_url`` and ``app_urls``.
    """

    def __init__(self, processes: int, database_url: str | None = None, start_postgres: bool = False,
                 data_dir: Path | None = None, proxy_port: int = 0, env: dict[str, str] | None = None,
                 profile: str = "production"):
        if processes < 1:
            raise ValueError("processes must be at least 1")
        if start_postgres and database_url:
            raise ValueError("give either database_url or start_postgres, not both")
        if not nginx.binary():
            raise RuntimeError("nginx not found (apt-get install nginx)")
        self.processes, self.start_postgres, self.profile = processes, start_postgres, PROFILES[profile]
        self.database_url = database_url or os.environ.get("DIH_DATABASE_URL")
        self.data_dir = Path(data_dir or os.environ.get("DIH_DATA_DIR") or ROOT / "var")
        self.proxy_port = proxy_port or free_port()
        self.app_ports: list[int] = []
        self.app_processes: list[subprocess.Popen] = []
        self.proxy: subprocess.Popen | None = None
        self.extra_env = dict(env or {})
        self._postgres: Postgres | None = None
        self._workdir: Path | None = None

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    @property
    def access_log(self) -> Path:
        """nginx's log: one line per request, ``route upstream status uri``."""
        return self._workdir / "nginx" / "access.log"

    @property
    def app_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.app_ports]

    def __enter__(self) -> Cluster:
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self) -> None:
        self._workdir = Path(tempfile.mkdtemp(prefix="dih-deploy-"))
        if self.start_postgres:
            self._postgres = Postgres().__enter__()
            self.database_url = self._postgres.url
        if self.database_url:
            prepare_database(self.database_url)  # the schema once, before N processes would race to create it
        self.app_ports = [free_port() for _ in range(self.processes)]
        env = self._app_env()
        for index, port in enumerate(self.app_ports):
            self.app_processes.append(self._spawn(self._streamlit_command(port), f"app-{index + 1}.log", env))
        names = [f"app process {i + 1} (port {port})" for i, port in enumerate(self.app_ports)]
        self._wait({name: f"{url}/_stcore/health" for name, url in zip(names, self.app_urls, strict=True)},
                   dict(zip(names, self.app_processes, strict=True)))
        # nginx only once every process answers: an upstream refused while starting is shunned for 10 s.
        self.proxy = self._start_proxy()
        self._wait({"nginx": f"{self.proxy_url}/_stcore/health"}, {"nginx": self.proxy})

    def _wait(self, urls: dict[str, str], processes: dict[str, subprocess.Popen]) -> None:
        try:
            wait_until_answers(urls, processes, START_TIMEOUT_S)
        except RuntimeError as error:
            raise RuntimeError(f"{error}; logs in {self._workdir}:\n{self.logs()}") from None

    def _app_env(self) -> dict[str, str]:
        env = {**os.environ, "DIH_DATA_DIR": str(self.data_dir),
               # One secret for every process, so a cookie one signs (st.login, XSRF) is good on all.
               "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
               or secrets.token_hex(32),
               **self.extra_env}
        env.pop("DIH_DATABASE_URL", None)
        if self.database_url:
            env["DIH_DATABASE_URL"] = self.database_url
        return env

    def _streamlit_command(self, port: int) -> list[str]:
        flags = [f"--{name}={value}" for name, value in self.profile.items()]
        return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless=true",
                f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false", *flags]

    def _spawn(self, command: list, log_name: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        """A child in a process group of its own: a terminal's Ctrl-C reaches only the runner, which then
        stops the children in order."""
        with open(self._workdir / log_name, "wb") as log:
            return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)

    def _start_proxy(self) -> subprocess.Popen:
        prefix = self._workdir / "nginx"
        for folder in ("temp", "cache"):
            (prefix / folder).mkdir(parents=True)
        if os.geteuid() == 0:  # nginx's workers run as nobody: they write the temp and cache folders
            for folder in (prefix, prefix / "temp", prefix / "cache"):
                shutil.chown(folder, "nobody")
            self._workdir.chmod(0o755)
        conf = prefix / "nginx.conf"
        conf.write_text(nginx.config(prefix, self.proxy_port, self.app_ports, upload_limit_mb()), encoding="utf-8")
        return self._spawn([nginx.binary(), "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"),
                            "-g", "daemon off;"], "nginx.log")

    def logs(self, tail: int = 2000) -> str:
        """The last characters of every log (app processes, nginx), for error messages."""
        parts = []
        for log in sorted(self._workdir.glob("**/*.log")) if self._workdir else []:
            parts.append(f"--- {log.name}\n{log.read_text(errors='replace')[-tail:]}")
        return "\n".join(parts)

    def __exit__(self, *exc) -> None:
        """Stop nginx first (no new requests), then every app process, then PostgreSQL; never leave one behind."""
        for process in [p for p in (self.proxy, *self.app_processes) if p is not None]:
            if process.poll() is None:
                process.terminate()  # nginx: fast shutdown (a graceful one would wait for open websockets)
        for process in [p for p in (self.proxy, *self.app_processes) if p is not None]:
            try:
                process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.proxy, self.app_processes = None, []
        if self._postgres is not None:
            self._postgres.__exit__()
            self._postgres = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None


def prepare_database(url: str) -> None:
    """Create the schema and reference tables once; the processes then only read and write rows."""
    from dih_data import store  # SQLAlchemy and the model, not Streamlit

    engine = store.make_engine(url)
    try:
        store.init_db(engine)
    finally:
        engine.dispose()


def upload_limit_mb() -> int:
    """Streamlit's ``server.maxUploadSize`` from .streamlit/config.toml, so nginx accepts the same uploads."""
    config = ROOT / ".streamlit" / "config.toml"
    settings = tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    return int(settings.get("server", {}).get("maxUploadSize", 200))
