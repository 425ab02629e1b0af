"""Aggregation: load the records once, then filter and summarise them as pure DataFrame functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, select

from . import geography, published, vocabularies
from .geography import ONLINE, REGION_NAMES
from .model import (
    BudgetLine,
    ContextIndicator,
    Event,
    Expenditure,
    ImportBatch,
    Municipality,
    Organisation,
    Participation,
    SurveyResponse,
)

REGION_ORDER: tuple[str, ...] = (*REGION_NAMES, ONLINE)


@dataclass(frozen=True)
class Filters:
    """What the shared sidebar selects; empty tuples mean "all"."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    measures: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


def _active(model):
    """Rows of ``model`` whose batch has not been rolled back, with the batch's provenance."""
    return (
        select(model, ImportBatch.provenance)
        .join(ImportBatch, ImportBatch.id == model.batch_id)
        .where(ImportBatch.rolled_back_at.is_(None))
    )


def _read(source: Engine | Connection, query) -> pd.DataFrame:
    """Rows of ``query`` on its own connection, or inside the caller's transaction (``consistent.read_all``)."""
    if isinstance(source, Connection):
        return pd.read_sql(query, source)
    with source.connect() as connection:
        return pd.read_sql(query, connection)


def _fetch(source: Engine | Connection, query) -> pd.DataFrame:
    """Rows of ``query`` through the driver's own cursor, framed as ``pd.read_sql`` frames them.

    For the million-row tables: ``pd.read_sql`` wraps every row in a SQLAlchemy ``Row`` and then builds the
    frame from those, ~4× the CPU of the driver's plain tuples. No SQLAlchemy type conversion happens, so
    only for queries of text and number columns (the callers convert dates and booleans themselves).
    """
    if not isinstance(source, Connection):
        with source.connect() as connection:
            return _fetch(connection, query)
    sql = str(query.compile(dialect=source.dialect, compile_kwargs={"literal_binds": True}))
    cursor = source.connection.driver_connection.cursor()  # the caller's transaction, so its snapshot
    try:
        cursor.execute(sql)
        names = [column[0] for column in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=names, coerce_float=True)
    finally:
        cursor.close()


def load_events(engine: Engine | Connection) -> pd.DataFrame:
    """One row per event with its place, planning region ("online" for online events) and provenance."""
    query = (
        _active(Event)
        .add_columns(Municipality.name_lv.label("municipality"), Municipality.planning_region)
        .outerjoin(Municipality, Municipality.atvk == Event.municipality_atvk)
    )
    events = _read(engine, query)
    events["start_date"] = pd.to_datetime(events["start_date"])
    events["year"] = events["start_date"].dt.year
    events["quarter"] = events["start_date"].dt.to_period("Q").astype(str)
    events["month"] = events["start_date"].dt.to_period("M").astype(str)
    events.loc[events["format"] == ONLINE, "planning_region"] = ONLINE
    for name in ("funding_source", "sector"):
        events[name] = _read_as_codes(events[name], name)
    return events.drop(columns=["id", "batch_id"])


ORGANISATION_COLUMNS = {"org_name": Organisation.name, "org_kind": Organisation.kind, "org_size": Organisation.size,
                        "org_sector": Organisation.sector, "org_municipality_atvk": Organisation.municipality_atvk}
"""The organisation's columns each participation row carries (looked up by org_id; empty without one)."""


def load_participations(engine: Engine | Connection) -> pd.DataFrame:
    """One row per participation with its organisation's name, kind, size, sector and municipality.

    The organisations are read once and looked up by org_id here, not joined per row in SQL: at 1M rows the
    join and the five repeated text columns cost SQLite ~4 s CPU more than the lookup (issue 16)."""
    if not isinstance(engine, Connection):
        with engine.connect() as connection:
            return load_participations(connection)
    rows = _fetch(engine, select(Participation.event_id, Participation.org_id, Participation.people)
                  .join(ImportBatch, ImportBatch.id == Participation.batch_id)
                  .where(ImportBatch.rolled_back_at.is_(None))
                  .order_by(Participation.id))
    organisations = _fetch(engine, select(Organisation.org_id, *(column.label(name) for name, column
                                                                  in ORGANISATION_COLUMNS.items())))
    for name, vocabulary in (("org_kind", "kind"), ("org_sector", "sector"), ("org_size", "size")):
        organisations[name] = _read_as_codes(organisations[name], vocabulary)
    found = pd.Index(organisations["org_id"]).get_indexer(rows["org_id"])
    known = found >= 0
    for name in ORGANISATION_COLUMNS:
        column = organisations[name]
        if column.dtype == object:  # a column with no text at all: None for missing, as read_sql gives
            looked_up = np.full(len(found), None, dtype=object)
            looked_up[known] = column.to_numpy()[found[known]]
        else:
            looked_up = column.array.take(found, allow_fill=True)
        rows[name] = looked_up
    return rows


