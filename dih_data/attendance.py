"""Attendance over time: per measure and period, year-on-year change, no-shows, returning organisations.

Every function takes already-filtered frames (see ``metrics.filter_events``) and returns a small
aggregated table, so charts never see raw rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .geography import ONLINE, REGION_NAMES

GRAINS = ("year", "quarter", "month")
_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}


def periods(dates: pd.Series, grain: str) -> pd.Series:
    """Each date's period as a pandas Period of the grain (sortable, and its start is a date)."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, not {grain!r}")
    return dates.dt.to_period(_FREQ[grain])


def by_period(events: pd.DataFrame, grain: str) -> pd.DataFrame:
    """Events and participants per (period, measure), with every period of the span present.

    A period without events is a real zero, so it is kept: moving averages and YoY need it.
    """
    table = (
        events.assign(period=periods(events["start_date"], grain))
        .groupby(["period", "event_type"], observed=True)
        .agg(events=("event_id", "size"), participants=("participants", "sum"))
        .reset_index()
        .rename(columns={"event_type": "measure"})
    )
    if table.empty:
        return table
    span = pd.period_range(table["period"].min(), table["period"].max(), freq=_FREQ[grain])
    full = pd.MultiIndex.from_product([span, sorted(table["measure"].unique())], names=["period", "measure"])
    table = table.set_index(["period", "measure"]).reindex(full, fill_value=0).reset_index()
    table["per_event"] = table["participants"] / table["events"].where(table["events"] > 0)
    return table


def totals(table: pd.DataFrame) -> pd.DataFrame:
    """All measures together per period (from ``by_period``)."""
    out = table.groupby("period", as_index=False)[["events", "participants"]].sum()
    out["per_event"] = out["participants"] / out["events"].where(out["events"] > 0)
    return out


def year_on_year(table: pd.DataFrame, value: str = "participants") -> pd.DataFrame:
    """Per measure and year: the value, the year before, and the change in units and as a share.

    The share is empty when the year before had nothing to compare with (no division by zero).
    """
    with_year = table.assign(year=table["period"].map(lambda p: p.year))
    yearly = with_year.groupby(["measure", "year"], as_index=False)[value].sum()
    yearly = yearly.sort_values(["measure", "year"])
    yearly["previous"] = yearly.groupby("measure")[value].shift(1)
    yearly["change"] = yearly[value] - yearly["previous"]
    yearly["change_pct"] = yearly["change"] / yearly["previous"].where(yearly["previous"] > 0)
    return yearly.reset_index(drop=True)


def moving_average(series: pd.Series, window: int = 3) -> pd.Series:
    """Trailing mean over ``window`` periods (months without events count as zero)."""
    return series.rolling(window, min_periods=window).mean()


def no_shows(events: pd.DataFrame) -> pd.DataFrame:
    """Registered → attended per measure, over events where registrations were recorded.

    Events without a registration count are left out and counted, never treated as zero registrations.
    """
    known = events["registered"].notna() & (events["registered"] > 0)
    rows = events[known].groupby("event_type").agg(
        events=("event_id", "size"), registered=("registered", "sum"), attended=("participants", "sum"))
    unknown = events[~known].groupby("event_type").size().rename("events_without_registrations")
    table = rows.join(unknown, how="outer").fillna(0).rename_axis("measure").reset_index()
    table["no_show_rate"] = 1 - table["attended"] / table["registered"].where(table["registered"] > 0)
    return table.astype({"events": int, "events_without_registrations": int})


def event_rows(records: pd.DataFrame, events: pd.DataFrame) -> np.ndarray:
    """Each record's row number in ``events`` by event_id (event ids are unique), -1 for an event not among
    them: one Arrow hash lookup per record (~15 ms at 1M participations) instead of a merge on the id strings
    (~1 s CPU, issue 16)."""
    ids, known = (pa.array(frame["event_id"], type=pa.large_string()) for frame in (records, events))
    return pc.index_in(ids, value_set=known).fill_null(-1).to_numpy(zero_copy_only=False)


