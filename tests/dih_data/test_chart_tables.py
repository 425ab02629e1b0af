"""A chart's data table: the chart's own rows, its tooltip titles and the page language's number formats."""

from __future__ import annotations

import pandas as pd
import pytest

from dih_data import chart_tables, charts, geography, i18n

TREND = pd.DataFrame({
    "period": ["2023", "2023", "2024"], "measure": ["workshop", "meetup", "workshop"],
    "measure_label": ["Darbnīcas", "Tikšanās", "Darbnīcas"], "participants": [1200, 30, 25],
})
SHARES = pd.DataFrame({"label": ["Izmaksas", "Laiks"], "share": [0.355, 0.2], "low": [0.25, 0.1], "high": [0.48, 0.3],
                       "n": [22, 12], "total": [62, 62], "text": ["22 / 62", "12 / 62"]})


@pytest.mark.parametrize(("lang", "count", "share"), [("lv", "1\u00a0200", "35,5\u00a0%"), ("en", "1,200", "35.5%")])
def test_numbers_in_the_page_language_under_the_tooltip_titles(lang, count, share):
    trend = chart_tables.table(charts.trend_bars(TREND, x_title="Gads", y_title="Dalībnieki", colour_title="Veids"),
                               lang)
    assert list(trend.columns) == ["Gads", "Veids", "Dalībnieki"]
    assert list(trend["Dalībnieki"]) == [count, "30", "25"] and list(trend["Veids"]) == list(TREND["measure_label"])
    bars = chart_tables.table(charts.interval_bars(SHARES, label="label", value_title="Daļa", n_title="n",
                                                   interval_titles=("no", "līdz")), lang)
    assert bars["Daļa"].iloc[0] == share


def test_a_layered_chart_answers_with_the_layer_that_says_most_and_untitled_fields_get_a_name():
    notes = pd.DataFrame({"period": ["2024"], "total": [25], "label": ["lielākais: 25"]})
    chart = charts.trend_bars(TREND, x_title="Gads", y_title="Dalībnieki", colour_title="Veids", notes=notes)
    assert len(chart_tables.table(chart, "lv")) == len(TREND)  # the bars, not the one star
    ranking = charts.ranking_bars(pd.DataFrame({"name": ["Rīga", "Cēsis"], "orgs": [40, 3]}), value="orgs",
                                  label="name", value_title="Organizācijas")
    assert list(chart_tables.table(ranking, "lv").columns) == [i18n.t("name", "lv"), "Organizācijas"]
    assert list(chart_tables.table(ranking, "en", titles={"name": "Unit"}).columns) == ["Unit", "Organizācijas"]


def test_the_public_views_text_replaces_small_counts():
    ranking = charts.ranking_bars(pd.DataFrame({"name": ["Rīga", "Cēsis"], "orgs": [40, 3]}), value="orgs",
                                  label="name", value_title="Organizācijas")
    hidden = chart_tables.table(ranking, "lv", text={"orgs": lambda v: "<5" if v < 5 else str(v)})
    assert list(hidden["Organizācijas"]) == ["40", "<5"]


def test_a_map_lists_its_units_from_the_features_properties():
    features = geography.boundary_features("planning_region")
    values = pd.DataFrame({"planning_region": ["Rīga", "Kurzeme"], "name": ["Rīga", "Kurzeme"],
                           "participants": [4352, 111]})
    chart = charts.region_map(features, values, key="planning_region", value="participants", label="name",
                              value_title="Dalībnieki")
    rows = chart_tables.table(chart, "lv").set_index(i18n.t("name", "lv"))["Dalībnieki"]
    assert rows["Rīga"] == "4\u00a0352" and rows["Kurzeme"] == "111"
