"""Regional engagement: per-unit metrics at planning-region or municipality level, gaps and normalisation.

Events count where they were held (pre-2021 names were already resolved to today's units at import);
online events are kept apart, never spread over the map. Everything here works on the frames that
``metrics.load_*`` return and returns small tables ready for charts and maps.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pandas as pd

from . import geography, metrics
from .geography import ONLINE

LEVELS = ("planning_region", "municipality")
METRICS = ("events", "participants", "organisations", "smes", "spend_eur")
NORMALISED = {
    # metric: (numerator, context indicator, per)
    "participants_per_10k": ("participants", "population", 10_000),
    "organisations_per_1k_enterprises": ("organisations", "active_enterprises", 1_000),
}
PUBLIC_MIN_COUNT = 5
"""Counts of organisations below this are shown as "<5" in the public view."""
SUPPRESSED_METRICS = ("organisations", "smes")


def units(level: str) -> pd.DataFrame:
    """The map's units with a ``unit`` key column, their Latvian name and planning region."""
    if level == "municipality":
        table = geography.municipalities()[["atvk", "name_lv", "name_en", "planning_region"]]
        return table.rename(columns={"atvk": "unit"})
    if level == "planning_region":
        return pd.DataFrame(
            [{"unit": r.name_lv, "name_lv": r.name_lv, "name_en": r.name_en, "planning_region": r.name_lv,
              "nuts3": r.nuts3} for r in geography.PLANNING_REGIONS]
        )
    raise ValueError(f"level must be one of {LEVELS}, not {level!r}")


def unit_of(events: pd.DataFrame, level: str) -> pd.Series:
    """Each event's unit at ``level``; online events get ONLINE."""
    key = events["municipality_atvk"] if level == "municipality" else events["planning_region"]
    return key.where(events["planning_region"] != ONLINE, ONLINE)


def unit_metrics(
    events: pd.DataFrame, participations: pd.DataFrame, expenditures: pd.DataFrame, level: str
) -> pd.DataFrame:
    """Every unit of ``level`` (zero-filled) plus an ONLINE row, with all METRICS."""
    located = events.assign(unit=unit_of(events, level).to_numpy(), cost=metrics.event_costs(events, expenditures))
    per_event = located.groupby("unit").agg(
        events=("event_id", "size"), participants=("participants", "sum"), spend_eur=("cost", "sum")
    )
    attended = participations[["event_id", "org_id", "org_kind"]].merge(located[["event_id", "unit"]], on="event_id")
    reached = attended.drop_duplicates(["unit", "org_id"])
    per_org = reached.groupby("unit").agg(
        organisations=("org_id", "size"), smes=("org_kind", lambda kind: int((kind == "sme").sum()))
    )
    table = units(level).set_index("unit")
    online = pd.DataFrame({"name_lv": [ONLINE], "name_en": ["Online"], "planning_region": [ONLINE]}, index=[ONLINE])
    table = pd.concat([table, online]).join(per_event).join(per_org)
    table[list(METRICS)] = table[list(METRICS)].astype(float).fillna(0)
    table = table.astype({m: int for m in METRICS if m != "spend_eur"})
    return table.rename_axis("unit").reset_index()


