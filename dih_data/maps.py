"""Interactive map (pydeck, no basemap so it works offline) of one metric per unit."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pydeck as pdk

from . import geography, palette

LAYER_ID = "units"
PALETTE = [palette.hex_to_rgb(c) for c in palette.SEQUENTIAL]  # ColorBrewer Blues, light → dark
NO_DATA = palette.hex_to_rgb(palette.NO_DATA)
ZERO = palette.hex_to_rgb("#f7f7f7")  # no events: near-white, and outlined orange on the map
GAP_OUTLINE = (230, 97, 1)  # orange: colour-blind-distinguishable from the blues
SELECTED_OUTLINE = (0, 0, 0)
# Latvia's bounding box (lon/lat): the interactive map is fitted to it for the container it is drawn in.
BOUNDS = (20.97, 55.67, 28.24, 58.09)


def class_count(units: int) -> int:
    """How many classes a map of ``units`` areas can carry: 3 for the 5 planning regions, 5 for 42
    municipalities (more would give classes of one or two units)."""
    return 3 if units <= 6 else (4 if units <= 15 else 5)


def natural_breaks(values, count: int) -> list[list[float]]:
    """Fisher–Jenks natural breaks: ``values`` split into at most ``count`` groups of consecutive sorted
    values minimising the squared deviation within groups, so close values (387 and 384) share a class
    and a distant one (Rīga) gets its own. Exact (dynamic programming); fine for ≤ a few hundred units."""
    data = sorted(float(v) for v in values)
    n = len(data)
    count = max(1, min(count, len(set(data))))
    if n == 0:
        return []
    prefix, squares = np.concatenate([[0], np.cumsum(data)]), np.concatenate([[0], np.cumsum(np.square(data))])

    def cost(i: int, j: int) -> float:  # squared deviation of data[i:j]
        total, size = prefix[j] - prefix[i], j - i
        return squares[j] - squares[i] - total * total / size

    best = np.full((count + 1, n + 1), np.inf)
    split = np.zeros((count + 1, n + 1), dtype=int)
    best[0, 0] = 0.0
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                # never split equal values between two classes
                if i and i < n and data[i - 1] == data[i]:
                    continue
                candidate = best[k - 1, i] + cost(i, j)
                if candidate < best[k, j]:
                    best[k, j], split[k, j] = candidate, i
    k = min((k for k in range(1, count + 1) if np.isfinite(best[k, n])), key=lambda k: (-k, best[k, n]))
    groups, end = [], n
    while k:
        start = split[k, end]
        groups.append(data[start:end])
        end, k = start, k - 1
    return groups[::-1]


@dataclass(frozen=True)
class Classes:
    """A map's classes: inclusive value ranges (``low``, ``high``) of the units they hold, with a colour
    each; a ``zero`` class first when some units have no activity. The same values give the same
    classes on the Overview, the Regions page, the slides and the static exports."""

    ranges: tuple[tuple[float, float], ...]
    zero: bool

    def colours(self) -> list[tuple[int, int, int]]:
        positive = len(self.ranges) - self.zero
        steps = (np.linspace(1, len(PALETTE) - 1, positive).round().astype(int) if positive > 1
                 else [len(PALETTE) - 2] * positive)
        return ([ZERO] if self.zero else []) + [PALETTE[i] for i in steps]

    def index(self, value: float) -> int:
        """The class holding ``value`` (between two ranges: the nearer one below)."""
        if self.zero and value <= 0:
            return 0
        lows = [low for low, _ in self.ranges]
        return int(np.clip(np.searchsorted(lows, value, side="right") - 1, int(self.zero), len(self.ranges) - 1))

    def colour(self, value: float) -> tuple[int, int, int]:
        return NO_DATA if pd.isna(value) or not self.ranges else self.colours()[self.index(value)]

    def legend(self, fmt) -> list[tuple[str, str]]:
        """(label, css colour) per class, values formatted by ``fmt``; a class of one value shows it once."""
        return [(fmt(low) if fmt(low) == fmt(high) else f"{fmt(low)}–{fmt(high)}",
                 "#{:02x}{:02x}{:02x}".format(*colour))
                for (low, high), colour in zip(self.ranges, self.colours(), strict=True)]

    def label(self, value: float, fmt) -> str:
        return self.legend(fmt)[self.index(value)][0]


def classify(values: pd.Series, units: int | None = None) -> Classes:
    """Natural-break classes for one metric over the mapped units (missing values ignored)."""
    present = values.dropna().astype(float)
    positive = present[present > 0]
    groups = natural_breaks(positive, class_count(units or len(present)))
    ranges = [(group[0], group[-1]) for group in groups]
    zero = bool((present <= 0).any())
    return Classes(tuple([(0.0, 0.0)] * zero + ranges), zero)


DECK_DECIMALS = 3  # ~100 m: an eighth of a pixel for all of Latvia in 540 px, a third of the 4-decimal payload


@functools.cache
def _geometry_json(level: str) -> str:
    """The committed boundary file (4 decimals, ~10 m) at ``DECK_DECIMALS`` (points that then coincide
    dropped), with rings reversed to RFC 7946 winding for deck.gl."""
    collection = json.loads(geography.boundary_path(level).read_text(encoding="utf-8"))
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            polygon[:] = [_coarser(ring)[::-1] for ring in polygon]
    return json.dumps(collection["features"], separators=(",", ":"))


def _coarser(ring: list[list[float]]) -> list[list[float]]:
    """``ring`` rounded to ``DECK_DECIMALS``, without repeated points (still closed, at least 4 points)."""
    rounded = [[round(x, DECK_DECIMALS), round(y, DECK_DECIMALS)] for x, y, *_ in ring]
    kept = [point for i, point in enumerate(rounded) if i == 0 or point != rounded[i - 1]]
    return kept if len(kept) >= 4 else rounded


def _features(level: str) -> list[dict]:
    return json.loads(_geometry_json(level))


def feature_collection(level: str, table: pd.DataFrame, value: str, labels: dict, selected: str | None) -> dict:
    """GeoJSON of the level's units with fill colour, outline and tooltip fields from ``table``."""
    key = "atvk" if level == "municipality" else "planning_region"
    rows = table.set_index("unit")
    classes = classify(rows[value])
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
            "fill": [*classes.colour(row[value]), 235],
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


