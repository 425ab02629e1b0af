"""Budget arithmetic on hand-made tables: one ledger, variances, burn-up projection, unit costs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dih_data import budget, metrics, published

EVENTS = pd.DataFrame({
    "event_id": ["A", "B", "C", "D"],
    "event_type": ["workshop", "workshop", "hackathon", "expert_visit"],
    "start_date": pd.to_datetime(["2024-02-01", "2024-03-01", "2024-05-01", "2024-06-01"]),
    "actual_cost_eur": [1_500.0, None, 9_000.0, None],
    "funding_source": ["ERDF", "ERDF", "sponsor", "ERDF"],
    "participants": [20, 10, 60, 5],
    "cooperation_projects_initiated": [0, 0, 5, 0],
    "cooperation_projects_implemented": [0, 0, 1, 0],
})
EXPENDITURES = pd.DataFrame({
    "date": pd.to_datetime(["2024-02-02", "2024-03-02", "2024-04-01"]),
    "programme": ["DIH 2024", "DIH 2024", "DIH 2024"],
    "funding_source": ["ERDF", "ERDF", "national"],
    "measure": ["workshop", "workshop", None],
    "amount_eur": [1_450.0, 1_200.0, 3_000.0],
    # A's invoice repeats A's own actual cost; B has no cost of its own, so its invoice is its cost.
    "event_id": ["A", "B", None],
})
BUDGET = pd.DataFrame({
    "programme": ["DIH 2024", "DIH 2024", "DIH 2024"],
    "funding_source": ["ERDF", "sponsor", "national"],
    "measure": ["workshop", "hackathon", None],
    "year": [2024, 2024, 2024],
    "planned_eur": [4_000.0, 10_000.0, 2_000.0],
})
PARTICIPATIONS = pd.DataFrame({
    "event_id": ["A", "A", "B", "C", "C", "C"],
    "org_id": ["o1", "o2", "o1", "o1", "o3", "o4"],
    "people": [1] * 6,
    "org_kind": ["sme", "large", "sme", "sme", "sme", "it"],
})


def test_the_ledger_counts_each_euro_once():
    ledger = budget.ledger(EVENTS, EXPENDITURES, BUDGET)
    # A's own 1,500 (its 1,450 invoice dropped), B's invoice 1,200, C's 9,000, the overhead 3,000; D unknown.
    assert sorted(ledger["amount_eur"]) == [1_200.0, 1_500.0, 3_000.0, 9_000.0]
    assert ledger["amount_eur"].sum() == metrics.spend(EVENTS, EXPENDITURES, metrics.Filters())
    assert ledger.set_index("event_id").loc["A", "programme"] == "DIH 2024"  # the one matching budget line
    assert set(ledger["origin"]) == {"event", "event_expenditure", "overhead"}


def test_planned_vs_actual_variance_and_flags():
    ledger = budget.ledger(EVENTS, EXPENDITURES, BUDGET)
    table = budget.planned_vs_actual(BUDGET, ledger, ["funding_source"], threshold=0.10).set_index("funding_source")
    assert table.loc["ERDF", "actual_eur"] == 2_700 and table.loc["ERDF", "variance_eur"] == -1_300
    assert table.loc["ERDF", "variance_pct"] == pytest.approx(-0.325) and table.loc["ERDF", "flagged"]
    assert table.loc["sponsor", "variance_pct"] == pytest.approx(-0.10) and not table.loc["sponsor", "flagged"]
    assert table.loc["national", "variance_pct"] == pytest.approx(0.5)


def test_spending_without_a_plan_is_flagged_without_a_percentage():
    spent = pd.DataFrame({"funding_source": ["Nordic Council"], "amount_eur": [500.0]})
    table = budget.planned_vs_actual(BUDGET, spent, ["funding_source"], threshold=0.5).set_index("funding_source")
    assert np.isnan(table.loc["Nordic Council", "variance_pct"]) and table.loc["Nordic Council", "flagged"]


def test_burn_up_projection_by_hand():
    # A 100-day programme with €10,000 planned; €2,000 spent in its first 25 days.
    start, end = dt.date(2024, 1, 1), dt.date(2024, 4, 9)
    spent = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-01-20"]), "amount_eur": [500.0, 1_500.0]})
    result = budget.burn_up(10_000, spent, start, end, today=dt.date(2024, 1, 25))
    assert result["spent_eur"] == 2_000 and result["spent_pct"] == 0.2
    assert result["time_pct"] == 0.25
    # 2,000 / 25 days × 100 days = 8,000.
    assert result["projected_eur"] == pytest.approx(8_000) and result["projected_pct"] == pytest.approx(0.8)
    assert result["curve"]["spent_eur"].iloc[-1] == 2_000 and result["curve"]["time_pct"].iloc[-1] == 0.25


def test_burn_up_before_the_start_projects_nothing():
    result = budget.burn_up(1_000, pd.DataFrame({"date": pd.to_datetime([]), "amount_eur": []}),
                            dt.date(2030, 1, 1), dt.date(2030, 12, 31), today=dt.date(2026, 1, 1))
    assert result["projected_eur"] is None and result["spent_eur"] == 0


def test_cost_per_participant_leaves_out_unknown_costs_and_counts_them():
    table = budget.cost_effectiveness(EVENTS, EXPENDITURES, PARTICIPATIONS).set_index("measure")
    # Workshops A (1,500) and B (1,200 from its invoice) are costed: 2,700 over 30 participants.
    assert table.loc["workshop", "per_participant"] == pytest.approx(90)
    assert table.loc["workshop", "per_organisation"] == pytest.approx(1_350)  # o1 and o2
    assert table.loc["workshop", "per_sme"] == pytest.approx(2_700)  # o1 only
    # The expert visit's cost is unknown: no average, and it is counted as left out.
    assert table.loc["expert_visit", "uncosted_events"] == 1 and table.loc["expert_visit", "costed_events"] == 0
    assert np.isnan(table.loc["expert_visit", "per_participant"])
    assert table.loc["hackathon", "per_coop_initiated"] == pytest.approx(1_800)
    assert table.loc["hackathon", "per_coop_implemented"] == pytest.approx(9_000)
    assert table.loc["hackathon", "published_unit_cost"] == published.UNIT_COSTS["hackathon"].approx_eur


def test_funding_split_shares_sum_to_one():
    split = budget.funding_split(budget.ledger(EVENTS, EXPENDITURES, BUDGET))
    assert split["share"].sum() == pytest.approx(1) and split.iloc[0]["funding_source"] == "sponsor"


def test_programme_period_spans_its_budget_years():
    lines = pd.concat([BUDGET, BUDGET.assign(year=2026)])
    assert budget.programme_period(lines, "DIH 2024") == (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
