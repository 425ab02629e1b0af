"""A chart's data as a table of text: its text alternative for screen readers and keyboard users.

The rows are the chart's own data and the columns are its tooltip fields, with the tooltip's
(translated) titles and the page language's number formats, so the table says what the marks show
and cannot drift from the chart. A layered chart answers with the layer whose tooltip says most.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import altair as alt
import pandas as pd

from . import i18n


def _tooltips(chart) -> list[dict]:
    spec = chart.to_dict(validate=False) if hasattr(chart, "to_dict") else chart
    tooltip = spec.get("encoding", {}).get("tooltip", [])
    return [t for t in (tooltip if isinstance(tooltip, list) else [tooltip]) if isinstance(t, dict) and "field" in t]


def _rows(data) -> pd.DataFrame | None:
    """A layer's data as a frame; GeoJSON features (maps) by their properties."""
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, dict) and isinstance(data.get("values"), list):
        values = data["values"]
        return pd.DataFrame([v.get("properties", v) if isinstance(v, dict) else {} for v in values])
    return None


def _layers(chart) -> list[tuple[pd.DataFrame | None, list[dict]]]:
    """(data, tooltip fields) of every layer, a layer without data of its own using its parent's."""
    parent = _rows(getattr(chart, "data", alt.Undefined))
    if isinstance(chart, alt.LayerChart):
        found = []
        for layer in chart.layer:
            own = _rows(getattr(layer, "data", alt.Undefined))
            found += [(own if own is not None else parent, tips) for _, tips in _layers(layer)]
        return found
    return [(parent, _tooltips(chart))]


def _formatter(tip: dict, lang: str) -> Callable[[object], str]:
    """How one tooltip field is written in ``lang``: shares as per cents, counts as integers."""
    percent = re.search(r"\.(\d)%", tip.get("format", "") or "")

    def write(value) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return "—"
        if isinstance(value, (dt.date, pd.Timestamp)):
            return i18n.fmt_date(pd.Timestamp(value).date(), lang)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        if "%" in (tip.get("format", "") or ""):
            return i18n.fmt_pct(value, lang, int(percent.group(1)) if percent else 0)
        return i18n.fmt_int(value, lang) if float(value).is_integer() else i18n.fmt_num(value, lang)

    return write


def _channel_titles(spec, found: dict[str, str]) -> dict[str, str]:
    """Field → title of every encoding channel (axis, legend) anywhere in the spec, the first one kept."""
    if isinstance(spec, dict):
        field, title = spec.get("field"), spec.get("title")
        if isinstance(field, str) and isinstance(title, str) and title:
            found.setdefault(field, title)
        for value in spec.values():
            _channel_titles(value, found)
    elif isinstance(spec, list):
        for value in spec:
            _channel_titles(value, found)
    return found


def table(chart, lang: str, text: dict[str, Callable[[object], str]] | None = None,
          titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows behind ``chart`` as text, one column per tooltip field found in its data.

    ``text`` overrides how a field is written (e.g. the public view's "<5" for small counts).
    A tooltip without a title takes the title of a channel (axis, legend) with the same field, or
    ``titles[field]``, else "name".
    """
    spec = chart.to_dict(validate=False)
    spec.pop("datasets", None)
    named = {**_channel_titles(spec, {}), **(titles or {})}
    best = max(((data, [t for t in tips if t["field"].removeprefix("properties.") in data])
                for data, tips in _layers(chart) if data is not None),
               key=lambda pair: len(pair[1]), default=(None, []))
    data, tips = best
    if data is None or not tips:
        return pd.DataFrame()
    columns = {}
    for tip in tips:
        field = tip["field"].removeprefix("properties.")
        title = tip.get("title") or named.get(tip["field"]) or i18n.t("name", lang)
        while title in columns:
            title += " "
        write = (text or {}).get(field) or _formatter(tip, lang)
        columns[title] = data[field].map(write).to_numpy()
    return pd.DataFrame(columns)