def _read_as_codes(values: pd.Series, vocabulary: str) -> pd.Series:
    """Stored free text from before ``vocabulary`` existed ("MVU", "SME", "Tourism", "Small") read as its code
    where the vocabulary spells it exactly, so it is shown in the page's language; anything else (codes,
    unclear text, empty) as stored, and so shown exactly as recorded. The database keeps what was imported."""
    codes = {value: code for value in values.dropna().unique()
             if (code := vocabularies.code_for(vocabulary, value)) not in (None, value)}
    return values.replace(codes) if codes else values


def load_context(engine: Engine | Connection) -> pd.DataFrame:
    """Context indicators (area_code = ATVK or NUTS 3 code, year, indicator, value) with provenance; an
    indicator stored as a name before it was a vocabulary ("Iedzīvotāju skaits") is read as its code."""
    context = _read(engine, _active(ContextIndicator)).drop(columns=["id", "batch_id"])
    context["indicator"] = _read_as_codes(context["indicator"], "indicator")
    return context


def load_survey(engine: Engine | Connection) -> pd.DataFrame:
    """Survey answers with the respondent's planning region ("unknown" without a municipality)."""
    query = (
        _active(SurveyResponse)
        .add_columns(Municipality.planning_region)
        .outerjoin(Municipality, Municipality.atvk == SurveyResponse.municipality_atvk)
    )
    responses = _fetch(engine, query).drop(columns=["id", "batch_id"])
    responses["date"] = pd.to_datetime(responses["date"]).astype("datetime64[s]")
    responses["has_digital_strategy"] = _booleans(responses["has_digital_strategy"])
    responses["planning_region"] = responses["planning_region"].fillna("unknown")
    for vocabulary in ("sector", "size"):
        responses[vocabulary] = _read_as_codes(responses[vocabulary], vocabulary)
    return responses


def _booleans(column: pd.Series) -> pd.Series:
    """A boolean column as SQLAlchemy gives it (SQLite's driver returns 0/1): bool, or object with None
    where the value is missing."""
    if column.dtype.kind in "iuf":
        missing = column.isna()
        column = column.astype(bool) if not missing.any() else pd.Series(
            np.where(missing, None, column == 1), index=column.index, dtype=object)
    return column


def load_budget(engine: Engine | Connection) -> pd.DataFrame:
    lines = _read(engine, _active(BudgetLine)).drop(columns=["id", "batch_id"])
    lines["funding_source"] = _read_as_codes(lines["funding_source"], "funding_source")
    return lines