def first_and_returning(participations: pd.DataFrame, all_events: pd.DataFrame, events: pd.DataFrame,
                        grain: str) -> pd.DataFrame:
    """Organisations per period in ``events``: first time ever (over all recorded events) or returning."""
    row = event_rows(participations, all_events)
    held = row >= 0
    row = row[held]
    selected = np.zeros(len(all_events), dtype=bool)
    selected[event_rows(events, all_events)] = True
    dated = pd.DataFrame({
        "org": pd.factorize(participations["org_id"][held])[0],  # integer keys group far faster
        "start_date": all_events["start_date"].to_numpy()[row],
        "selected": selected[row],
    })
    dated["first_seen"] = dated.groupby("org")["start_date"].transform("min")
    attended = dated[dated["selected"]].copy()
    attended["period"] = periods(attended["start_date"], grain)
    attended["first_time"] = attended["start_date"] == attended["first_seen"]
    per_org = attended.groupby(["period", "org"], as_index=False)["first_time"].any()
    counts = per_org.groupby(["period", "first_time"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[True, False], fill_value=0)
    counts.columns = ["first_time", "returning"]
    return counts.reset_index()


def journeys(participations: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """How organisations move between measures: each step from one event to the organisation's next.

    Returns (transitions: from_measure, to_measure, organisations, median_days; summary dict with
    organisations, returned (took part in ≥ 2 events), median days to the second event).
    """
    # Plain arrays, not frames: each organisation's distinct events in order of (date, event id), as sorting by
    # the id strings orders them, then each step to the next row of the same organisation (issue 16: the
    # grouped shift, sort and string grouping of 1M rows took ~3 s CPU).
    row = event_rows(participations, events)
    held = row >= 0
    org, row = pd.factorize(participations["org_id"][held])[0], row[held]
    start = events["start_date"].to_numpy()
    event_rank = pd.factorize(events["event_id"], sort=True)[0]
    order = np.lexsort((event_rank[row], start[row], org))
    org, row = org[order], row[order]
    distinct = np.ones(len(org), dtype=bool)
    distinct[1:] = (org[1:] != org[:-1]) | (row[1:] != row[:-1])
    org, row = org[distinct], row[distinct]
    measure, measures = pd.factorize(events["event_type"], sort=True)  # codes in the names' sort order
    days = (start[row] - start[row].min()) / np.timedelta64(1, "D") if len(row) else np.zeros(0)
    step = np.flatnonzero(org[1:] == org[:-1])
    steps = pd.DataFrame({"from": measure[row[step]], "to": measure[row[step + 1]], "org": org[step],
                          "days": days[step + 1] - days[step]})
    transitions = (
        steps.groupby(["from", "to"])
        .agg(organisations=("org", "nunique"), steps=("org", "size"), median_days=("days", "median"))
        .reset_index()
    )
    transitions.insert(0, "from_measure", measures.take(transitions.pop("from")))
    transitions.insert(1, "to_measure", measures.take(transitions.pop("to")))
    first = np.flatnonzero(np.r_[True, org[1:] != org[:-1]]) if len(org) else np.zeros(0, dtype=int)
    counts = np.diff(np.r_[first, len(org)])
    returning = first[counts >= 2]
    gaps = days[returning + 1] - days[returning]
    summary = {
        "organisations": int(len(first)),
        "returned": int((counts >= 2).sum()),
        "median_days_to_return": float(np.median(gaps)) if len(gaps) else None,
    }
    return transitions, summary


def mix(participations: pd.DataFrame, events: pd.DataFrame, by: str, grain: str) -> pd.DataFrame:
    """People attending per period by organisation ``by`` (org_sector or org_size); unknown → "unknown"."""
    row = event_rows(participations, events)
    held = row >= 0
    attended = participations.loc[held, [by, "people"]].assign(start_date=events["start_date"].to_numpy()[row[held]])
    attended = attended.assign(period=periods(attended["start_date"], grain), group=attended[by].fillna("unknown"))
    return attended.groupby(["period", "group"], as_index=False)["people"].sum()


def by_region(events: pd.DataFrame, grain: str) -> pd.DataFrame:
    """Participants per period and planning region (online included as its own series)."""
    table = (
        events.assign(period=periods(events["start_date"], grain))
        .groupby(["period", "planning_region"], as_index=False)["participants"].sum()
    )
    order = {name: i for i, name in enumerate((*REGION_NAMES, ONLINE))}
    return table.sort_values(["period", "planning_region"], key=lambda s: s.map(order) if s.name != "period" else s)


def notable(events: pd.DataFrame, all_events: pd.DataFrame) -> pd.DataFrame:
    """Events worth a label on the trend: the largest one, and each planning region's first ever event
    (first over all recorded events, shown only when it falls within ``events``)."""
    if events.empty:
        return pd.DataFrame(columns=["event_id", "start_date", "event_type", "title", "participants", "kind",
                                     "planning_region"])
    largest = events.loc[[events["participants"].idxmax()]].assign(kind="largest")
    placed = all_events[all_events["planning_region"].isin(REGION_NAMES)].sort_values(["start_date", "event_id"])
    firsts = placed.drop_duplicates("planning_region")
    firsts = firsts[firsts["event_id"].isin(events["event_id"])].assign(kind="first_in_region")
    columns = ["event_id", "start_date", "event_type", "title", "participants", "kind", "planning_region"]
    return pd.concat([largest[columns], firsts[columns]], ignore_index=True)
