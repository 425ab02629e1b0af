"""Shared fixtures: a real SQLite file per test, and a real PostgreSQL server per session.

Modules that write (imports, updates, rollbacks, editing, demo, export) carry
``pytestmark = pytest.mark.both_databases``: each of their tests then runs with ``engine`` on SQLite and
again on the PostgreSQL server.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from deploy import postgres
from dih_data import access, clock, store

DATABASES = ["sqlite", "postgresql"]


def pytest_report_header(config) -> str:
    """The day the app's clock shows, on top of every run (CI runs the suite under faked dates)."""
    return f"dih clock: today is {clock.today().isoformat()} ({clock.ENV}={os.environ.get(clock.ENV, '')!r})"


def pytest_sessionstart(session) -> None:
    """``DIH_EXPECT_TODAY=YYYY-MM-DD`` (set by .ci/run beside faketime): stop unless the clock shows that day,
    so a faked-date run cannot pass while testing the real date."""
    expected = os.environ.get("DIH_EXPECT_TODAY")
    if expected and clock.today().isoformat() != expected:
        pytest.exit(f"the app's clock shows {clock.today()}, not DIH_EXPECT_TODAY={expected}", returncode=3)


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
    yield from _sqlite_engine(tmp_path / "test.sqlite")


@pytest.fixture
def second_engine(tmp_path):
    """Another empty SQLite file, for tests that compare two databases (export → import, CLI vs page)."""
    yield from _sqlite_engine(tmp_path / "second.sqlite")


def _sqlite_engine(path: Path):
    """An initialised SQLite file, disposed of when the test ends."""
    eng = store.make_engine(f"sqlite:///{path}")
    store.init_db(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def throttle_clock(monkeypatch):
    """A clock for the sign-in throttle that the test moves by hand; the server-wide throttle starts clean."""
    time = {"now": 1000.0}
    monkeypatch.setattr(access, "now", lambda: time["now"])
    monkeypatch.setattr(access, "OVERALL", access.Throttle(access.OVERALL_FREE_TRIES))
    return time


def require_or_skip(env_var: str, reason: str) -> None:
    """Skip locally when a Debian component is missing; CI sets ``env_var`` so it fails instead."""
    if os.environ.get(env_var) == "1":
        pytest.fail(f"{reason} ({env_var}=1 requires it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url():
    """A throw-away PostgreSQL server on a free loopback port (``deploy/postgres.py``, shared with the deployment)."""
    if not postgres.available():
        require_or_skip("DIH_REQUIRE_POSTGRES", f"PostgreSQL server binaries not found (initdb in "
                        f"{postgres.bindir()}; apt-get install postgresql, or set DIH_PG_BINDIR)")
    with postgres.Postgres() as server:
        yield server.url


@pytest.fixture
def fresh_postgres_database(postgres_url):
    """The URL of a new, empty database on the session's PostgreSQL server, dropped after the test."""
    name = f"dih_test_{next(_DATABASE_NUMBERS)}"
    admin = store.make_engine(postgres_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield postgres_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


_DATABASE_NUMBERS = itertools.count(1)


@pytest.fixture
def postgres_engine(postgres_url):
    """An initialised, empty schema on the session's PostgreSQL server."""
    eng = store.make_engine(postgres_url)
    store.Base.metadata.drop_all(eng)
    store.init_db(eng)
    yield eng
    store.Base.metadata.drop_all(eng)
    eng.dispose()
