"""The app as Streamlit runs it (AppTest): every registered page, both languages, filters from the URL."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st
from sqlalchemy import delete, select, update
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from dih_data import batches, clock, config, demo, i18n, maps, metrics, store, vocabularies
from dih_data import published as published_figures  # "published" names the page's tables below
from dih_ui import tables
from tests import html_tables

ROOT = Path(__file__).resolve().parent.parent
APP_DATABASE = os.environ.get("DIH_APPTEST_DATABASE", "sqlite")


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    """Run every AppTest rerun as the server does after its first ``st.navigation`` call.

    AppTest re-detects the legacy ``pages/`` folder before each run and then replays the last page
    without app.py (the router); the real server switches that detection off for good as soon as
    ``st.navigation`` runs (streamlit/commands/navigation.py).
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def data_dir(request, tmp_path, monkeypatch):
    """A fresh data folder; the database is its SQLite file, or with ``DIH_APPTEST_DATABASE=postgresql``
    (one CI run) a fresh database on the tests' PostgreSQL server."""
    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DIH_SNAPSHOT_DIR", str(tmp_path / "snapshots"))
    monkeypatch.delenv("DIH_DATABASE_URL", raising=False)
    if APP_DATABASE == "postgresql":
        monkeypatch.setenv("DIH_DATABASE_URL", request.getfixturevalue("fresh_postgres_database"))
    st.cache_data.clear()
    st.cache_resource.clear()
    return tmp_path


def _app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _expected(filters: metrics.Filters) -> dict:
    engine = store.make_engine(config.database_url())
    return metrics.kpis(metrics.load_events(engine), metrics.load_participations(engine),
                        metrics.load_budget(engine), metrics.load_expenditures(engine), filters)


def _metric(at: AppTest, key: str, lang: str) -> str:
    return next(m.value for m in at.metric if m.label == i18n.t(key, lang))


def _statement(lang: str) -> str:
    """The header of the published record's sentence column: a quote in English, a rendering in Latvian."""
    return i18n.t("quote" if lang == "en" else "quote_rendered", lang)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_overview_shows_the_database_figures_in_each_language(data_dir, lang):
    at = _app({"lang": lang})
    assert not at.exception
    assert at.title[0].value == i18n.t("overview_title", lang)
    first, last = at.slider(key="sidebar_years").value
    figures = _expected(metrics.Filters(dt.date(first, 1, 1), dt.date(last, 12, 31)))
    assert _metric(at, "kpi_events", lang) == i18n.fmt_int(figures["events"], lang)
    assert _metric(at, "kpi_participants", lang) == i18n.fmt_int(figures["participants"], lang)
    assert _metric(at, "kpi_municipalities", lang) == i18n.t(
        "kpi_municipalities_value", lang, reached=figures["municipalities_reached"], total=42)
    assert any(i18n.t("demo_explained", lang)[:40] in c.value for c in at.caption)
    # the source line once under the figure cards and once under the charts, not in each of the 7 cards
    assert [c.value for c in at.caption].count(i18n.t("source_demo", lang)) == 2
    # every published source by its document's name (the unit-cost table showed the seed's file name), once
    # under its table, not the same three-line title in each of its rows
    published = [table.frame() for table in html_tables.in_app(at)]
    assert not any(i18n.t("source", lang) in frame.columns for frame in published)
    named = f"{i18n.t('published_source', lang)}: {i18n.source_name(published_figures.GOOD_PRACTICE, lang)}"
    assert [c.value for c in at.caption].count(named) == 3  # the results' table, the unit costs', the facts'
    documents = [i18n.source_name(name, lang) for name in (published_figures.GOOD_PRACTICE,
                                                            published_figures.SKILLS_PLUS)]
    naming = [c.value for c in at.caption if any(document in c.value for document in documents)]
    assert len(naming) == 5 and all(c.startswith(f"{i18n.t('published_source', lang)}: ") for c in naming), naming
    assert not any(".txt" in c.value for c in at.caption)
    record = next(f for f in published if _statement(lang) in f)
    assert i18n.t("not_stated", lang) in record[i18n.t("events", lang)].values
    # the seed's English verbatim on the English page, its faithful rendering on the Latvian one
    assert record[_statement(lang)].tolist() == [
        (r.quote if lang == "en" else r.quote_lv) for r in published_figures.ACTIVITY_RESULTS]
    assert [t.caption for t in html_tables.in_app(at)] == [i18n.t(key, lang) for key in (
        "published_title", "unit_costs_title", "compare_title")]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_overview_phone_cards_say_what_the_comparison_grid_says(data_dir, lang):
    """The phone's cards (one per published result) carry the desk table's figures, formatted in the page's
    language."""
    at = _app({"lang": lang})
    grid = next(t for t in html_tables.in_app(at) if i18n.t("published_events", lang) in t.headers).frame()
    cards = [m.value for m in at.markdown if " · " in m.value and f"| {i18n.t('events', lang)} |" in m.value]
    assert len(cards) == len(grid) == len(published_figures.ACTIVITY_RESULTS)
    for card, (_, row) in zip(cards, grid.iterrows(), strict=True):
        stated, recorded = row[i18n.t("published_participants", lang)], row[i18n.t("recorded_participants", lang)]
        title = f"**{row[i18n.t('measure', lang)]} · {row[i18n.t('period_col', lang)]}**"
        assert html.unescape(card).startswith(title)
        assert f"| {i18n.t('participants', lang)} | {stated} | {recorded} |" in card
        assert card.endswith(f"{i18n.t('difference', lang)}: {row[i18n.t('difference', lang)]}")


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_overview_aligns_published_and_recorded_numbers_right(data_dir, lang):
    """A published count is text where it says "not stated", yet it lines up right as the database's beside it."""
    at = _app({"lang": lang})
    # the comparison is an HTML table, not the data grid, whose headers stood left over right-aligned figures
    assert not any(i18n.t("published_events", lang) in d.value.columns for d in at.dataframe)
    comparison = next(t for t in html_tables.in_app(at) if i18n.t("published_events", lang) in t.headers)
    figures = {i18n.t(key, lang) for key in ("published_events", "recorded_events", "published_participants",
                                             "recorded_participants", "difference")}
    assert {head for head, kind in zip(comparison.headers, comparison.header_classes, strict=True)
            if kind == "num"} == figures
    assert all(comparison.column_classes(header) == {"num"} for header in figures)
    assert i18n.t("not_stated", lang) in comparison.frame()[i18n.t("published_events", lang)].values
    # the published counts ("not stated" among them) as numbers: right-aligned on one line, headers too
    quotes = next(t for t in html_tables.in_app(at) if _statement(lang) in t.headers)
    numbers = {i18n.t("events", lang), i18n.t("participants", lang)}
    assert {header for header in quotes.headers if quotes.column_classes(header) == {"num"}} == numbers
    assert not any("num" in quotes.column_classes(header) for header in set(quotes.headers) - numbers)
    assert {head for head, kind in zip(quotes.headers, quotes.header_classes, strict=True) if kind == "num"} == numbers
    assert tables.CSS in next(e.proto.body for e in at.get("html") if ".dih-table" in e.proto.body)  # the classes' look


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_skills_plus_budget_reads_the_same_on_overview_and_budget(data_dir, lang):
    """The published programme's euros are whole on both pages ("2 462 052 €"), not "2 462 052,00 €" on one."""
    record = published_figures.SKILLS_PLUS_PROGRAMME
    amounts = [i18n.fmt_eur(value, lang) for value in (record.total_eur, record.erdf_eur, record.norwegian_eur)]
    for at in (_app({"lang": lang}), _page("budget", {"lang": lang})):
        text = " ".join(m.value for m in at.markdown)
        assert all(amount in text for amount in amounts), amounts
        assert i18n.fmt_eur(record.total_eur, lang, 2) not in text


