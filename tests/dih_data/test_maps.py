"""The interactive map's classes, colours and payload."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dih_data import maps, regions


def test_quantile_classes_start_at_zero_end_at_the_maximum_and_rise():
    values = pd.Series([0, 1, 2, 3, 5, 8, 13, 21, 34, 4316])
    breaks = maps.bins(values)
    assert breaks[0] == 0 and breaks[-1] == 4316 and (np.diff(breaks) > 0).all()
    # Riga's 4,316 does not squeeze everyone else into the first class.
    classes = {maps.class_of(v, breaks) for v in values}
    assert len(classes) >= 5


def test_few_distinct_values_give_few_classes_and_no_values_a_unit_range():
    assert len(maps.bins(pd.Series([0, 7, 7, 7]))) - 1 == 1
    assert maps.bins(pd.Series([0, 0])).tolist() == [0.0, 1.0]


def test_class_of_puts_zero_first_and_the_maximum_last():
    breaks = maps.bins(pd.Series([1, 2, 3, 4, 100]))
    assert maps.class_of(0, breaks) == 0 and maps.class_of(100, breaks) == len(breaks) - 2


@pytest.mark.parametrize("classes", [1, 2, 4, 7])
def test_colours_spread_over_the_palette_light_to_dark(classes):
    breaks = np.linspace(0, 10, classes + 1)
    colours = maps.colours(breaks)
    assert len(colours) == classes and colours[-1] == maps.PALETTE[-1]
    if classes > 1:
        assert colours[0] == maps.PALETTE[0]


def test_legend_labels_use_the_given_format():
    legend = maps.legend(np.array([0.0, 10.0, 2000.0]), lambda v: f"<{v:.0f}>")
    assert legend == [("<0> – <10>", "#deebf7"), ("<10> – <2000>", "#084594")]


@pytest.mark.parametrize("level", regions.LEVELS)
def test_features_mark_selection_and_gaps_and_the_payload_stays_small(level):
    table = regions.units(level).assign(events=1, participants=10)
    table.loc[table.index[0], ["events", "participants"]] = 0
    selected = table["unit"].iloc[1]
    labels = {key: table.set_index("unit")["name_lv"] for key in ("name", "region", "value", "rank")}
    collection = maps.feature_collection(level, table, "participants", labels=labels, selected=selected)
    features = {f["properties"]["unit"]: f["properties"] for f in collection["features"]}
    assert set(features) == set(table["unit"])
    assert features[selected]["line"] == list(maps.SELECTED_OUTLINE)
    assert features[table["unit"].iloc[0]]["line"] == list(maps.GAP_OUTLINE)
    payload = maps.deck(collection, tooltip_html="{name}").to_json()
    spec = json.loads(payload)
    assert spec["layers"][0]["id"] == maps.LAYER_ID and "\n" not in payload
    assert spec.get("mapProvider") in (None, "")  # no basemap: works offline
    assert len(payload.encode("utf-8")) < 300_000
