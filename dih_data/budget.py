"""Spending against budget: one ledger of actual costs, planned vs actual, burn-up, cost-effectiveness.

Actual money comes from two places — an event's ``actual_cost_eur`` and expenditure records — and is
counted once: an expenditure linked to an event that has its own actual cost is the same money.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import metrics, published, vocabularies

LEDGER_COLUMNS = ["date", "year", "programme", "funding_source", "measure", "amount_eur", "origin", "event_id"]


def ledger(events: pd.DataFrame, expenditures: pd.DataFrame, budget: pd.DataFrame) -> pd.DataFrame:
    """Every euro actually spent, once: events' own costs, expenditures linked to events without one,
    and expenditures linked to no event (overheads).

    An event cost carries no programme of its own; it takes the programme of the one budget line with
    its funding source, measure and year, and stays empty when none or several match.
    """
    own = events[events["actual_cost_eur"].notna()]
    from_events = pd.DataFrame({
        "date": own["start_date"], "funding_source": own["funding_source"], "measure": own["event_type"],
        "amount_eur": own["actual_cost_eur"], "origin": "event", "event_id": own["event_id"],
    })
    from_events["year"] = from_events["date"].dt.year
    lines = budget.drop_duplicates(["programme", "funding_source", "measure", "year"])
    unique = lines.groupby(["funding_source", "measure", "year"]).filter(lambda g: len(g) == 1)
    from_events = from_events.merge(unique[["funding_source", "measure", "year", "programme"]],
                                    on=["funding_source", "measure", "year"], how="left")
    counted = expenditures[~expenditures["event_id"].isin(own["event_id"])]
    from_expenditures = counted.assign(
        year=counted["date"].dt.year,
        origin=counted["event_id"].map(lambda e: "overhead" if pd.isna(e) else "event_expenditure"),
    )
    table = pd.concat([from_events[LEDGER_COLUMNS], from_expenditures[LEDGER_COLUMNS]], ignore_index=True)
    return table.astype({"amount_eur": float})


def in_period(table: pd.DataFrame, filters: metrics.Filters) -> pd.DataFrame:
    """Ledger rows (or budget lines, by year) within the filters' years and measures."""
    column = "year"
    mask = pd.Series(True, index=table.index)
    if filters.date_from:
        mask &= table[column] >= filters.date_from.year
    if filters.date_to:
        mask &= table[column] <= filters.date_to.year
    if filters.measures:
        mask &= table["measure"].isin(filters.measures)
    return table[mask]


def planned_vs_actual(budget: pd.DataFrame, spent: pd.DataFrame, by: list[str], threshold: float) -> pd.DataFrame:
    """Planned and actual per group, variance in € and as a share of plan, flagged past ``threshold``.

    Spending with no plan has no percentage (nothing to divide by) and is always flagged.
    """
    keys = [spent[c].fillna("—") for c in by]
    actual = spent.groupby(keys)["amount_eur"].sum().rename("actual_eur")
    planned = budget.groupby([budget[c].fillna("—") for c in by])["planned_eur"].sum().rename("planned_eur")
    table = pd.concat([planned, actual], axis=1).fillna(0.0).reset_index()
    table.columns = [*by, "planned_eur", "actual_eur"]
    table["variance_eur"] = table["actual_eur"] - table["planned_eur"]
    table["variance_pct"] = table["variance_eur"] / table["planned_eur"].where(table["planned_eur"] > 0)
    table["flagged"] = table["variance_pct"].abs().gt(threshold) | table["variance_pct"].isna()
    return table.sort_values("planned_eur", ascending=False, ignore_index=True)


def programme_period(budget: pd.DataFrame, programme: str) -> tuple[dt.date, dt.date]:
    """A recorded programme runs from 1 January of its first budget year to 31 December of its last."""
    years = budget.loc[budget["programme"] == programme, "year"]
    return dt.date(int(years.min()), 1, 1), dt.date(int(years.max()), 12, 31)