def test_first_start_loads_demo_into_the_database(data_dir):
    _app()
    assert (data_dir / "dih_insight.sqlite").exists() == (APP_DATABASE == "sqlite")
    assert metrics.summary(store.make_engine(config.database_url()))["provenance"].keys() == {"demo"}


def test_after_the_cli_removed_the_demo_the_next_app_start_does_not_reload_it(data_dir):
    from dih_data import cli

    url = config.database_url()
    assert cli.main(["--database-url", url, "demo"]) == 0
    assert cli.main(["--database-url", url, "demo", "--remove"]) == 0
    at = _app({"lang": "en"})
    assert not at.exception
    assert metrics.load_events(store.make_engine(url)).empty


def test_filters_come_from_the_url_and_apply(data_dir):
    at = _app({"lang": "en", "from": "2019", "to": "2019", "m": "hackathon,workshop", "r": "Rīga,online"})
    assert at.slider(key="sidebar_years").value == (2019, 2019)
    assert at.multiselect(key="sidebar_measures").value == ["hackathon", "workshop"]
    filters = metrics.Filters(dt.date(2019, 1, 1), dt.date(2019, 12, 31), ("hackathon", "workshop"), ("Rīga", "online"))
    assert _metric(at, "kpi_events", "en") == i18n.fmt_int(_expected(filters)["events"], "en")


def test_changing_filters_updates_the_url(data_dir):
    at = _app({"lang": "en"})
    at.multiselect(key="sidebar_measures").set_value(["meetup"]).run()
    assert at.query_params["m"] in ("meetup", ["meetup"])
    figures = _expected(metrics.Filters(dt.date(2018, 1, 1), dt.date(clock.today().year, 12, 31), ("meetup",)))
    assert _metric(at, "kpi_participants", "en") == i18n.fmt_int(figures["participants"], "en")


def test_language_switch_changes_labels(data_dir):
    at = _app()
    assert at.title[0].value == i18n.t("overview_title", "lv")
    at.segmented_control(key="sidebar_lang").set_value("en").run()
    assert at.title[0].value == i18n.t("overview_title", "en")
    assert at.query_params["lang"] in ("en", ["en"])


def test_charts_are_aggregated_and_the_map_has_five_regions(data_dir):
    at = _app({"lang": "en"})
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert [spec["mark"]["type"] for spec in specs] == ["bar", "geoshape"]
    map_spec = specs[1]
    regions = map_spec["datasets"][map_spec["data"]["name"]]
    assert sorted(f["properties"]["planning_region"] for f in regions) == sorted(
        ["Rīga", "Kurzeme", "Vidzeme", "Latgale", "Zemgale"])
    online = next(m.value for m in at.metric if m.label == i18n.t("online_participants", "en"))
    on_map = sum(f["properties"]["participants"] for f in regions)
    assert on_map + int(online.replace(",", "")) == int(_metric(at, "kpi_participants", "en").replace(",", ""))


def test_invalid_url_values_are_ignored(data_dir):
    at = _app({"lang": "xx", "from": "abc", "m": "party", "r": "Atlantis"})
    assert not at.exception
    assert at.multiselect(key="sidebar_measures").value == []
    assert at.title[0].value == i18n.t("overview_title", "lv")


def _regions(query: dict | None = None) -> AppTest:
    at = _app(query)
    return at.switch_page(str(ROOT / "pages" / "regions.py")).run()


def _table(at: AppTest):
    return at.dataframe[0].value


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_regions_figure_columns_are_numbers_as_wide_as_their_headers(data_dir, lang):
    """The grid draws headers at the left: stretched to ~240 px, a column's header stood far from its figures."""
    at = _regions({"lang": lang, "level": "municipality", "metric": "participants_per_10k"})
    grid = at.dataframe[0]
    config = json.loads(grid.proto.columns)
    figures = [i18n.t(key, lang) for key in ("metric_participants_per_10k", "share", "rank")]
    for header in figures:
        assert pd.api.types.is_numeric_dtype(grid.value[header])  # sorted by value
        assert config[header]["type_config"]["type"] == "number"
        assert config[header]["width"] <= max(64, 7 * len(header) + 24)
    assert i18n.t("name", lang) not in config  # the name as wide as it needs


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_regions_page_lists_every_unit_at_both_levels(data_dir, lang):
    at = _regions({"lang": lang})
    assert not at.exception
    assert at.title[0].value == i18n.t("regions_title", lang)
    assert len(_table(at)) == 5  # online is a line under the table, not a unit
    # a planning region is its own planning region: one name column, not "Rīga | Rīga"
    assert i18n.t("planning_region", lang) not in _table(at).columns
    at.segmented_control(key="regions_level").set_value("municipality").run()
    assert not at.exception and len(_table(at)) == 42
    assert i18n.t("planning_region", lang) in _table(at).columns
    assert at.query_params["level"] in ("municipality", ["municipality"])


@pytest.mark.parametrize("metric", ["events", "participants", "organisations", "smes", "spend_eur",
                                    "participants_per_10k", "organisations_per_1k_enterprises"])
def test_regions_metric_switch(data_dir, metric):
    at = _regions({"lang": "en"})
    at.selectbox(key="regions_metric").set_value(metric).run()
    assert not at.exception
    assert i18n.t(f"metric_{metric}", "en") in _table(at).columns


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize(("metric", "indicator"), [("participants_per_10k", "population"),
                                                   ("organisations_per_1k_enterprises", "active_enterprises")])
