"""The demo agrees with every published total, is deterministic, and is removable."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dih_data import demo, geography, metrics, published

pytestmark = pytest.mark.both_databases

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def frames():
    return demo.generate(until=TODAY)


def _events_of(events: pd.DataFrame, result: published.ActivityResult) -> pd.DataFrame:
    years = events["start_date"].map(lambda d: d.year)
    return events[(events["event_type"] == result.measure) & years.between(result.year_from, result.year_to)]


@pytest.mark.parametrize("result", published.ACTIVITY_RESULTS, ids=lambda r: f"{r.measure}-{r.year_from}")
def test_demo_agrees_with_published_result(frames, result):
    held = _events_of(frames["events"], result)
    assert len(held) == (result.events or 1)
    if result.participants is not None:
        assert held["participants"].sum() == result.participants


def test_2019_workshop_participants_come_from_18_municipalities(frames):
    result = next(r for r in published.ACTIVITY_RESULTS if r.measure == "workshop")
    workshops = _events_of(frames["events"], result)
    attended = frames["participations"][frames["participations"]["event_id"].isin(workshops["event_id"])]
    homes = attended.merge(frames["organisations"], on="org_id")["municipality"]
    assert homes.nunique() == published.WORKSHOP_2019_REGIONS


def test_generation_is_deterministic_per_seed(frames):
    again = demo.generate(until=TODAY)
    for kind, frame in frames.items():
        pd.testing.assert_frame_equal(frame, again[kind])
    other = demo.generate(seed=7, until=TODAY)
    assert not other["events"]["participants"].equals(frames["events"]["participants"])


def test_history_reaches_today_and_not_beyond(frames):
    dates = frames["events"]["start_date"]
    assert dates.min().year == demo.FIRST_YEAR
    assert dates.max() <= TODAY and dates.max().year == TODAY.year


def test_all_regions_reached_unevenly_with_gaps(frames):
    events = frames["events"].dropna(subset=["municipality"])
    regions = events["municipality"].map(lambda code: geography.resolve(code).planning_region)
    counts = regions.value_counts()
    assert set(counts.index) == set(geography.REGION_NAMES)
    assert counts.max() >= 3 * counts.min()
    reached = set(events["municipality"]) | set(frames["organisations"]["municipality"])
    assert len(reached) < len(geography.municipalities())


def test_participation_never_exceeds_attendance(frames):
    people = frames["participations"].groupby("event_id")["people"].sum()
    participants = frames["events"].set_index("event_id")["participants"]
    assert (people <= participants[people.index]).all()


def test_linked_expenditures_only_for_events_without_actual_cost(frames):
    linked = frames["expenditures"].dropna(subset=["event_id"])
    costs = frames["events"].set_index("event_id")["actual_cost_eur"]
    assert costs[linked["event_id"]].isna().all()


def test_unpublished_costs_are_sometimes_not_recorded(frames):
    assert frames["events"]["actual_cost_eur"].isna().any()


def test_loaded_demo_reproduces_published_totals_in_summary(engine):
    assert demo.load_demo(engine) is True
    assert demo.load_demo(engine) is False  # idempotent
    comparison = metrics.compare_published(metrics.load_events(engine))
    assert (comparison["events_difference"].fillna(0) == 0).all()
    assert (comparison["participants_difference"].fillna(0) == 0).all()
    assert comparison["recorded_participants"].gt(0).all()
