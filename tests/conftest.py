"""Shared fixtures: a real SQLite file per test, and a real PostgreSQL server per session.

Modules that write (imports, updates, rollbacks, editing, demo, export) carry
``pytestmark = pytest.mark.both_databases``: each of their tests then runs with ``engine`` on SQLite and
again on the PostgreSQL server.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from dih_data import store

DATABASES = ["sqlite", "postgresql"]


def pytest_generate_tests(metafunc):
    """Run tests marked ``both_databases`` that use ``engine`` once per database."""
    if "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_databases"):
        metafunc.parametrize("engine", DATABASES, indirect=True)


@pytest.fixture
def engine(request, tmp_path):
    """A fresh, initialised database: a SQLite file in the test's folder, or PostgreSQL when parametrised so."""
    if getattr(request, "param", "sqlite") == "postgresql":
        yield request.getfixturevalue("postgres_engine")
        return
    eng = store.make_engine(f"sqlite:///{tmp_path / 'test.sqlite'}")
    store.init_db(eng)
    yield eng
    eng.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_or_skip(env_var: str, reason: str) -> None:
    """Skip locally when a Debian component is missing; CI sets ``env_var`` so it fails instead."""
    if os.environ.get(env_var) == "1":
        pytest.fail(f"{reason} ({env_var}=1 requires it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url():
    """Start a throw-away PostgreSQL server (Debian's binaries) on a free loopback port."""
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdb:
        require_or_skip("DIH_REQUIRE_POSTGRES", "PostgreSQL server binaries not installed")
    bindir = Path(initdb[-1]).parent
    workdir = Path(tempfile.mkdtemp(prefix="dih-pg-"))
    run_as = []
    if os.geteuid() == 0:  # postgres refuses to run as root
        shutil.chown(workdir, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    datadir, port = workdir / "data", free_port()
    subprocess.run(
        [*run_as, bindir / "initdb", "-D", datadir, "-U", "dih", "--auth=trust", "-E", "UTF8"],
        check=True, capture_output=True,
    )
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*run_as, bindir / "pg_ctl", "-D", datadir, "-o", options, "-l", workdir / "log", "-w", "start"],
        check=True, capture_output=True,
    )
    try:
        yield f"postgresql+psycopg2://dih@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, bindir / "pg_ctl", "-D", datadir, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def postgres_engine(postgres_url):
    """An initialised, empty schema on the session's PostgreSQL server."""
    eng = store.make_engine(postgres_url)
    store.Base.metadata.drop_all(eng)
    store.init_db(eng)
    yield eng
    store.Base.metadata.drop_all(eng)
    eng.dispose()