def test_regions_names_its_denominator_in_the_pages_language(data_dir, metric, indicator, lang):
    """"Saucējs: Iedzīvotāju skaits, …" on the Latvian page, never the stored code ("population")."""
    at = _regions({"lang": lang, "metric": metric})
    assert not at.exception
    prefix = {"lv": "Saucējs: ", "en": "Denominator: "}[lang]
    line = next(c.value for c in at.caption if c.value.startswith(prefix))
    assert line.startswith(f"{prefix}{vocabularies.label('indicator', indicator, lang)}, ")
    assert indicator not in line


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_regions_unit_select_says_what_to_do_when_nothing_is_chosen(data_dir, lang):
    """The "Teritorija" select read "—" with no unit chosen."""
    select = _regions({"lang": lang}).selectbox(key="regions_unit")
    assert select.value is None
    assert select.options[0] == select.placeholder == i18n.t("pick_unit_placeholder", lang) != "—"


def test_regions_selection_from_url_shows_only_that_units_events(data_dir):
    at = _regions({"lang": "en", "sel": "Latgale"})
    assert at.selectbox(key="regions_unit").value == "Latgale"
    subheaders = [s.value for s in at.subheader]
    assert i18n.t("drill_title", "en", name="Latgale") in subheaders
    events = metrics.load_events(store.make_engine(config.database_url()))
    latgale_titles = set(events.loc[events["planning_region"] == "Latgale", "title"])
    drill = next(frame.value for frame in at.dataframe if i18n.t("title", "en") in frame.value.columns)
    assert len(drill) == (events["planning_region"] == "Latgale").sum() and set(drill[i18n.t("title", "en")]) <= \
        latgale_titles


def test_normalised_metric_without_context_says_what_is_missing_and_where_editors_import_it(data_dir):
    from dih_data.model import ContextIndicator, ImportBatch

    at = _regions({"lang": "en"})
    engine = store.make_engine(config.database_url())
    with engine.begin() as connection:
        connection.execute(ContextIndicator.__table__.delete())
        connection.execute(ImportBatch.__table__.insert().values(
            kind="context", file_name="marker", sha256="", row_count=0, provenance="recorded", user="test",
            created_at=dt.datetime(2026, 1, 1)))  # a new batch refreshes the cached frames
    at.selectbox(key="regions_metric").set_value("participants_per_10k").run()
    assert not at.exception
    notice = next(info.value for info in at.info if "Population" in info.value)  # the indicator by its label
    assert "Data page" in notice and "python" not in notice  # a viewer cannot run commands


def test_regions_gap_legend_shows_its_orange_outline_sample(data_dir):
    """The legend line "orange outline: no event" has an orange-outlined sample before it (the size the
    static map is shown at is checked in the browser, tests/e2e/test_layout.py)."""
    at = _regions({"lang": "lv"})
    legend = next(m.value for m in at.markdown if i18n.t("gap_legend", "lv") in m.value)
    swatch = legend.split(i18n.t("gap_legend", "lv"))[0].rsplit("<br/>", 1)[1]
    assert f"border:2px solid rgb{maps.GAP_OUTLINE}" in swatch


def test_public_view_sends_no_small_count_to_the_browser(data_dir):
    at = _regions({"lang": "en", "level": "municipality", "metric": "organisations", "from": "2020", "to": "2020"})
    plain = _table(at)[i18n.t("metric_organisations", "en")]
    assert plain.between(1, 4).any(), "the demo data should have small counts to hide"
    at.toggle(key="regions_public").set_value(True).run()
    public = _table(at)[i18n.t("metric_organisations", "en")]
    assert not public.between(1, 4).any()
    assert (public == 0).sum() == (plain == 0).sum() + plain.between(1, 4).sum()
    # nor as a map class edge ("1–3") on the map's legend (the static map is a PNG drawn with the same classes),
    # nor in the interactive map's tooltips or the static map's data table
    legend = next(m.value for m in at.markdown if i18n.t("map_rule", "en") in m.value)
    edges = [edge for label in re.findall(r"</span> (.*?)</span>", legend) for edge in label.split("–")]
    assert "<5" in edges and all(edge == "<5" or int(edge.replace(",", "")) in (0, *range(5, 10**6)) for edge in edges)
    tooltips = re.findall(r'"value_text":"(.*?)"', at.get("deck_gl_json_chart")[0].proto.json)
    assert "<5" in tooltips and not set(tooltips) & {"1", "2", "3", "4"}
    static_rows = next(t.value for t in at.table if i18n.t("metric_organisations", "en") in t.value.columns)
    shown = {html.unescape(cell) for cell in static_rows[i18n.t("metric_organisations", "en")]}  # as read
    assert "<5" in shown and not shown & {"1", "2", "3", "4"}
    # the ranking's DataFrame travels to the browser as Arrow
    ranking = next(chart for chart in at.get("vega_lite_chart")
                   if json.loads(chart.proto.spec).get("mark", {}).get("type") == "bar")
    values = pa.ipc.open_stream(ranking.proto.datasets[0].data.data).read_all().to_pandas()["organisations"]
    assert len(values) == min(15, len(plain))
    assert not any(value in (1, 2, 3, 4) for value in values)


def _page(name: str, query: dict | None = None) -> AppTest:
    at = _app(query)
    return at.switch_page(str(ROOT / "pages" / f"{name}.py")).run()


def _chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def _trend_data(at: AppTest) -> pd.DataFrame:
    """The rows behind the Attendance page's first chart (Streamlit sends DataFrames as Arrow datasets)."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    return convert_arrow_bytes_to_pandas_df(at.get("vega_lite_chart")[0].proto.datasets[0].data.data)


@pytest.mark.parametrize("grain", ["year", "quarter", "month"])
def test_attendance_grain_keeps_the_total(data_dir, grain):
    at = _page("attendance", {"lang": "en"})
    at.segmented_control(key="attendance_grain").set_value(grain).run()
    assert not at.exception
    rows = _trend_data(at)
    events = metrics.load_events(store.make_engine(config.database_url()))
    assert rows["participants"].sum() == events["participants"].sum()
    if grain == "year":
        assert set(rows["period"]) == {str(year) for year in events["year"]}
    assert at.query_params["grain"] == grain


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_attendance_sections_are_headings_of_one_level(data_dir, lang):
    """"Ceļš starp pasākumiem" was a bold line between subheadings, though a section of its own (figures,
    chart, downloads): a screen reader's heading list skipped it."""
    at = _page("attendance", {"lang": lang})
    headings = [h.value for h in at.subheader]
    for key in ("returning_title", "journeys_title", "mix_title"):
        assert i18n.t(key, lang) in headings, key
    assert not any(i18n.t("journeys_title", lang) in m.value for m in at.markdown)


