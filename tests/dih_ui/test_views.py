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
    st.cache_resource.clear()
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


def test_views_of_one_name_in_two_pages_are_kept_apart(tmp_path, monkeypatch):
    """Streamlit runs every page script as ``__main__``: Overview's and Budget's ``_view(filters, lang)`` once
    shared a cache entry by name and arguments."""
    from dih_ui import views

    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DIH_DATABASE_URL", raising=False)
    st.cache_resource.clear()
    pages = {}
    for page in ("overview", "budget"):
        scope = {"views": views, "__name__": "__main__"}
        exec(compile(f"@views.cached\ndef _view(lang):\n    return '{page}'\n", f"pages/{page}.py", "exec"), scope)
        pages[page] = scope["_view"]
    assert pages["overview"]("lv") == "overview" and pages["budget"]("lv") == "budget"


def _one_version_per_run_app():
    import datetime as dt

    import streamlit as st

    from dih_data.model import ImportBatch
    from dih_ui import data, views

    @views.cached
    def batches(label: str) -> int:
        return len(views.frames()["batches"])

    before = batches("x")
    with data.engine().begin() as connection:  # another process imports while this run draws its page
        connection.execute(ImportBatch.__table__.insert().values(
            kind="context", file_name="marker", sha256="", row_count=0, provenance="recorded", user="test",
            created_at=dt.datetime(2026, 1, 1)))
    st.write(f"{before} {batches('x')} {batches('y')}")


def test_a_run_reads_the_data_version_once_and_the_next_run_sees_the_change(tmp_path, monkeypatch):
    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DIH_DATABASE_URL", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(_one_version_per_run_app, default_timeout=60).run()
    assert not at.exception
    first, again, other = map(int, at.markdown[0].value.split())
    assert again == first and other == first  # every view of one run: the version the run started with
    at.run()
    assert not at.exception
    second, again, other = map(int, at.markdown[0].value.split())
    assert second == first + 1 and again == second and other == second  # the next run: the new batch


def _deck_app():
    import streamlit as st

    from dih_data import maps, regions

    table = regions.units("planning_region").assign(events=1, participants=10)
    labels = {key: table.set_index("unit")["name_lv"] for key in ("name", "region", "value", "rank")}
    deck = maps.deck(maps.feature_collection("planning_region", table, "participants", labels=labels, selected=None),
                     tooltip_html="<b>{name}</b>", width=540, height=470)
    st.pydeck_chart(deck, height=470)
    st.pydeck_chart(maps.Prebuilt(deck.to_json(), maps.tooltip("<b>{name}</b>")), height=470)


def test_a_prebuilt_deck_sends_what_the_deck_sends():
    at = AppTest.from_function(_deck_app, default_timeout=60).run()
    assert not at.exception
    direct, prebuilt = (chart.proto for chart in at.get("deck_gl_json_chart"))
    assert json.loads(direct.json)["layers"]  # a real map, not an empty one
    for proto in (direct, prebuilt):  # the element id is derived from the content; clear it to compare the rest
        proto.id = ""
    assert prebuilt == direct
