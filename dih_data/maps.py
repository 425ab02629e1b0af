"""Interactive map (pydeck, no basemap so it works offline) of one metric per unit."""

from __future__ import annotations

import functools
import json

import numpy as np
import pandas as pd
import pydeck as pdk

from . import geography

LAYER_ID = "units"
# ColorBrewer "Blues" (colour-blind safe, sequential), light → dark.
PALETTE = [(222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214), (66, 146, 198), (33, 113, 181),
           (8, 69, 148)]
NO_DATA = (238, 238, 238)
GAP_OUTLINE = (230, 97, 1)  # orange: colour-blind-distinguishable from the blues
SELECTED_OUTLINE = (0, 0, 0)
VIEW = pdk.ViewState(latitude=56.85, longitude=24.75, zoom=5.75, pitch=0)


def bins(values: pd.Series, count: int = len(PALETTE)) -> np.ndarray:
    """Quantile class breaks from 0 to the maximum.

    Riga alone often has more participants than all other regions together; equal-width classes
    would paint every other unit the same pale colour, so classes hold similar numbers of units.
    """
    positive = values[values > 0].astype(float)
    if positive.empty:
        return np.array([0.0, 1.0])
    count = max(1, min(count, positive.nunique()))
    uppers = np.quantile(positive, np.linspace(0, 1, count + 1)[1:])
    return np.unique(np.concatenate([[0.0], uppers]))


def colours(breaks: np.ndarray) -> list[tuple[int, int, int]]:
    """One palette colour per class, spread over the whole palette so few classes still contrast."""
    classes = len(breaks) - 1
    steps = np.linspace(0, len(PALETTE) - 1, classes).round().astype(int) if classes > 1 else [len(PALETTE) - 1]
    return [PALETTE[i] for i in steps]


def class_of(value: float, breaks: np.ndarray) -> int:
    """Index of the class holding ``value`` (the top break belongs to the last class)."""
    return int(np.clip(np.searchsorted(breaks, value, side="right") - 1, 0, len(breaks) - 2))


def colour_of(value: float, breaks: np.ndarray) -> tuple[int, int, int]:
    return NO_DATA if pd.isna(value) else colours(breaks)[class_of(value, breaks)]


def legend(breaks: np.ndarray, fmt) -> list[tuple[str, str]]:
    """(label, css colour) per class, formatted by ``fmt`` in the page's language."""
    return [(f"{fmt(low)} – {fmt(high)}", "#{:02x}{:02x}{:02x}".format(*colour))
            for (low, high), colour in zip(zip(breaks[:-1], breaks[1:], strict=True), colours(breaks), strict=True)]


@functools.cache
def _geometry_json(level: str) -> str:
    """The committed boundary file (4 decimals, ~10 m) with rings reversed to RFC 7946 winding for deck.gl."""
    collection = json.loads(geography.boundary_path(level).read_text(encoding="utf-8"))
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                ring.reverse()
    return json.dumps(collection["features"], separators=(",", ":"))


def _features(level: str) -> list[dict]:
    return json.loads(_geometry_json(level))


def feature_collection(level: str, table: pd.DataFrame, value: str, labels: dict, selected: str | None) -> dict:
    """GeoJSON of the level's units with fill colour, outline and tooltip fields from ``table``."""
    key = "atvk" if level == "municipality" else "planning_region"
    rows = table.set_index("unit")
    breaks = bins(rows[value].dropna())
    features = _features(level)
    for feature in features:
        unit = feature["properties"][key]
        row = rows.loc[unit]
        outline = SELECTED_OUTLINE if unit == selected else (GAP_OUTLINE if row["events"] == 0 else (255, 255, 255))
        feature["properties"] = {
            "unit": unit,
            "name": labels["name"][unit],
            "region": labels["region"][unit],
            "value_text": labels["value"][unit],
            "rank": labels["rank"][unit],
            "fill": [*colour_of(row[value], breaks), 230],
            "line": list(outline),
            "line_width": 1500 if unit == selected or row["events"] == 0 else 300,  # metres
            # Column height grows with the square root of participants, so Riga does not dwarf the rest.
            "height": float(np.sqrt(max(row["participants"], 0))),
        }
    return {"type": "FeatureCollection", "features": features}


class CompactDeck(pdk.Deck):
    """pydeck indents its JSON; the browser payload is a third of the size without the whitespace."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


def deck(collection: dict, *, extruded: bool = False, tooltip_html: str) -> pdk.Deck:
    top = max((f["properties"]["height"] for f in collection["features"]), default=1) or 1
    layer = pdk.Layer(
        "GeoJsonLayer", collection, id=LAYER_ID, pickable=True, stroked=True, filled=True, extruded=extruded,
        get_fill_color="properties.fill", get_line_color="properties.line",
        get_line_width="properties.line_width", line_width_min_pixels=1,
        get_elevation=f"properties.height * {60_000 / top}", auto_highlight=True,
    )
    view = pdk.ViewState(**{**VIEW.__dict__, "pitch": 45 if extruded else 0})
    return CompactDeck(layers=[layer], initial_view_state=view, map_provider=None,
                    tooltip={"html": tooltip_html, "style": {"fontSize": "13px"}})