def test_attendance_view_and_value_controls(data_dir):
    at = _page("attendance", {"lang": "en"})
    at.segmented_control(key="attendance_view").set_value("grouped").run()
    assert not at.exception
    bars = next(layer for layer in [_chart_specs(at)[0]] + _chart_specs(at)[0].get("layer", []) if "encoding" in layer)
    assert "xOffset" in bars["encoding"]
    at.selectbox(key="attendance_value").set_value("per_event").run()
    assert not at.exception
    assert _chart_specs(at)[0]["encoding"]["y"]["field"] == "per_event"
    at.segmented_control(key="attendance_mix").set_value("org_size").run()
    assert not at.exception
    assert any(spec.get("encoding", {}).get("color", {}).get("title") == i18n.t("mix_org_size", "en")
               for spec in _chart_specs(at))


@pytest.mark.parametrize("group", ["funding_source", "measure", "line"])
def test_budget_grouping_and_threshold(data_dir, group):
    at = _page("budget", {"lang": "en"})
    assert not at.exception
    at.segmented_control(key="budget_group").set_value(group).run()
    at.slider(key="budget_threshold").set_value(50).run()
    assert not at.exception
    table = html_tables.in_app(at)[0].frame()  # planned vs actual, the page's first table
    assert i18n.t(f"group_{group}", "en") in table.columns
    flags = table[i18n.t("flagged", "en")]
    variance = table[i18n.t("variance_pct", "en")]
    # At a 50 % threshold only variances beyond ±50 % (or spending with no plan, "—") carry the flag.
    for flag, text in zip(flags, variance, strict=True):
        beyond = text == "—" or abs(float(text.rstrip("%").replace("+", "").replace("−", "-"))) > 50
        assert (flag == "⚠") == beyond


def test_budget_cost_table_counts_events_left_out(data_dir):
    at = _page("budget", {"lang": "en"})
    costs = next(t.frame() for t in html_tables.in_app(at) if i18n.t("uncosted_events", "en") in t.headers)
    costs = costs.assign(**{i18n.t(key, "en"): costs[i18n.t(key, "en")].str.replace(",", "").astype(int)
                            for key in ("uncosted_events", "costed_events")})
    events = metrics.load_events(store.make_engine(config.database_url()))
    expenditures = metrics.load_expenditures(store.make_engine(config.database_url()))
    unknown = metrics.event_costs(events, expenditures).isna().sum()
    assert costs[i18n.t("uncosted_events", "en")].sum() == unknown > 0
    assert costs[i18n.t("costed_events", "en")].sum() + unknown == len(events)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_budget_funding_legend_reads_in_the_tables_order(data_dir, lang):
    """The donut's legend went alphabetically by code beside a table sorted by amount."""
    at = _page("budget", {"lang": lang})
    header = i18n.t("group_funding_source", lang)
    rows = next(t.frame() for t in html_tables.in_app(at) if i18n.t("share", lang) in t.headers)[header].tolist()
    donut = next(spec for spec in _chart_specs(at) if spec.get("mark", {}).get("type") == "arc")
    assert donut["encoding"]["color"]["scale"]["domain"] == rows and len(rows) > 2


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_budget_cost_table_lists_the_measures_in_the_charts_order(data_dir, lang):
    at = _page("budget", {"lang": lang})
    table = next(t for t in html_tables.in_app(at) if i18n.t("uncosted_events", lang) in t.headers)
    costs = table.frame()
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    chart = next(spec for spec in specs if i18n.t("published_unit_cost", lang) in json.dumps(spec, ensure_ascii=False)
                 and "measure_label" in json.dumps(spec))
    order = next(layer["encoding"]["y"]["sort"] for layer in chart.get("layer", [chart])
                 if isinstance(layer.get("encoding", {}).get("y", {}).get("sort"), list))
    assert costs[i18n.t("measure", lang)].tolist() == order and len(order) > 2
    # every figure on one line, right-aligned like numbers (the grid scrolled the last columns out of view)
    assert table.header_classes == ["", *["num"] * (len(table.headers) - 1)]
    # the measure on one line ("Dīvāna ekspertu vizītes" took 3 lines beside the nine figure columns)
    assert all(kinds == ["label", *["num"] * (len(table.headers) - 1)] for kinds in table.classes)


def test_budget_programme_choice_drives_the_burn_up(data_dir):
    at = _page("budget", {"lang": "en"})
    lines = metrics.load_budget(store.make_engine(config.database_url()))
    for programme in sorted(lines["programme"].unique()):
        at.selectbox(key="budget_programme").set_value(programme).run()
        assert not at.exception
        planned = i18n.fmt_eur(lines.loc[lines["programme"] == programme, "planned_eur"].sum(), "en")
        summary = next(m.value for m in at.markdown if m.value.startswith("€") and " spent (" in m.value)
        assert f" of {planned} spent" in summary


def _demo_with_few_answers_in(region: str, answers: int, day: dt.date) -> None:
    """Store the demo as of ``day`` keeping only ``answers`` survey answers from ``region`` (built, not hoped for)."""
    from dih_data.model import Municipality, SurveyResponse

    engine = store.make_engine(config.database_url())
    store.init_db(engine)
    demo.load_demo(engine, today=day)
    in_region = select(Municipality.atvk).where(Municipality.planning_region == region)
    with engine.begin() as connection:
        ids = connection.scalars(select(SurveyResponse.id).where(SurveyResponse.municipality_atvk.in_(in_region))
                                 .order_by(SurveyResponse.id)).all()
        assert len(ids) > answers
        connection.execute(delete(SurveyResponse).where(SurveyResponse.id.in_(ids[answers:])))
    engine.dispose()


def _write_free_text(text: str) -> None:
    """Give the first survey answer a free-text barrier (the demo writes none)."""
    from dih_data.model import SurveyResponse

    engine = store.make_engine(config.database_url())
    with engine.begin() as connection:
        first = connection.scalar(select(SurveyResponse.id).order_by(SurveyResponse.id))
        connection.execute(update(SurveyResponse).where(SurveyResponse.id == first).values(other_barrier=text))
    engine.dispose()


def test_barriers_page_filters(data_dir):
    _demo_with_few_answers_in("Latgale", 3, dt.date(2026, 11, 22))
    _write_free_text("Trūkst laika")
    at = _page("barriers", {"lang": "en"})
    assert not at.exception
    answers = metrics.load_survey(store.make_engine(config.database_url()))
    respondents = next(m.value for m in at.metric if m.label == i18n.t("respondents", "en"))
    assert respondents == str(len(answers))
    baseline = (answers["wave"] == "baseline").sum()
    at.segmented_control(key="barriers_wave").set_value("baseline").run()
    assert next(m.value for m in at.metric if m.label == i18n.t("respondents", "en")) == str(baseline)
    at.segmented_control(key="barriers_wave").set_value("all").run()
    at.toggle(key="barriers_public").set_value(True).run()
    assert not at.exception
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    grids = [convert_arrow_bytes_to_pandas_df(d.data.data) for chart in at.get("vega_lite_chart")
             for d in chart.proto.datasets]
    grid = next(g for g in grids if "suppressed" in g.columns)
    small = grid["n"] < 5
    assert set(grid.loc[small, "planning_region"]) == {"Latgale"}
    # Small groups reach the browser without their counts; the rest keep them.
    assert grid.loc[small, "count"].isna().all() and set(grid.loc[small, "text"]) == {"<5"}
    assert grid.loc[~small, "count"].notna().all()
    at.text_input(key="barriers_search").set_value("nothing like this").run()
    assert not at.exception and any(c.value == i18n.t("no_free_text", "en") for c in at.caption)