def burn_up(planned_total: float, spent: pd.DataFrame, start: dt.date, end: dt.date, today: dt.date) -> dict:
    """Cumulative % of budget spent per month against % of time elapsed, and a straight-line projection.

    The projection assumes spending continues at the average rate so far (spent ÷ days elapsed) until
    the end date; before the start or with nothing spent there is no projection.
    """
    total_days = (end - start).days + 1
    as_of = min(max(today, start), end)
    elapsed = (as_of - start).days + 1
    dated = spent[(spent["date"] >= pd.Timestamp(start)) & (spent["date"] <= pd.Timestamp(as_of))]
    monthly = dated.groupby(dated["date"].dt.to_period("M"))["amount_eur"].sum()
    months = pd.period_range(pd.Timestamp(start), pd.Timestamp(as_of), freq="M")
    cumulative = monthly.reindex(months, fill_value=0.0).cumsum()
    month_ends = [min(m.end_time.date(), as_of) for m in months]
    curve = pd.DataFrame({
        "date": pd.to_datetime(month_ends),
        "spent_eur": cumulative.to_numpy(),
        "spent_pct": cumulative.to_numpy() / planned_total if planned_total else float("nan"),
        "time_pct": [((d - start).days + 1) / total_days for d in month_ends],
    })
    spent_to_date = float(cumulative.iloc[-1]) if len(cumulative) else 0.0
    projected = spent_to_date / elapsed * total_days if spent_to_date and today >= start else None
    return {
        "curve": curve,
        "spent_eur": spent_to_date,
        "planned_eur": planned_total,
        "spent_pct": spent_to_date / planned_total if planned_total else None,
        "time_pct": elapsed / total_days,
        "projected_eur": projected,
        "projected_pct": projected / planned_total if projected is not None and planned_total else None,
    }


def cost_effectiveness(events: pd.DataFrame, expenditures: pd.DataFrame, participations: pd.DataFrame) -> pd.DataFrame:
    """Per measure: € per event, participant, organisation, SME and cooperation project — over events
    whose cost is known only, with the number of events left out — beside the published unit cost."""
    costs = metrics.event_costs(events, expenditures)
    known = events.assign(cost=costs)[costs.notna()]
    attended = participations.loc[participations["event_id"].isin(known["event_id"]),
                                  ["event_id", "org_id", "org_kind"]].merge(known[["event_id", "event_type"]],
                                                                            on="event_id")
    orgs = attended.drop_duplicates(["event_type", "org_id"])
    per_measure = known.groupby("event_type").agg(
        costed_events=("event_id", "size"), cost_eur=("cost", "sum"), participants=("participants", "sum"),
        coop_initiated=("cooperation_projects_initiated", "sum"),
        coop_implemented=("cooperation_projects_implemented", "sum"),
    )
    per_measure["organisations"] = orgs.groupby("event_type").size()
    per_measure["smes"] = orgs[orgs["org_kind"] == "sme"].groupby("event_type").size()
    table = per_measure.reindex(sorted(set(events["event_type"]))).fillna(0)
    table["uncosted_events"] = events[costs.isna()].groupby("event_type").size().reindex(table.index).fillna(0)
    for name, denominator in (("per_event", "costed_events"), ("per_participant", "participants"),
                              ("per_organisation", "organisations"), ("per_sme", "smes"),
                              ("per_coop_initiated", "coop_initiated"), ("per_coop_implemented", "coop_implemented")):
        table[name] = table["cost_eur"] / table[denominator].where(table[denominator] > 0)
    table["published_unit_cost"] = [getattr(published.UNIT_COSTS.get(m), "approx_eur", None) for m in table.index]
    return table.rename_axis("measure").reset_index().astype({"costed_events": int, "uncosted_events": int})


def funder_names(*frames: pd.DataFrame) -> dict[str, str]:
    """Funding source category → the funder names recorded beside it (as written, distinct, in order of first
    appearance), from the budget lines and expenditures; categories without a recorded name are left out."""
    parts = [frame[["funding_source", "funder_name"]] for frame in frames if "funder_name" in frame]
    if not parts:
        return {}
    rows = pd.concat(parts).dropna(subset=["funder_name"])
    rows = rows[rows["funder_name"].str.strip() != ""]
    return {source: ", ".join(dict.fromkeys(names)) for source, names in
            rows.groupby(rows["funding_source"].fillna("—"), sort=False)["funder_name"]}


def funding_label(code: str, funders: dict[str, str], lang: str) -> str:
    """The category in ``lang`` with the funder names recorded beside it (:func:`funder_names`) as they were
    written — "Valsts budžets — Ekonomikas ministrija": the Budget page and the stage slide (and its PPTX/PDF)
    say a funding source alike."""
    label = vocabularies.label("funding_source", code, lang)
    return f"{label} — {funders[code]}" if code in funders else label


def funding_split(spent: pd.DataFrame) -> pd.DataFrame:
    """Spend per funding source and its share (unknown source → "—")."""
    table = spent.groupby(spent["funding_source"].fillna("—"))["amount_eur"].sum().rename("amount_eur").reset_index()
    table["share"] = table["amount_eur"] / table["amount_eur"].sum() if table["amount_eur"].sum() else 0.0
    return table.sort_values("amount_eur", ascending=False, ignore_index=True)
