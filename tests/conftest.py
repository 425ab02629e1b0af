"""Shared fixtures: a real SQLite file per test, with the schema and reference data loaded."""

from __future__ import annotations

import pytest

from dih_data import store


@pytest.fixture
def engine(tmp_path):
    """A fresh, initialised SQLite database file in the test's temporary folder."""
    eng = store.make_engine(f"sqlite:///{tmp_path / 'test.sqlite'}")
    store.init_db(eng)
    yield eng
    eng.dispose()