def test_barriers_free_text_search_shows_only_with_answers_to_search(data_dir):
    """With no free-text answers in the selection (the demo writes none) a search box could find nothing."""
    at = _page("barriers", {"lang": "lv"})
    assert not at.exception and any(c.value == i18n.t("no_free_text", "lv") for c in at.caption)
    assert not [box for box in at.text_input if box.key == "barriers_search"]


def _chart_data(at: AppTest) -> list[pd.DataFrame]:
    """Every dataset the page's charts send to the browser."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    return [convert_arrow_bytes_to_pandas_df(d.data.data) for chart in at.get("vega_lite_chart")
            for d in chart.proto.datasets]


def test_barriers_by_each_grouping_count_that_groups_answers(data_dir):
    at = _page("barriers", {"lang": "en"})
    answers = metrics.load_survey(store.make_engine(config.database_url()))
    named = answers["barriers"].fillna("").str.split(";")
    for group in ("sector", "size", "planning_region"):
        at.segmented_control(key="barriers_group").set_value(group).run()
        assert not at.exception
        grid = next(g for g in _chart_data(at) if "suppressed" in g.columns)
        values = answers[group].fillna("unknown")
        sizes = values.value_counts()
        assert set(grid[group]) == set(sizes.index), group
        for row in grid.itertuples():
            value = getattr(row, group)
            in_group = named[values == value]
            assert row.n == sizes[value]
            assert row.count == sum(row.barrier in codes for codes in in_group), (group, value, row.barrier)
            label = i18n.region_label(value, "en") if group == "planning_region" else (
                i18n.t("unknown", "en") if value == "unknown" else vocabularies.label(group, value, "en"))
            assert row.group_label == f"{label} (n={sizes[value]})"


def test_barriers_phone_list_has_the_grids_data_table(data_dir):
    """The grid and the phone's ranked lists show the same rows, so they carry the same data table, escaped for
    st.table's Markdown (the list's copy once was not: a recorded sector's "[x](y)" would have become a link)."""
    at = _page("barriers", {"lang": "en"})
    ranking, grid, phone_list, *_ = (table.proto for table in at.get("table"))
    assert phone_list == grid and grid != ranking


def test_barriers_without_a_matching_measure_are_flagged(data_dir):
    at = _page("barriers", {"lang": "en", "from": "2019", "to": "2019"})
    table = next(t.frame() for t in html_tables.in_app(at) if i18n.t("unanswered", "en") in t.headers)
    flagged = table[table[i18n.t("unanswered", "en")] == "⚠"]
    assert len(flagged) > 0
    assert (flagged[i18n.t("answered_by", "en")] == "—").all()
    assert (table.loc[table[i18n.t("unanswered", "en")] == "", i18n.t("answered_by", "en")] != "—").all()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_barriers_without_an_unanswered_one_have_no_empty_flag_column(data_dir, lang):
    """The default period's top barriers all have a measure held for them: the ⚠ column stood empty in every
    row. Without it the caption says so; the ⚠ explanation goes with the column."""
    at = _page("barriers", {"lang": lang})
    match = next(t for t in html_tables.in_app(at) if i18n.t("measures_delivered", lang) in t.headers)
    assert i18n.t("unanswered", lang) not in match.headers
    assert (match.frame()[i18n.t("answered_by", lang)] != "—").all()  # the truth behind it: each is answered
    captions = [c.value for c in at.caption]
    assert i18n.t("match_caption_all_answered", lang) in captions and i18n.t("match_caption", lang) not in captions
    flagged = _page("barriers", {"lang": lang, "from": "2019", "to": "2019"})
    assert i18n.t("match_caption", lang) in [c.value for c in flagged.caption]


def test_barriers_measure_lists_wrap_instead_of_being_cut(data_dir):
    """The grid cut "Risina" at the column's edge ("…, Konferen"), and scrolled inside its fixed height with
    its last row half shown: an HTML table shows every row whole, the lists wrapped, the share right-aligned."""
    at = _page("barriers", {"lang": "lv"})
    assert not any(i18n.t("answered_by", "lv") in frame.value.columns for frame in at.dataframe)
    match = next(t for t in html_tables.in_app(at) if i18n.t("measures_delivered", "lv") in t.headers)
    assert match.column_classes(i18n.t("measures_delivered", "lv")) == {"long"}  # wraps in a readable width
    assert match.column_classes(i18n.t("share_naming", "lv")) == {"num"}


def _sign_in(at: AppTest, password: str = "correct horse battery", name: str = "Anna Bērziņa") -> AppTest:
    """Sign in on the Data page as an editor with a password (who you are is asked too)."""
    at.text_input(key="data_editor_name").set_value(name)
    at.text_input(key="data_password").set_value(password)
    return at.button(key="data_unlock").click().run()


def _write_controls(at: AppTest) -> dict[str, int]:
    return {"uploaders": len(at.get("file_uploader")),
            "rollback": sum(1 for b in at.button if b.key == "data_rollback")}


def test_a_viewer_has_no_write_control_and_is_told_how_to_enable_editing(data_dir):
    at = _page("data", {"lang": "en"})
    assert not at.exception
    assert _write_controls(at) == {"uploaders": 0, "rollback": 0}
    assert any(i18n.t("how_to_edit", "en") in info.value for info in at.info)
    history = next(frame.value for frame in at.dataframe if i18n.t("history_user", "en") in frame.value.columns)
    assert len(history) == 7 and set(history[i18n.t("history_user", "en")]) == {"demo data"}  # stored: "demo"
    assert set(batches.history(store.make_engine(config.database_url()))["user"]) == {"demo"}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_history_counts_rows_as_numbers_in_the_pages_format(data_dir, lang):
    """"Rindas" was text ("1 627"): left-aligned in the grid beside the right-aligned "Partija", sorted as text."""
    at = _page("data", {"lang": lang})
    grid = next(frame for frame in at.dataframe if i18n.t("history_user", lang) in frame.value.columns)
    counts = grid.value[i18n.t("history_row_count", lang)]
    assert pd.api.types.is_integer_dtype(counts) and counts.max() >= 1000
    shown = pa.ipc.open_stream(grid.proto.arrow_data.styler.display_values).read_all().to_pandas()
    assert shown[i18n.t("history_row_count", lang)].tolist() == [i18n.fmt_int(n, lang) for n in counts]
    widths = {name: column.get("width") for name, column in json.loads(grid.proto.columns).items()}
    assert widths[i18n.t("history_row_count", lang)] == widths[i18n.t("history_id", lang)] == "small"


