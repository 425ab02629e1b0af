"""A chart on a page with its data table: the text alternative a keyboard or screen-reader user opens."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import streamlit as st

from dih_data import chart_tables, charts, i18n


def show(figure: alt.TopLevelMixin, lang: str, text: dict[str, Callable[[object], str]] | None = None,
         titles: dict[str, str] | None = None) -> None:
    """Draw ``figure`` and, folded under it, the rows it shows as a real HTML table (``st.table``:
    reachable by keyboard and read by screen readers, unlike the chart's canvas or the data grid)."""
    st.altair_chart(charts.localised(figure, lang), width="stretch")
    rows = chart_tables.table(figure, lang, text, titles)
    with st.expander(i18n.t("data_table", lang), icon=":material/table:"):
        st.table(rows, hide_index=True)
