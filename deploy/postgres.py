"""A throw-away PostgreSQL server on a free loopback port, for the tests and for ``python -m deploy --postgres``.

``initdb`` and ``pg_ctl`` come from :func:`bindir`; as root they run as the ``postgres`` user (through
``runuser``), because PostgreSQL refuses to run as root. The server lives in a temporary folder that is
removed when it stops.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .net import free_port

USER = "dih"  # the superuser initdb creates; trusted on 127.0.0.1 only


def bindir() -> Path | None:
    """Folder of PostgreSQL's ``initdb`` and ``pg_ctl``: ``DIH_PG_BINDIR``, else Debian's newest
    ``/usr/lib/postgresql/*/bin``, else the folder of ``initdb`` on the PATH (e.g. Homebrew, Fedora)."""
    if os.environ.get("DIH_PG_BINDIR"):
        return Path(os.environ["DIH_PG_BINDIR"])
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    found = debian[-1] if debian else shutil.which("initdb")
    return Path(found).parent if found else None


def available() -> bool:
    folder = bindir()
    return folder is not None and (folder / "initdb").exists()


class Postgres:
    """``with Postgres() as server:`` — initdb, start on a free port, ``server.url``; stop and delete on exit."""

    def __init__(self, port: int = 0):
        self.port = port or free_port()
        self.url = f"postgresql+psycopg2://{USER}@127.0.0.1:{self.port}/postgres"
        self.workdir: Path | None = None
        self.bindir = bindir()
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def __enter__(self) -> Postgres:
        if not available():
            raise RuntimeError(f"PostgreSQL server binaries not found (initdb in {self.bindir}; "
                               "apt-get install postgresql, or set DIH_PG_BINDIR)")
        self.workdir = Path(tempfile.mkdtemp(prefix="dih-pg-"))
        if self.run_as:
            shutil.chown(self.workdir, "postgres")
        try:
            self._run("initdb", "-D", self.datadir, "-U", USER, "--auth=trust", "-E", "UTF8")
            options = f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
            self._run("pg_ctl", "-D", self.datadir, "-o", options, "-l", self.workdir / "log", "-w", "start")
        except BaseException:
            self.__exit__()
            raise
        return self

    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    def _run(self, program: str, *args) -> None:
        done = subprocess.run([*self.run_as, self.bindir / program, *args], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr or done.stdout}")

    def __exit__(self, *exc) -> None:
        if self.workdir is None:
            return
        if (self.datadir / "postmaster.pid").exists():
            subprocess.run([*self.run_as, self.bindir / "pg_ctl", "-D", self.datadir, "-m", "fast", "-w", "stop"],
                           capture_output=True)
        shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir = None