def load_expenditures(engine: Engine | Connection) -> pd.DataFrame:
    frame = _read(engine, _active(Expenditure)).drop(columns=["id", "batch_id"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["funding_source"] = _read_as_codes(frame["funding_source"], "funding_source")
    return frame


def filter_events(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    mask = pd.Series(True, index=events.index)
    if filters.date_from:
        mask &= events["start_date"] >= pd.Timestamp(filters.date_from)
    if filters.date_to:
        mask &= events["start_date"] <= pd.Timestamp(filters.date_to)
    if filters.measures:
        mask &= events["event_type"].isin(filters.measures)
    if filters.regions:
        mask &= events["planning_region"].isin(filters.regions)
    return events[mask]


def event_costs(events: pd.DataFrame, expenditures: pd.DataFrame) -> pd.Series:
    """Each event's cost: its recorded actual cost, else expenditures booked against it, else NaN.

    An expenditure linked to an event that has its own actual cost is the same money recorded twice,
    so it never adds to that event.
    """
    linked = expenditures.dropna(subset=["event_id"]).groupby("event_id")["amount_eur"].sum()
    return events["actual_cost_eur"].fillna(events["event_id"].map(linked))


def spend(events: pd.DataFrame, expenditures: pd.DataFrame, filters: Filters) -> float:
    """Event costs plus unlinked expenditures in the period (unlinked ones only without a measure/region filter)."""
    total = float(event_costs(events, expenditures).sum())
    unlinked = expenditures[expenditures["event_id"].isna()]
    if filters.regions:
        unlinked = unlinked.iloc[0:0]  # overheads belong to no region
    elif filters.measures:
        unlinked = unlinked[unlinked["measure"].isin(filters.measures)]
    if filters.date_from:
        unlinked = unlinked[unlinked["date"] >= pd.Timestamp(filters.date_from)]
    if filters.date_to:
        unlinked = unlinked[unlinked["date"] <= pd.Timestamp(filters.date_to)]
    return total + float(unlinked["amount_eur"].sum())


def budget_in(budget: pd.DataFrame, filters: Filters) -> float:
    """Planned budget of the years the period touches (per measure when measures are filtered)."""
    lines = budget
    if filters.date_from:
        lines = lines[lines["year"] >= filters.date_from.year]
    if filters.date_to:
        lines = lines[lines["year"] <= filters.date_to.year]
    if filters.measures:
        lines = lines[lines["measure"].isin(filters.measures)]
    return float(lines["planned_eur"].sum())


def kpis(
    events: pd.DataFrame,
    participations: pd.DataFrame,
    budget: pd.DataFrame,
    expenditures: pd.DataFrame,
    filters: Filters,
) -> dict:
    """The Overview's headline figures for the filtered events.

    Municipalities reached: distinct current municipalities that hosted an onsite/hybrid event or
    are home to an organisation that took part in one of the events.
    """
    selected = filter_events(events, filters)
    attended = participations.loc[participations["event_id"].isin(selected["event_id"]),
                                  ["org_id", "org_kind", "org_municipality_atvk"]]
    orgs = attended.drop_duplicates("org_id")
    costs = event_costs(selected, expenditures)
    costed = costs.notna()
    costed_participants = int(selected.loc[costed, "participants"].sum())
    places = set(selected["municipality_atvk"].dropna()) | set(orgs["org_municipality_atvk"].dropna())
    return {
        "events": len(selected),
        "participants": int(selected["participants"].sum()),
        "organisations_reached": int(orgs["org_id"].nunique()),
        "smes_reached": int((orgs["org_kind"] == "sme").sum()),
        "municipalities_reached": len(places),
        "municipalities_total": len(geography.municipalities()),
        "spend_eur": spend(selected, expenditures, filters),
        "budget_eur": budget_in(budget, filters),
        "cost_per_participant": float(costs[costed].sum()) / costed_participants if costed_participants else None,
        "costed_events": int(costed.sum()),
        "uncosted_events": int((~costed).sum()),
        "coop_initiated": int(selected["cooperation_projects_initiated"].sum()),
        "coop_implemented": int(selected["cooperation_projects_implemented"].sum()),
        "provenances": sorted(set(selected["provenance"])),
    }


def by_type_year(events: pd.DataFrame) -> pd.DataFrame:
    grouped = events.groupby(["event_type", "year"], as_index=False).agg(
        events=("event_id", "size"), participants=("participants", "sum")
    )
    return grouped.sort_values(["year", "event_type"], ignore_index=True)


def by_planning_region(events: pd.DataFrame) -> pd.DataFrame:
    """Events and participants per planning region, all five plus "online", zero-filled, never dropped."""
    grouped = events.groupby("planning_region").agg(events=("event_id", "size"), participants=("participants", "sum"))
    grouped = grouped.reindex(REGION_ORDER, fill_value=0).rename_axis("planning_region").reset_index()
    return grouped.astype({"events": int, "participants": int})


def trend(events: pd.DataFrame, grain: str = "year") -> pd.DataFrame:
    if grain not in ("year", "quarter", "month"):
        raise ValueError(f"grain must be year, quarter or month, not {grain!r}")
    grouped = events.groupby([grain, "event_type"], as_index=False).agg(
        events=("event_id", "size"), participants=("participants", "sum")
    )
    return grouped.rename(columns={grain: "period"}).astype({"period": str})


def compare_published(events: pd.DataFrame) -> pd.DataFrame:
    """Each published 2018–2019 result beside what the database holds for the same measure and period."""
    rows = []
    for result in published.ACTIVITY_RESULTS:
        held = events[(events["event_type"] == result.measure)
                      & events["year"].between(result.year_from, result.year_to)]
        rows.append({
            "measure": result.measure,
            "period": result.period,
            "published_events": result.events,
            "recorded_events": len(held),
            "published_participants": result.participants,
            "recorded_participants": int(held["participants"].sum()),
            "source": result.source,
        })
    frame = pd.DataFrame(rows)
    frame["events_difference"] = frame["recorded_events"] - frame["published_events"]
    frame["participants_difference"] = frame["recorded_participants"] - frame["published_participants"]
    return frame


def summary(engine: Engine) -> dict:
    """The JSON of ``python -m dih_data summary --json``."""
    events = load_events(engine)
    return {
        "events": len(events),
        "participants": int(events["participants"].sum()),
        "by_type_year": [
            {k: (int(v) if k != "event_type" else v) for k, v in row.items()}
            for row in by_type_year(events)[["event_type", "year", "events", "participants"]].to_dict("records")
        ],
        "by_planning_region": by_planning_region(events).to_dict("records"),
        "provenance": {k: int(v) for k, v in events["provenance"].value_counts().sort_index().items()},
    }
