"""The demo agrees with every published total, is deterministic, and is removable."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dih_data import demo, geography, metrics, published

pytestmark = pytest.mark.both_databases

TODAY = dt.date(2026, 11, 22)  # a fixed day for the content checks; any day is checked below


@pytest.fixture(scope="module")
def frames():
    return demo.generate(today=TODAY)


def _month_ends(year: int) -> list[dt.date]:
    """The first, 14th and last day of every month of ``year``."""
    days = []
    for month in range(1, 13):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        days += [dt.date(year, month, 1), dt.date(year, month, 14), following - dt.timedelta(days=1)]
    return days


# Both published years, three consecutive years from now on (29 February 2028 among them), the last year.
CALENDAR_YEARS = (2018, 2019, 2027, 2028, 2029, 2040)
CALENDAR = [day for year in CALENDAR_YEARS for day in _month_ends(year)]


@pytest.fixture(scope="module")
def plans():
    """One planned history per year; ``generate`` cuts the same plan at each day (checked below)."""
    return {year: demo.plan(2018, year) for year in CALENDAR_YEARS}


def test_calendar_covers_leap_day_and_year_ends():
    assert {dt.date(2028, 2, 29), dt.date(2027, 1, 14), dt.date(2040, 12, 31), dt.date(2018, 1, 1)} <= set(CALENDAR)


@pytest.mark.parametrize("day", [dt.date(2018, 1, 1), dt.date(2027, 1, 5), dt.date(2028, 2, 29)], ids=str)
def test_generate_is_the_years_plan_as_of_the_day(plans, day):
    generated = demo.generate(today=day)
    expected = demo.as_of(plans[day.year], day)
    for kind, frame in generated.items():
        pd.testing.assert_frame_equal(frame, expected[kind])


@pytest.mark.parametrize("day", CALENDAR, ids=str)
def test_demo_on_any_day_holds_nothing_later_and_agrees_with_published(plans, day):
    frames = demo.as_of(plans[day.year], day)
    events = frames["events"]
    assert events["end_date"].map(lambda d: d <= day).all()
    assert frames["expenditures"]["date"].map(lambda d: d <= day).all()
    assert frames["survey"]["date"].map(lambda d: d <= day).all()
    assert (frames["budget"]["year"] <= day.year).all()
    assert set(frames["participations"]["event_id"]) <= set(events["event_id"])
    assert set(frames["expenditures"]["event_id"].dropna()) <= set(events["event_id"])
    for result in published.ACTIVITY_RESULTS:
        held = _events_of(events, result)
        count, people = len(held), held["participants"].sum()
        published_people = people if result.participants is None else result.participants
        if day.year > result.year_to:  # the period is over: the demo reproduces the published totals
            assert (count, people) == (result.events or 1, published_people), result
        else:  # still under way on ``day``: part of it, never more
            assert count <= (result.events or 1) and people <= published_people, result


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
    again = demo.generate(today=TODAY)
    for kind, frame in frames.items():
        pd.testing.assert_frame_equal(frame, again[kind])
    other = demo.generate(seed=7, today=TODAY)
    assert not other["events"]["participants"].equals(frames["events"]["participants"])


def test_history_reaches_today_and_not_beyond(frames):
    dates = frames["events"]["start_date"]
    assert dates.min().year == demo.FIRST_YEAR
    assert dates.max() <= TODAY and dates.max().year == TODAY.year


@pytest.mark.parametrize("day", [dt.date(2018, 1, 1), dt.date(2027, 1, 5), dt.date(2028, 2, 29), dt.date(2040, 12, 31)],
                         ids=str)
def test_demo_loads_on_any_day(engine, day):
    """The first start of a new installation works on any day, 1–14 January included."""
    assert demo.load_on_first_start(engine, today=day) is True
    events = metrics.load_events(engine)
    assert len(events) == len(demo.generate(today=day)["events"])
    assert demo.in_force(engine)


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