class Prebuilt:
    """A deck whose JSON was made earlier (once per view, in the UI's cache): sending it costs no rebuild.
    Not a ``pdk.Deck``: ``st.pydeck_chart`` reads only ``to_json``, the tooltip and the (no) layers, and pydeck's
    constructor probes for Jupyter extras and API keys on every call (~2–20 ms per session under load)."""

    layers: tuple = ()

    def __init__(self, json_text: str, tooltip: dict):
        self._json, self._tooltip = json_text, tooltip

    def to_json(self) -> str:
        return self._json


def _mercator_y(lat: float) -> float:
    return float(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def fit_view(width: int, height: int, margin: float = 0.06) -> pdk.ViewState:
    """The view that shows the whole of Latvia (``BOUNDS``) inside a ``width`` × ``height`` px map,
    with ``margin`` of each side free (deck.gl's world is 512 px wide at zoom 0)."""
    west, south, east, north = BOUNDS
    span_x = (east - west) / 360
    span_y = (_mercator_y(north) - _mercator_y(south)) / (2 * np.pi)
    usable = 1 - 2 * margin
    zoom = float(np.log2(min(width * usable / (512 * span_x), height * usable / (512 * span_y))))
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    latitude = float(np.degrees(2 * np.arctan(np.exp(centre_y)) - np.pi / 2))
    return pdk.ViewState(latitude=round(latitude, 4), longitude=(west + east) / 2, zoom=round(zoom, 2), pitch=0)


def fitted_height(width: int) -> int:
    """The height of a ``width`` px map that ``fit_view`` fills with Latvia, its margin free on every side: a
    taller map left a band of empty canvas above and below the country (~80 px each at 580 × 470)."""
    west, south, east, north = BOUNDS
    return round(width * (_mercator_y(north) - _mercator_y(south)) / (2 * np.pi) / ((east - west) / 360))


def deck(collection: dict, *, extruded: bool = False, tooltip_html: str, width: int = 760,
         height: int = 470) -> pdk.Deck:
    """The map for a container of about ``width`` × ``height`` px, fitted to show all of Latvia."""
    top = max((f["properties"]["height"] for f in collection["features"]), default=1) or 1
    layer = pdk.Layer(
        "GeoJsonLayer", collection, id=LAYER_ID, pickable=True, stroked=True, filled=True, extruded=extruded,
        get_fill_color="properties.fill", get_line_color="properties.line",
        get_line_width="properties.line_width", line_width_min_pixels=1,
        get_elevation=f"properties.height * {60_000 / top}", auto_highlight=True,
    )
    view = pdk.ViewState(**{**fit_view(width, height).__dict__, "pitch": 45 if extruded else 0})
    return CompactDeck(layers=[layer], initial_view_state=view, map_provider=None,
                    tooltip=tooltip(tooltip_html))


def tooltip(html: str) -> dict:
    """deck.gl's hover tooltip: ``html`` with {field} placeholders from each unit's properties."""
    return {"html": html, "style": {"fontSize": "13px"}}
