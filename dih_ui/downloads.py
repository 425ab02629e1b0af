"""Download buttons for charts (PNG/SVG) and tables (CSV/XLSX), with filters and date in the file."""

from __future__ import annotations

import datetime as dt
import io

import altair as alt
import pandas as pd
import streamlit as st

from dih_data import charts, i18n
from dih_data.export import escape_formulas


def chart_buttons(chart: alt.Chart, title: str, stem: str, lang: str, key: str) -> None:
    """PNG and SVG of ``chart``, rendered only when clicked (vl-convert takes ~0.1 s per image)."""
    left, right = st.columns(2)
    left.download_button(i18n.t("download_png", lang), lambda: charts.to_image(chart, "png", title), f"{stem}.png",
                         "image/png", key=f"{key}_png", icon=":material/image:", on_click="ignore")
    right.download_button(i18n.t("download_svg", lang), lambda: charts.to_image(chart, "svg", title), f"{stem}.svg",
                          "image/svg+xml", key=f"{key}_svg", icon=":material/download:", on_click="ignore")


def _xlsx(table: pd.DataFrame, note: str) -> bytes:
    workbook = io.BytesIO()
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name="data")
        pd.DataFrame({"note": [note]}).to_excel(writer, index=False, sheet_name="about")
    return workbook.getvalue()


def table_buttons(table: pd.DataFrame, note: str, stem: str, lang: str, key: str) -> None:
    """CSV and XLSX of ``table`` (formula-escaped), built only when clicked."""
    safe = escape_formulas(table)
    left, right = st.columns(2)
    left.download_button(i18n.t("download_csv", lang), lambda: safe.to_csv(index=False).encode("utf-8-sig"),
                         f"{stem}.csv", "text/csv", key=f"{key}_csv", icon=":material/table:", on_click="ignore")
    right.download_button(i18n.t("download_xlsx", lang), lambda: _xlsx(safe, note), f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
                          icon=":material/download:", on_click="ignore")


def stamp(source: str, filters_text: str, lang: str) -> str:
    """The line every export carries: source, filters, and when it was made."""
    return i18n.t("source_line", lang, source=source, filters=filters_text, date=i18n.fmt_date(dt.date.today(), lang))