def with_share_rank_change(current: pd.DataFrame, previous: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Add share of the national total (online included), rank among map units, and change vs previous.

    With no event at all in the previous period there is nothing to compare with: change is left empty.
    """
    table = current.copy()
    total = table[metric].sum()
    table["share"] = table[metric] / total if total else 0.0
    on_map = table["unit"] != ONLINE
    table.loc[on_map, "rank"] = table.loc[on_map, metric].rank(ascending=False, method="min")
    table["previous"] = table["unit"].map(previous.set_index("unit")[metric]).fillna(0)
    table["change"] = table[metric] - table["previous"] if previous["events"].sum() else float("nan")
    return table


def previous_period(filters: metrics.Filters) -> metrics.Filters:
    """The period just before the selected one: the same number of whole years, else the same number of days.

    Clamped at the calendar's first day, so a period starting in year 1 (however it got there) still
    yields a period instead of an error.
    """
    start, end = filters.date_from, filters.date_to
    if not (start and end):
        return filters
    years = end.year - start.year + 1
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year > years:
        return metrics.Filters(start.replace(year=start.year - years), end.replace(year=end.year - years),
                               filters.measures, filters.regions)
    days = end - start
    new_end = start - dt.timedelta(days=1) if start > dt.date.min else dt.date.min
    new_start = new_end - days if new_end - dt.date.min >= days else dt.date.min
    return metrics.Filters(new_start, new_end, filters.measures, filters.regions)


def denominators(context: pd.DataFrame, indicator: str, level: str, year: int) -> tuple[pd.Series, int | None]:
    """Denominator per unit for ``indicator`` from the latest year at or before ``year`` (and that year).

    Regions use their own NUTS 3 rows when present, else the sum of their municipalities.
    """
    rows = context[(context["indicator"] == indicator) & (context["year"] <= year)]
    if rows.empty:
        return pd.Series(dtype=float), None
    used = int(rows["year"].max())
    rows = rows[rows["year"] == used].set_index("area_code")["value"]
    municipal = units("municipality").set_index("unit")
    if level == "municipality":
        return rows.reindex(municipal.index).dropna(), used
    regions = units("planning_region").set_index("nuts3")
    own = rows.reindex(regions.index).set_axis(regions["unit"]).dropna()
    summed = rows.reindex(municipal.index).groupby(municipal["planning_region"]).sum(min_count=1).dropna()
    return own.combine_first(summed), used


def normalise(table: pd.DataFrame, context: pd.DataFrame, metric: str, level: str, year: int):
    """Add ``metric`` (a NORMALISED key) to ``table``; returns (table, denominator year or None)."""
    numerator, indicator, per = NORMALISED[metric]
    values, used = denominators(context, indicator, level, year)
    out = table.copy()
    out[metric] = out[numerator] / out["unit"].map(values) * per
    return out, used


def suppress(value: float, metric: str, public: bool) -> str | None:
    """In the public view, small counts of organisations become "<5"; otherwise None (show the value)."""
    if public and metric in SUPPRESSED_METRICS and 0 < value < PUBLIC_MIN_COUNT:
        return f"<{PUBLIC_MIN_COUNT}"
    return None


@functools.cache
def _centroids_km(level: str) -> pd.DataFrame:
    """Unit centroids in LKS-92 (EPSG:3059, metres) — distances in Latvia without distortion."""
    shapes = geography.boundaries(level).to_crs(3059)
    key = "atvk" if level == "municipality" else "planning_region"
    points = shapes.geometry.centroid
    return pd.DataFrame(
        {"x": points.x.to_numpy() / 1000, "y": points.y.to_numpy() / 1000}, index=shapes[key].to_numpy()
    )


def coverage_gaps(table: pd.DataFrame, level: str) -> pd.DataFrame:
    """Units with no event, with the distance (km, centroid to centroid) to the nearest unit that had one."""
    centres = _centroids_km(level)
    on_map = table[table["unit"] != ONLINE]
    held = centres.loc[on_map.loc[on_map["events"] > 0, "unit"]]
    gaps = on_map[on_map["events"] == 0].copy()
    if held.empty:
        gaps["nearest_km"] = np.nan
        return gaps
    here = centres.loc[gaps["unit"]].to_numpy()[:, None, :]
    distances = np.sqrt(((here - held.to_numpy()[None, :, :]) ** 2).sum(axis=2))
    gaps["nearest_km"] = distances.min(axis=1).round(0)
    gaps["nearest_unit"] = held.index.to_numpy()[distances.argmin(axis=1)]
    return gaps.sort_values("nearest_km", ascending=False)