def test_a_wrong_password_unlocks_nothing_and_the_right_one_does(data_dir):
    from dih_data import access

    access.set_password("correct horse battery")
    at = _page("data", {"lang": "en"})
    _sign_in(at, "wrong horse battery")
    assert any(e.value == i18n.t("editor_wrong", "en") for e in at.error)
    assert _write_controls(at) == {"uploaders": 0, "rollback": 0}
    _sign_in(at)
    assert not at.exception
    assert _write_controls(at) == {"uploaders": 1, "rollback": 1}


def test_an_editor_rolls_back_a_batch_and_the_rollback_is_recorded(data_dir):
    from dih_data import access, batches

    access.set_password("correct horse battery")
    at = _page("data", {"lang": "en"})
    _sign_in(at)
    at.selectbox(key="data_rollback_batch").set_value(1).run()  # the demo events
    at.button(key="data_rollback").click().run()
    assert not at.exception
    engine = store.make_engine(config.database_url())
    history = batches.history(engine).set_index("id")
    assert pd.notna(history.loc[1, "rolled_back_at"])
    assert (history["user"] == "Anna Bērziņa (password)").sum() == 1
    assert metrics.load_events(engine).empty


def test_an_editor_removes_the_demo_for_good(data_dir):
    from dih_data import access, batches

    access.set_password("correct horse battery")
    at = _page("data", {"lang": "en"})
    _sign_in(at)
    at.button(key="data_remove_demo").click().run()
    assert not at.exception
    rollbacks = batches.history(store.make_engine(config.database_url())).query("kind == @batches.ROLLBACK_KIND")
    assert len(rollbacks) == 7 and set(rollbacks["user"]) == {"Anna Bērziņa (password)"}
    assert i18n.t("demo_removed", "en", rows=int(rollbacks["row_count"].sum())) in [s.value for s in at.success]
    assert not any(b.key == "data_remove_demo" for b in at.run().button)
    st.cache_resource.clear()  # the next start of the app
    assert not _app({"lang": "en"}).exception
    assert len(batches.history(store.make_engine(config.database_url()))) == 14  # nothing loaded again
    assert metrics.load_events(store.make_engine(config.database_url())).empty


def test_the_editor_saves_nothing_when_nothing_changed(data_dir):
    from dih_data import access, batches

    access.set_password("correct horse battery")
    at = _page("data", {"lang": "en"})
    _sign_in(at)
    at.button(key="data_save_edits").click().run()
    assert not at.exception
    assert any(info.value == i18n.t("no_edits", "en") for info in at.info)
    assert len(batches.history(store.make_engine(config.database_url()))) == 7


def test_present_setup_saves_the_sequence_in_the_link(data_dir):
    at = _page("present", {"lang": "en"})
    assert not at.exception
    at.multiselect(key="present_slides").set_value(["map", "budget"]).run()
    at.number_input(key="present_auto").set_value(30).run()
    assert at.query_params["slides"] == "map,budget" and at.query_params["auto"] == "30"
    at.button(key="present_start").click().run()
    assert not at.exception and at.query_params["show"] == "1"
    assert at.title[0].value == i18n.t("slide_map", "en")


def test_starting_the_stage_writes_the_snapshots_the_qr_code_opens(data_dir, monkeypatch):
    monkeypatch.setenv("DIH_PUBLIC_URL", "https://dih.example.lv")
    at = _page("present", {"lang": "en", "slides": "map,budget"})
    at.button(key="present_start").click().run()
    assert not at.exception
    written = sorted(p.relative_to(data_dir / "snapshots").as_posix() for p in (data_dir / "snapshots").rglob("*"))
    assert written == ["en", "en/1-map.html", "en/2-budget.html", "lv", "lv/1-map.html", "lv/2-budget.html"]
    assert i18n.t("slide_map", "lv") in (data_dir / "snapshots" / "lv" / "1-map.html").read_text(encoding="utf-8")
    assert "data:image/png" in _stage_html(at) and i18n.t("qr_caption", "en") in _stage_html(at)


def test_the_data_page_saves_the_snapshots_on_demand(data_dir):
    at = _page("data", {"lang": "lv"})
    at.button(key="data_snapshots").click().run()
    assert not at.exception
    assert at.success[0].value == i18n.t("snapshot_saved", "lv", n=12, path="/app/static/snapshots/lv/1-kpis.html")
    assert len(list((data_dir / "snapshots").rglob("*.html"))) == 12


def test_present_next_previous_and_exit(data_dir):
    at = _page("present", {"lang": "lv", "show": "1", "slides": "kpis,attendance,published"})
    assert at.title[0].value == i18n.t("slide_kpis", "lv")
    at.button(key="present_next").click().run()
    assert at.title[0].value == i18n.t("slide_attendance", "lv") and at.query_params["i"] == "1"
    at.button(key="present_previous").click().run()
    at.button(key="present_previous").click().run()  # wraps round to the last slide
    assert at.title[0].value == i18n.t("slide_published", "lv")
    at.button(key="present_exit").click().run()
    assert "show" not in at.query_params and at.title[0].value == i18n.t("present_title", "lv")


def test_public_view_is_on_by_default_on_stage(data_dir):
    at = _page("present", {"lang": "en", "show": "1", "slides": "barriers"})
    assert at.session_state["present_public"] is True


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_cost_per_participant_reads_the_same_on_the_overview_and_the_budget_slide(data_dir, lang):
    """One figure, one form: the slide said "68 €" beside the Overview's "68,30 €"."""
    label = i18n.t("kpi_cost_per_participant", lang)
    on_overview = next(metric.value for metric in _app({"lang": lang}).metric if metric.label == label)
    at = _page("present", {"lang": lang, "show": "1", "slides": "budget"})
    numbers = re.findall(r"<div class='value'[^>]*>(.*?)</div><div class='label'>(.*?)</div>", _stage_html(at))
    on_slide = html.unescape(next(value for value, name in numbers if html.unescape(name) == label))
    assert on_slide == on_overview and re.search(r"\d[,.]\d\d", on_slide), (on_slide, on_overview)


def _stage_html(at: AppTest) -> str:
    return next(element.proto.body for element in at.get("html") if "dih-stage" in element.proto.body)


