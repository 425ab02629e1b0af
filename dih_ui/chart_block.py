"""A chart on a page with its data table: the text alternative a keyboard or screen-reader user opens."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from dih_data import chart_tables, charts, i18n
from dih_ui import tables, views


def show(figure: alt.TopLevelMixin, lang: str, text: dict[str, Callable[[object], str]] | None = None,
         titles: dict[str, str] | None = None) -> None:
    """Draw ``figure`` (its spec shared with every session drawing the same chart, see ``views.altair``) and,
    folded under it, the rows it shows as a real HTML table (``st.table``: reachable by keyboard and read by
    screen readers, unlike the chart's canvas or the data grid)."""
    fingerprint = views.altair(figure, lang)
    if text:  # page-specific writers (closures) cannot be part of a cache key: made per session
        _table(rows(figure, lang, text, titles), lang)
    else:
        _table(_shared_rows(fingerprint, tuple((titles or {}).items()), figure, lang), lang)


@st.cache_resource(max_entries=512, show_spinner=False)
def _shared_rows(fingerprint: str, titles: tuple, _figure: alt.TopLevelMixin, lang: str) -> pa.Table:
    """The data table of the chart with this fingerprint (which includes its language), made once and
    shared read-only."""
    return _arrow(rows(_figure, lang, None, dict(titles)))


def build(figure: alt.TopLevelMixin, lang: str, text: dict[str, Callable[[object], str]] | None = None,
          titles: dict[str, str] | None = None) -> dict:
    """The chart's spec and its table, made once inside a cached view (``views.cached``); ``show_built`` sends them,
    ``downloads.built_chart_buttons`` offers the localised chart as images."""
    return {"spec": views.spec(figure, lang), "rows": _arrow(rows(figure, lang, text, titles)),
            "chart": charts.localised(figure, lang)}


def show_built(block: dict, lang: str) -> None:
    views.show(block["spec"])
    _table(block["rows"], lang)


def table_only(literal_rows: pd.DataFrame | pa.Table, lang: str) -> None:
    """The data table of a chart shown as an image (e.g. the Regions static map), made by ``rows``."""
    _table(literal_rows, lang)


def rows(figure: alt.TopLevelMixin, lang: str, text: dict[str, Callable[[object], str]] | None = None,
         titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows ``figure`` shows, ready for ``st.table``: it renders Markdown in every cell and header, so each
    text goes through ``plain.md`` (labels from data — barrier names, organisations, survey waves — must never
    become links or images). Made inside a cache where the chart is shared, so the escaping is done once."""
    return tables.cells(chart_tables.table(figure, lang, text, titles))


def _arrow(literal_rows: pd.DataFrame) -> pa.Table:
    """``literal_rows`` as the Arrow table ``st.table`` makes of them (Streamlit's own conversion, so the same
    bytes are sent), converted once where the rows are cached rather than by every session (~1 ms a table)."""
    return dataframe_util.convert_pandas_df_to_arrow_table(literal_rows)


def _table(literal_rows: pd.DataFrame | pa.Table, lang: str) -> None:
    with st.expander(i18n.t("data_table", lang), icon=":material/table:"):
        st.table(literal_rows, hide_index=True)
