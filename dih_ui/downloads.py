"""Download buttons for charts (PNG/SVG) and tables (CSV/XLSX), with filters and date in the file."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from dih_data import charts, clock, export, i18n


def button_row():
    """Buttons side by side at their own width, the next row when they do not fit: in equal columns a
    Latvian label ("Lejupielādēt PNG") wrapped inside its button at 1440 px and pairs stood far apart."""
    return st.container(horizontal=True)


def chart_buttons(chart: alt.Chart, title: str, stem: str, lang: str, key: str,
                  data: pd.DataFrame | None = None) -> None:
    """PNG and SVG of ``chart`` (and its ``data`` as CSV), made only when clicked (vl-convert ~0.1 s/image)."""
    _chart_buttons(charts.localised(chart, lang), title, stem, lang, key, data)


def built_chart_buttons(block: dict, title: str, stem: str, lang: str, key: str,
                        data: pd.DataFrame | None = None) -> None:
    """``chart_buttons`` for a chart made by ``chart_block.build`` (already localised, in a cached view)."""
    _chart_buttons(block["chart"], title, stem, lang, key, data)


def _chart_buttons(chart: alt.Chart, title: str, stem: str, lang: str, key: str, data: pd.DataFrame | None) -> None:
    row = button_row()
    row.download_button(i18n.t("download_png", lang), lambda: charts.to_image(chart, "png", title),
                        f"{stem}.png", "image/png", key=f"{key}_png", icon=":material/image:",
                        on_click="ignore")
    row.download_button(i18n.t("download_svg", lang), lambda: charts.to_image(chart, "svg", title),
                        f"{stem}.svg", "image/svg+xml", key=f"{key}_svg", icon=":material/download:",
                        on_click="ignore")
    if data is not None:
        row.download_button(i18n.t("download_data", lang), lambda: export.page_csv(data, lang, title),
                            f"{stem}.csv", "text/csv", key=f"{key}_csv", icon=":material/table:", on_click="ignore")


def image_buttons(image: Callable[[str], bytes], stem: str, lang: str, key: str) -> None:
    """PNG and SVG from ``image(fmt)`` (e.g. a cached rendering), made only when clicked."""
    row = button_row()
    row.download_button(i18n.t("download_png", lang), lambda: image("png"), f"{stem}.png", "image/png",
                        key=f"{key}_png", icon=":material/image:", on_click="ignore")
    row.download_button(i18n.t("download_svg", lang), lambda: image("svg"), f"{stem}.svg", "image/svg+xml",
                        key=f"{key}_svg", icon=":material/download:", on_click="ignore")


def table_buttons(table: pd.DataFrame, note: str, stem: str, lang: str, key: str) -> None:
    """CSV and XLSX of ``table`` in the page's language and number conventions, built only when clicked."""
    row = button_row()
    row.download_button(i18n.t("download_csv", lang), lambda: export.page_csv(table, lang, note),
                        f"{stem}.csv", "text/csv", key=f"{key}_csv", icon=":material/table:", on_click="ignore")
    row.download_button(i18n.t("download_xlsx", lang), lambda: export.page_xlsx(table, lang, note), f"{stem}.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
                          icon=":material/download:", on_click="ignore")


def stamp(source: str, filters_text: str, lang: str) -> str:
    """The line every export carries: source, filters, and when it was made."""
    return i18n.t("source_line", lang, source=source, filters=filters_text, date=i18n.fmt_date(clock.today(), lang))
