"""Aggregations on small hand-made tables, where every expected figure can be checked by eye."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dih_data import metrics
from dih_data.geography import ONLINE, REGION_NAMES


def _events() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "event_id": ["A", "B", "C", "D"],
            "event_type": ["hackathon", "workshop", "workshop", "meetup"],
            "start_date": pd.to_datetime(["2019-03-01", "2019-11-15", "2020-02-01", "2020-06-30"]),
            "municipality_atvk": ["0001000", "0054000", None, "0002000"],
            "planning_region": ["Rīga", "Vidzeme", ONLINE, "Latgale"],
            "format": ["onsite", "onsite", "online", "onsite"],
            "participants": [100, 20, 30, 40],
            "actual_cost_eur": [10_000.0, None, 1_500.0, None],
            "cooperation_projects_initiated": [5, None, None, None],
            "cooperation_projects_implemented": [1, None, None, None],
            "provenance": ["recorded"] * 4,
        }
    )
    frame["year"] = frame["start_date"].dt.year
    frame["quarter"] = frame["start_date"].dt.to_period("Q").astype(str)
    frame["month"] = frame["start_date"].dt.to_period("M").astype(str)
    return frame


PARTICIPATIONS = pd.DataFrame(
    {
        "event_id": ["A", "A", "B", "C"],
        "org_id": ["o1", "o2", "o1", "o3"],
        "people": [3, 2, 1, 4],
        "org_kind": ["sme", "it", "sme", "sme"],
        "org_municipality_atvk": ["0001000", "0001000", "0001000", "0040000"],
    }
)
BUDGET = pd.DataFrame({"measure": ["hackathon", "workshop", None], "year": [2019, 2020, 2020],
                       "planned_eur": [12_000.0, 3_000.0, 5_000.0]})
# B has no actual cost: its linked invoice counts; A has one: its linked invoice would be double counting.
EXPENDITURES = pd.DataFrame(
    {
        "date": pd.to_datetime(["2019-11-20", "2019-03-05", "2020-01-31"]),
        "measure": ["workshop", "hackathon", None],
        "amount_eur": [1_200.0, 9_000.0, 4_000.0],
        "event_id": ["B", "A", None],
    }
)


def _kpis(filters=None):
    filters = filters or metrics.Filters()
    return metrics.kpis(_events(), PARTICIPATIONS, BUDGET, EXPENDITURES, filters)


def test_kpis_count_everything_once():
    figures = _kpis()
    assert (figures["events"], figures["participants"]) == (4, 190)
    assert (figures["organisations_reached"], figures["smes_reached"]) == (3, 2)
    # hosts 0001000, 0054000, 0002000 + organisation home 0040000
    assert figures["municipalities_reached"] == 4
    assert figures["spend_eur"] == 10_000 + 1_200 + 1_500 + 4_000
    assert (figures["coop_initiated"], figures["coop_implemented"]) == (5, 1)


def test_unknown_cost_is_left_out_of_cost_per_participant_and_counted():
    figures = _kpis()
    assert (figures["costed_events"], figures["uncosted_events"]) == (3, 1)
    assert figures["cost_per_participant"] == pytest.approx((10_000 + 1_200 + 1_500) / (100 + 20 + 30))


def test_no_cost_known_means_none_not_zero():
    figures = _kpis(metrics.Filters(measures=("meetup",)))
    assert figures["cost_per_participant"] is None and figures["uncosted_events"] == 1


@pytest.mark.parametrize(
    ("filters", "event_ids"),
    [
        (metrics.Filters(), {"A", "B", "C", "D"}),
        (metrics.Filters(date_from=dt.date(2020, 1, 1)), {"C", "D"}),
        (metrics.Filters(date_to=dt.date(2019, 12, 31)), {"A", "B"}),
        (metrics.Filters(measures=("workshop",)), {"B", "C"}),
        (metrics.Filters(regions=(ONLINE,)), {"C"}),
        (metrics.Filters(regions=("Rīga", "Latgale"), measures=("meetup",)), {"D"}),
    ],
)
def test_filters(filters, event_ids):
    assert set(metrics.filter_events(_events(), filters)["event_id"]) == event_ids


def test_region_filter_leaves_out_overheads_and_measure_filter_keeps_its_own():
    assert _kpis(metrics.Filters(regions=("Rīga",)))["spend_eur"] == 10_000
    assert _kpis(metrics.Filters(measures=("workshop",)))["spend_eur"] == 1_200 + 1_500


def test_budget_follows_period_and_measure():
    assert _kpis()["budget_eur"] == 20_000
    assert _kpis(metrics.Filters(date_from=dt.date(2020, 1, 1), measures=("workshop",)))["budget_eur"] == 3_000


def test_by_planning_region_keeps_online_and_all_regions():
    table = metrics.by_planning_region(_events())
    assert list(table["planning_region"]) == [*REGION_NAMES, ONLINE]
    assert table.set_index("planning_region").loc[ONLINE, "participants"] == 30
    assert table["participants"].sum() == 190
    assert table.set_index("planning_region").loc["Kurzeme", "events"] == 0


@pytest.mark.parametrize("grain", ["year", "quarter", "month"])
def test_trend_sums_to_the_same_totals_at_every_grain(grain):
    table = metrics.trend(_events(), grain)
    assert (table["events"].sum(), table["participants"].sum()) == (4, 190)


def test_trend_rejects_unknown_grain():
    with pytest.raises(ValueError, match="grain"):
        metrics.trend(_events(), "week")


def test_compare_published_states_differences():
    table = metrics.compare_published(_events()).set_index(["measure", "period"])
    hackathons_2019 = table.loc[("hackathon", "2019")]
    assert hackathons_2019["recorded_participants"] == 100
    assert hackathons_2019["participants_difference"] == 100 - 91