def _organisations_tile(at: AppTest) -> str:
    """The organisations figure as the headline slide draws it (value above its label)."""
    numbers = re.findall(r"<div class='value'[^>]*>(.*?)</div><div class='label'>(.*?)</div>", _stage_html(at))
    return {html.unescape(label): html.unescape(value) for value, label in numbers}[i18n.t("kpi_organisations", "en")]


def _filters_reaching_few_organisations() -> tuple[dict, int]:
    """URL filters (one year, measure and planning region) under which 1–4 organisations took part."""
    engine = store.make_engine(config.database_url())
    tables = (metrics.load_events(engine), metrics.load_participations(engine), metrics.load_budget(engine),
              metrics.load_expenditures(engine))
    events = tables[0]
    for year in sorted(events["year"].unique()):
        for measure in sorted(events["event_type"].unique()):
            for region in sorted(events["planning_region"].dropna().unique()):
                filters = metrics.Filters(dt.date(year, 1, 1), dt.date(year, 12, 31), (measure,), (region,))
                reached = metrics.kpis(*tables, filters)["organisations_reached"]
                if 0 < reached < 5:
                    return {"from": str(year), "to": str(year), "m": measure, "r": region}, reached
    raise AssertionError("no year, measure and region with 1–4 organisations in the demo data")


@pytest.mark.parametrize("public", ["1", "0"])
def test_the_stage_shows_fewer_than_5_organisations_as_lt5_only_in_public_view(data_dir, public):
    stage = {"lang": "en", "show": "1", "slides": "kpis", "public": public}
    at = _page("present", stage)
    engine = store.make_engine(config.database_url())
    every = metrics.load_participations(engine)["org_id"].nunique()
    assert every >= 5 and _organisations_tile(at) == i18n.fmt_int(every, "en")  # large counts stay numbers
    filters, reached = _filters_reaching_few_organisations()
    at = _page("present", {**stage, **filters})
    assert _organisations_tile(at) == ("<5" if public == "1" else str(reached))


def test_the_qr_code_appears_only_with_a_public_address_and_opens_the_slide_snapshot(data_dir, monkeypatch):
    import base64
    import io
    import re

    import zxingcpp
    from PIL import Image

    from dih_data import slides

    query = {"lang": "en", "show": "1", "slides": "kpis,map", "i": "1", "from": "2019", "to": "2020",
             "m": "workshop,meetup", "r": "Rīga"}
    at = _page("present", query)
    assert at.title[0].value == i18n.t("slide_map", "en") and "data:image/png" not in _stage_html(at)
    monkeypatch.setenv("DIH_PUBLIC_URL", "https://dih.example.lv/")
    at.run()
    codes = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", _stage_html(at))
    assert len(codes) == 1
    qr = Image.open(io.BytesIO(base64.b64decode(codes[0])))
    assert qr.width >= 300  # drawn at 380 design px: modules stay sharp when scaled
    decoded = [code.text for code in zxingcpp.read_barcodes(qr)]
    # The map slide (2nd of the sequence) opens its static snapshot page, written when the stage opened…
    assert decoded == ["https://dih.example.lv/app/static/snapshots/en/2-map.html"]
    snapshot = (data_dir / "snapshots" / "en" / "2-map.html").read_text(encoding="utf-8")
    # …which links on to the Regions page with the same language and filters (Rīga percent-encoded).
    expected = "https://dih.example.lv/regions?lang=en&from=2019&to=2020&m=workshop,meetup&r=R%C4%ABga"
    assert slides.share_url("https://dih.example.lv/", "map", query) == expected
    # (written on the first run, before DIH_PUBLIC_URL was set: relative, right on the same server)
    relative = expected.replace("https://dih.example.lv", "../../../..").replace("&", "&amp;")
    assert f'href="{relative}"' in snapshot


def test_a_latvian_editor_sees_the_sign_in_and_the_record_editor_in_latvian(data_dir):
    from dih_data import access, schemas

    access.set_password("correct horse battery")
    at = _sign_in(_page("data", {"lang": "lv"}))
    assert [s.value for s in at.success] == [i18n.t("editor_signed_in", "lv", user="Anna Bērziņa (ar paroli)")
                                             .replace("(", "&#40;").replace(")", "&#41;")]
    editor = next(e for e in at.dataframe if e.proto.editing_mode)
    labels = {name: column["label"] for name, column in json.loads(editor.proto.columns).items() if "label" in column}
    assert labels == {spec.name: spec.label_lv for spec in schemas.columns("events")}
    at.selectbox(key="data_rollback_batch").set_value(1).run()
    at.button(key="data_rollback").click().run().run()  # the history is drawn above the button
    user = i18n.t("history_user", "lv")
    history = next(e.value for e in at.dataframe if user in e.value.columns)
    assert (history[user] == "Anna Bērziņa (ar paroli)").sum() == 1  # stored as "… (password)"


def test_the_budget_slide_names_a_funder_as_the_budget_page_does(data_dir):
    """"Valsts budžets — Ekonomikas ministrija" on the page is the same on the stage (and so in the PPTX/PDF,
    drawn from the same slide)."""
    from dih_data import consistent, importer, slides, stage

    engine = store.make_engine(config.database_url())
    store.init_db(engine)
    year = clock.today().year  # the filters' default period
    data = ("programme;funding_source;year;planned_eur;funder_name\n"
            f"DIH;Valsts budžets;{year};15 000;Ekonomikas ministrija\nDIH;ERAF;{year};5 000;\n")
    assert not importer.import_file(engine, "budget", "b.csv", data=data.encode()).errors
    at = _page("budget", {"lang": "lv"})
    header = i18n.t("group_funding_source", "lv")
    on_page = set(next(table.frame() for table in html_tables.in_app(at) if header in table.headers)[header])
    assert on_page == {"Valsts budžets — Ekonomikas ministrija", "ERAF"}
    at = _page("present", {"lang": "lv", "show": "1", "slides": "budget"})
    assert not at.exception and at.title[0].value == i18n.t("slide_budget", "lv")
    slide = slides.build("budget", consistent.read_all(engine)[1], at.session_state["app_filters"], "lv", public=True)
    spec = stage.chart_spec(slide)
    drawn = {row["label"] for rows in spec["datasets"].values() for row in rows if "label" in row}
    assert drawn == on_page


