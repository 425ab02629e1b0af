"""Every chart and every table of every page, in Latvian, as the reader sees it: no English number format.

Charts are drawn by Vega itself (vl-convert, the same renderer as the PNG/SVG exports) from the spec and
data the page sends to the browser, so axis ticks, legends and text marks are checked as drawn. Tables are
checked as displayed (a Styler's display values where the page formats numbers with one, an HTML table's text).
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pyarrow as pa
import pytest
import vl_convert
from streamlit.testing.v1 import AppTest

from dih_data import i18n, schemas
from tests import html_tables
from tests.dih_data.test_import_messages import english_words
from tests.test_app import ROOT, data_dir, navigation_mode  # noqa: F401  (fixtures)

PAGES = ("overview", "regions", "attendance", "budget", "barriers", "present", "data")
LATVIAN_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
ENGLISH_FORMATS = {
    "thousands comma": re.compile(r"\d,\d{3}(?!\d)"),
    "decimal point": re.compile(r"\d\.\d"),
    "% without a no-break space": re.compile(r"\d ?%"),
    "hyphen as minus": re.compile(r"(?<![\w\-–])-\d"),
    "€ before the number": re.compile(r"€\s?\d"),
}
FREE_TEXT_KEYS = ("title", "name", "organisation", "answer", "note", "history_file_name")


def english_formats(text: str) -> list[str]:
    text = LATVIAN_DATE.sub("", text)
    return [name for name, pattern in ENGLISH_FORMATS.items() if pattern.search(text)]


@pytest.mark.parametrize(("text", "found"), [
    ("1\u00a0234,5", []), ("40\u00a0%", []), ("\u22123", []), ("05.03.2019", []), ("2018–2019", []),
    ("1,234", ["thousands comma"]), ("0.45", ["decimal point"]), ("40%", ["% without a no-break space"]),
    ("40 %", ["% without a no-break space"]), ("-3", ["hyphen as minus"]), ("€1\u00a0500", ["€ before the number"]),
])
def test_the_detector_knows_english_formats(text, found):
    assert english_formats(text) == found


def _page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "lv"
    at.run()
    return at.switch_page(str(ROOT / "pages" / f"{name}.py")).run()


def _spec_with_data(chart) -> dict:
    spec = json.loads(chart.proto.spec)
    for dataset in chart.proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
        spec.setdefault("datasets", {})[dataset.name] = json.loads(table.to_json(orient="records", date_format="iso"))
    return spec


def _drawn_texts(spec: dict) -> list[str]:
    svg = vl_convert.vegalite_to_svg(spec)
    return [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def _share_axes_without_percent(spec) -> list[str]:
    """Axes and colour legends of a share/rate field that would draw 0–1 fractions."""
    found = []
    if isinstance(spec, dict):
        encoding = spec.get("encoding", {})
        for channel in ("x", "y"):
            field = encoding.get(channel, {})
            name = str(field.get("field", "")) if isinstance(field, dict) else ""
            axis = field.get("axis") if isinstance(field, dict) else None
            if re.search(r"share|pct|rate", name) and axis is not None and "%" not in str((axis or {}).get("format")):
                found.append(name)
        colour = encoding.get("color", {})
        if isinstance(colour, dict) and colour.get("type") == "quantitative" and \
                re.search(r"share|pct|rate", str(colour.get("field", ""))) and \
                "%" not in str((colour.get("legend") or {}).get("format")):
            found.append(f"legend of {colour['field']}")
        for value in spec.values():
            found += _share_axes_without_percent(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _share_axes_without_percent(item)
    return found


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("page", PAGES)
def test_latvian_charts_draw_numbers_the_latvian_way(page):
    at = _page(page)
    assert not at.exception
    for chart in at.get("vega_lite_chart"):
        spec = _spec_with_data(chart)
        assert spec["config"]["locale"] == i18n.chart_locale("lv")
        assert _share_axes_without_percent(spec) == []
        wrong = {text: english_formats(text) for text in _drawn_texts(spec) if english_formats(text)}
        assert wrong == {}


def _displayed(grid) -> pd.DataFrame:
    """A data grid's cells as the browser shows them: a Styler's display values, else the values themselves."""
    arrow = grid.proto.arrow_data
    if arrow.HasField("styler") and arrow.styler.display_values:
        return pa.ipc.open_stream(arrow.styler.display_values).read_all().to_pandas()
    return grid.value


def _tables(at: AppTest) -> list[pd.DataFrame]:
    """The page's data grids and HTML tables (published results, costs, the data dictionary) as displayed; the
    charts' data tables folded under them aside (the chart checks above cover what they draw)."""
    return [*map(_displayed, at.dataframe), *(table.frame() for table in html_tables.in_app(at))]


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("page", PAGES)
def test_latvian_tables_show_numbers_the_latvian_way(page):
    at = _page(page)
    free_text = {i18n.t(key, "lv") for key in FREE_TEXT_KEYS if i18n.has(key)}
    problems = []
    for shown in _tables(at):
        for column in shown.columns:
            if str(column) in free_text:
                continue
            values = shown[column]
            if pd.api.types.is_numeric_dtype(values) and (values.abs() >= 1000).any():
                problems.append(f"{column}: numbers shown without the Latvian digit grouping")
            elif pd.api.types.is_float_dtype(values) and (values.dropna() % 1 != 0).any():
                problems.append(f"{column}: raw decimals")
            elif pd.api.types.is_numeric_dtype(values) and (values < 0).any():
                problems.append(f"{column}: hyphen minus")
            else:
                problems += [f"{column}: {text!r} {english_formats(str(text))}" for text in values.dropna()
                             if english_formats(str(text))]
    assert problems == []


CONTRACT_NAMES = {spec.name for kind in schemas.SCHEMAS for spec in schemas.columns(kind)}


def english_in_cell(text: str) -> list[str]:
    """English words (the import report's audit words) and the contract's English column names."""
    names = sorted(name for name in CONTRACT_NAMES
                   if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))
    return names + english_words(text)


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("page", PAGES)
def test_latvian_tables_show_no_english_words(page):
    """Headers and cells of every table, free text (titles, names, file names) aside."""
    at = _page(page)
    free_text = {i18n.t(key, "lv") for key in (*FREE_TEXT_KEYS, "source_file") if i18n.has(key)}
    problems = []
    for shown in _tables(at):
        problems += [f"header {column!r}: {english_in_cell(str(column))}" for column in shown.columns
                     if english_in_cell(str(column))]
        for column in shown.columns:
            if str(column) not in free_text and not pd.api.types.is_numeric_dtype(shown[column]):
                problems += [f"{column}: {text!r} {english_in_cell(str(text))}"
                             for text in shown[column].dropna().unique() if english_in_cell(str(text))]
    assert problems == []
