"""Frames of one data version with the survey read lazily: the same tables, and never a mix of versions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import streamlit as st

from dih_data import consistent, metrics
from dih_data.model import ImportBatch
from dih_ui import data


def _new_batch(engine) -> None:
    """A new batch, as an import through any process writes one: the data version moves."""
    with engine.begin() as connection:
        connection.execute(ImportBatch.__table__.insert().values(
            kind="context", file_name="marker", sha256="", row_count=0, provenance="recorded", user="test",
            created_at=dt.datetime(2026, 1, 1)))


def test_the_survey_is_read_on_first_use_and_only_with_the_version_of_the_other_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DIH_DATABASE_URL", raising=False)
    st.cache_resource.clear()
    frames = data.current_frames()  # the demo data, loaded on first start
    assert "survey" not in frames._tables  # not read with the others
    assert sorted(frames) == sorted(consistent.LOADERS)
    engine = data.engine()
    expected = metrics.load_survey(engine)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(frames["survey"], expected)

    _new_batch(engine)
    st.cache_resource.clear()  # a process that holds the old version's tables but had not read its survey yet
    stale = data.Frames(frames.url, frames.version, dict(frames._tables))
    with pytest.raises(consistent.Moved):
        stale["survey"]
    fresh = data.current_frames()
    assert fresh.version != stale.version
    pd.testing.assert_frame_equal(fresh["survey"], expected)