def test_the_budget_slide_source_line_says_what_its_figures_come_from(data_dir):
    """The Budget slide sums budget lines as well as events: recorded lines beside demo events are "imported
    and demo data" on its source line, recorded lines alone "your imported records", demo alone "demo"."""
    from dih_data import importer

    def budget_source() -> str:
        st.cache_data.clear()
        at = _page("present", {"lang": "lv", "show": "1", "slides": "budget"})
        assert not at.exception and at.title[0].value == i18n.t("slide_budget", "lv")
        return html.unescape(re.search(r"<div class='footer'[^>]*>(.*?)</div>", _stage_html(at)).group(1))

    assert budget_source().startswith(i18n.t("source_demo", "lv"))
    engine = store.make_engine(config.database_url())
    data = f"programme;funding_source;year;planned_eur\nDIH;ERAF;{clock.today().year};15 000\n"
    assert not importer.import_file(engine, "budget", "b.csv", data=data.encode()).errors
    assert budget_source().startswith(i18n.t("source_mixed", "lv"))
    batches.roll_back_demo(engine, "test")
    assert budget_source().startswith(i18n.t("source_recorded", "lv", n=1))


def test_values_recorded_before_the_vocabularies_are_shown_as_recorded_on_latvian_pages(data_dir):
    """Free-text sectors, sizes and funding sources stored before the vocabularies existed: an exact spelling
    of a label ("Tourism", "Small", "Nordic Council") is shown in Latvian, anything else exactly as written —
    never as a code, and, being the user's text, the only English the audit may meet."""
    from sqlalchemy import text

    from dih_data import importer
    from tests.e2e.test_latvian_audit import english_found

    engine = store.make_engine(config.database_url())
    store.init_db(engine)
    year = clock.today().year
    legacy = {"ORG-1": ("Tourism", "Small"), "ORG-2": ("Furniture making", "10–49 darbinieki"),
              "ORG-3": ("c", "MIKRO"), "ORG-4": ("Mēbeļu ražotne", "mazs"), "ORG-5": ("j", "sīks")}
    files = {"organisations": "org_id;name\n" + "".join(f"{org};SIA {org}\n" for org in legacy),
             "events": "event_id;event_type;start_date;municipality;participants\n"
                       f"EV-1;workshop;05.03.{year};Rīga;20\n",
             "participations": "event_id;org_id\n" + "".join(f"EV-1;{org}\n" for org in legacy),
             "budget": f"programme;funding_source;year;planned_eur\nDIH;erdf;{year};100\nDIH;other;{year};200\n"}
    for kind, data in files.items():
        assert not importer.import_file(engine, kind, f"{kind}.csv", data=data.encode()).errors
    with engine.begin() as connection:  # as the free-text columns held them
        for org, (sector, size) in legacy.items():
            connection.execute(text("UPDATE organisation SET sector = :sector, size = :size WHERE org_id = :org"),
                               {"sector": sector, "size": size, "org": org})
        for code, recorded in (("erdf", "Nordic Council"), ("other", "Vidzemes fonds")):
            connection.execute(text("UPDATE budget_line SET funding_source = :recorded WHERE funding_source = :code"),
                               {"recorded": recorded, "code": code})
    at = _regions({"lang": "lv", "sel": "Rīga"})
    at.toggle(key="regions_public").set_value(False).run()
    organisations = next(frame.value for frame in at.dataframe if i18n.t("sector", "lv") in frame.value.columns)
    shown = organisations.set_index(i18n.t("organisation", "lv")).loc[[f"SIA {org}" for org in legacy]]
    assert shown[i18n.t("sector", "lv")].tolist() == [
        vocabularies.label("sector", "I", "lv"), "Furniture making", vocabularies.label("sector", "C", "lv"),
        "Mēbeļu ražotne", vocabularies.label("sector", "J", "lv")]
    small, micro = (vocabularies.label("size", code, "lv") for code in ("small", "micro"))
    assert shown[i18n.t("size", "lv")].tolist() == [small, "10–49 darbinieki", micro, small, "sīks"]
    assert shown[i18n.t("org_kind", "lv")].tolist() == [""] * 5  # none recorded: an empty cell, not "nan"
    at = _page("budget", {"lang": "lv"})
    header = i18n.t("group_funding_source", "lv")
    funding = set(next(table.frame() for table in html_tables.in_app(at) if header in table.headers)[header])
    assert {vocabularies.label("funding_source", "nordic_council", "lv"), "Vidzemes fonds"} <= funding
    recorded = {"Furniture making"}  # the user's own words, outside the audit
    cells = " | ".join(str(cell) for cell in [*shown.to_numpy().ravel(), *funding] if cell not in recorded)
    assert english_found(cells) == []
    with engine.connect() as connection:
        assert {org: (sector, size) for org, sector, size in connection.execute(
            text("SELECT org_id, sector, size FROM organisation"))} == legacy


def test_the_latvian_history_names_the_demo_batches_in_latvian(data_dir):
    """Stored as "demo:<kind>" by the demo user; shown as "demonstrācijas dati: Pasākumi" (rollbacks too)."""
    from tests.test_app_latvian_formats import english_in_cell

    engine = store.make_engine(config.database_url())
    store.init_db(engine)
    demo.load_demo(engine, today=clock.today())
    batches.rollback(engine, 1, "Anna (password)")
    at = _page("data", {"lang": "lv"})
    history = next(frame.value for frame in at.dataframe if i18n.t("history_user", "lv") in frame.value.columns)
    names = history[i18n.t("history_file_name", "lv")].tolist()
    assert names[0] == i18n.t("history_rollback_of", "lv", batch=1, file="demonstrācijas dati: Pasākumi")
    assert names[-1] == "demonstrācijas dati: Pasākumi"
    assert [(name, english_in_cell(name)) for name in names if english_in_cell(name)] == []
    assert set(batches.history(engine)["file_name"]) >= {"demo:events", "rollback of batch 1: demo:events"}


def _sent(at: AppTest) -> list[str]:
    """Every element the run sent, as its proto text; the ids Streamlit draws at random per run (a Styler's
    uuid, a deferred download's file id) blanked."""
    def walk(node):
        if not hasattr(node, "children"):
            yield f"{node.type}: {node.proto}"
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    return [re.sub(r'(uuid|deferred_file_id): "[0-9a-f]+"', r'\1: ""', text) for text in walk(at._tree)]


@pytest.mark.parametrize(("page", "query", "public"), [
    ("overview", {"lang": "en"}, False),
    ("regions", {"level": "municipality", "metric": "organisations"}, True),
    ("regions", {"sel": "Kurzeme"}, False),
    ("barriers", {}, False),
    ("barriers", {"lang": "en"}, True),
    ("attendance", {"lang": "en", "grain": "month"}, False),
    ("budget", {}, False),
])
def test_a_later_session_is_sent_exactly_what_the_first_was(data_dir, page, query, public):
    """The views are shared read-only between sessions: what one session does with them (the public view's
    download copy, Streamlit marshalling specs and tables) never shows in the next one's page."""
    def session() -> list[str]:
        at = _page(page, query)
        if public:
            at.toggle(key=f"{page}_public").set_value(True).run()
        assert not at.exception
        return _sent(at)

    first = session()
    assert len(first) > 20 and session() == first
