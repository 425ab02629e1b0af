"""Views cached per data version, and chart specs shared between sessions: the same chart as before, made once."""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st
from streamlit.testing.v1 import AppTest


def _chart_app():
    import pandas as pd
    import streamlit as st

    from dih_data import charts
    from dih_ui import views

    table = pd.DataFrame({"period": ["2024", "2025"], "measure": ["workshop", "workshop"],
                          "measure_label": ["Darbnīca", "Darbnīca"], "participants": [1200, 3400]})
    chart = charts.trend_bars(table, x_title="Gads", y_title="Dalībnieki", colour_title="Pasākums")
    st.altair_chart(charts.localised(chart, "lv"), width="stretch")
    views.altair(chart, "lv")
    views.altair(chart.properties(height=123), "lv")


def test_a_shared_spec_is_what_st_altair_chart_sends_and_differs_when_the_chart_does():
    at = AppTest.from_function(_chart_app, default_timeout=60).run()
    assert not at.exception
    direct, shared, taller = (chart.proto for chart in at.get("vega_lite_chart"))
    assert json.loads(shared.spec) == json.loads(direct.spec)
    assert [d.data.data for d in shared.datasets] == [d.data.data for d in direct.datasets]
    assert json.loads(taller.spec)["height"] == 123 and json.loads(direct.spec)["height"] != 123


def test_a_cached_view_is_computed_once_per_data_version(tmp_path, monkeypatch):
    from dih_data.model import ImportBatch
    from dih_ui import data, views

    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DIH_DATABASE_URL", raising=False)
    st.cache_data.clear()
    calls = []

    @views.cached
    def count_events(label: str) -> int:
        calls.append(label)
        return len(views.frames()["events"])

    first = count_events("a")
    assert first > 0 and count_events("a") == first and calls == ["a"]  # the second call: from the cache
    assert count_events("b") == first and calls == ["a", "b"]  # other arguments: another view
    with data.engine().begin() as connection:  # a new batch, as an import through any process writes one
        connection.execute(ImportBatch.__table__.insert().values(
            kind="context", file_name="marker", sha256="", row_count=0, provenance="recorded", user="test",
            created_at=dt.datetime(2026, 1, 1)))
    assert count_events("a") == first and calls == ["a", "b", "a"]  # computed again for the new version
