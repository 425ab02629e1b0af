"""The interactive map's classes, colours and payload."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dih_data import maps, regions


@pytest.mark.parametrize(("values", "units", "expected"), [
    # the 5 planning regions: close values share a class, Rīga stands alone
    ([387, 384, 4316, 190, 150], 5, [(150, 190), (384, 387), (4316, 4316)]),
    # no event in one region: a class of its own, the rest split by natural breaks
    ([0, 387, 384, 4316, 150], 5, [(0, 0), (150, 150), (384, 387), (4316, 4316)]),
    # equal values never straddle two classes
    ([7, 7, 7, 7, 20], 5, [(7, 7), (20, 20)]),
    # fewer distinct values than classes: one class per value
    ([5, 5, 9], 5, [(5, 5), (9, 9)]),
    # 42 municipalities: five classes whose ranges do not overlap
    ([0] * 6 + list(range(1, 15)) + list(range(20, 30)) + [55, 58, 63, 70, 90, 120, 400, 410, 1500, 1600, 4000, 4316],
     42, None),
    ([], 5, []),
])
def test_natural_break_classes(values, units, expected):
    classes = maps.classify(pd.Series(values, dtype=float), units)
    if expected is not None:
        assert [tuple(r) for r in classes.ranges] == expected
    ranges = classes.ranges
    assert all(high < next_low for (_, high), (next_low, _) in zip(ranges, ranges[1:], strict=False))
    assert all(low <= high for low, high in ranges)
    assert len(ranges) - classes.zero <= maps.class_count(units)
    for value in values:  # every value lies in the class it is coloured by
        low, high = ranges[classes.index(value)]
        assert low <= value <= high


@pytest.mark.parametrize(("units", "count"), [(5, 3), (12, 4), (42, 5)])
def test_class_count_suits_the_number_of_units(units, count):
    assert maps.class_count(units) == count


def test_same_values_same_classes_and_colours_wherever_drawn():
    values = pd.Series([387, 384, 4316, 190, 150])
    first, second = maps.classify(values, 5), maps.classify(values.sample(frac=1, random_state=1), 5)
    assert first == second and first.legend(str) == second.legend(str)


def test_legend_states_each_range_once_and_colours_rise():
    classes = maps.classify(pd.Series([0, 1.0, 2.0, 10.0, 11.0, 500.0]), 5)
    legend = classes.legend(lambda v: f"{v:.0f}")
    assert legend[0] == ("0", "#f7f7f7") and legend[-1][0] == "500"
    assert legend[1][0] == "1–2"
    darkness = [sum(maps.palette.hex_to_rgb(colour)) for _, colour in legend]
    assert darkness == sorted(darkness, reverse=True)


@pytest.mark.parametrize(("width", "height"), [(760, 470), (350, 400), (1100, 400)])
def test_the_view_fits_all_of_latvia_into_the_container(width, height):
    view = maps.fit_view(width, height)
    west, south, east, north = maps.BOUNDS
    scale = 512 * 2 ** view.zoom  # world size in px at this zoom
    map_width = (east - west) / 360 * scale
    map_height = (maps._mercator_y(north) - maps._mercator_y(south)) / (2 * np.pi) * scale
    assert map_width <= width and map_height <= height
    assert map_width > 0.8 * width or map_height > 0.8 * height  # and uses the space
    assert west < view.longitude < east and south < view.latitude < north


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


@pytest.mark.parametrize("width", [350, 580, 760])
def test_a_map_of_the_fitted_height_has_latvia_fill_it_both_ways(width):
    """No band of empty canvas above and below the country: at ``fitted_height`` the fitted view leaves the
    same margin vertically as across (a fixed 470 px box left ~80 px each above and below at 580 px)."""
    height = maps.fitted_height(width)
    scale = 512 * 2 ** maps.fit_view(width, height).zoom
    west, south, east, north = maps.BOUNDS
    map_width = (east - west) / 360 * scale
    map_height = (maps._mercator_y(north) - maps._mercator_y(south)) / (2 * np.pi) * scale
    assert map_width / width == pytest.approx(map_height / height, abs=0.02)
    assert 0.55 * width < height < 0.65 * width
