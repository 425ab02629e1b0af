"""Attendance aggregation on small hand-made tables whose answers can be worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dih_data import attendance, demo

EVENTS = pd.DataFrame({
    "event_id": ["A", "B", "C", "D", "E"],
    "event_type": ["workshop", "workshop", "meetup", "hackathon", "meetup"],
    "title": ["w1", "w2", "m1", "h1", "m2"],
    "start_date": pd.to_datetime(["2023-01-10", "2023-05-02", "2023-05-20", "2024-03-01", "2024-11-30"]),
    "participants": [20, 10, 30, 50, 40],
    "registered": [25, None, 40, 0, 50],
    "planning_region": ["Kurzeme", "Rīga", "Kurzeme", "Latgale", "online"],
})
PARTICIPATIONS = pd.DataFrame({
    "event_id": ["A", "C", "D", "A", "E", "D"],
    "org_id": ["o1", "o1", "o1", "o2", "o2", "o3"],
    "people": [2, 1, 3, 1, 4, 2],
    "org_kind": ["sme"] * 6,
    "org_size": ["small", "small", "small", None, None, "large"],
    "org_sector": ["ICT"] * 6,
})


@pytest.mark.parametrize("grain", attendance.GRAINS)
def test_every_grain_sums_to_the_same_totals(grain):
    table = attendance.by_period(EVENTS, grain)
    assert table["participants"].sum() == EVENTS["participants"].sum()
    assert table["events"].sum() == len(EVENTS)
    per_measure = table.groupby("measure")["participants"].sum()
    assert per_measure.to_dict() == EVENTS.groupby("event_type")["participants"].sum().to_dict()


def test_every_period_of_the_span_is_present_with_zeros():
    months = attendance.by_period(EVENTS, "month")
    assert months["period"].nunique() == 23  # January 2023 … November 2024
    assert months.loc[months["period"] == pd.Period("2023-02", "M"), "participants"].sum() == 0


def test_year_on_year_on_a_hand_made_table():
    table = pd.DataFrame({
        "period": pd.PeriodIndex(["2022", "2023", "2024", "2022", "2024"], freq="Y"),
        "measure": ["workshop", "workshop", "workshop", "meetup", "meetup"],
        "participants": [100, 150, 120, 0, 30],
    })
    yoy = attendance.year_on_year(table).set_index(["measure", "year"])
    assert yoy.loc[("workshop", 2023), "change"] == 50 and yoy.loc[("workshop", 2023), "change_pct"] == 0.5
    assert yoy.loc[("workshop", 2024), "change_pct"] == pytest.approx(-0.2)
    assert np.isnan(yoy.loc[("workshop", 2022), "change"])  # no year before
    # The year before is the previous row of the measure; 0 participants → no percentage, not infinity.
    assert yoy.loc[("meetup", 2024), "change"] == 30 and np.isnan(yoy.loc[("meetup", 2024), "change_pct"])


def test_moving_average_needs_a_full_window():
    averaged = attendance.moving_average(pd.Series([3.0, 6.0, 9.0, 0.0]), window=3)
    assert np.isnan(averaged.iloc[1]) and averaged.iloc[2] == 6.0 and averaged.iloc[3] == 5.0


def test_no_shows_use_only_events_with_registrations():
    shows = attendance.no_shows(EVENTS).set_index("measure")
    # Workshops: A (25 registered, 20 came) counts; B has no registration count and is left out.
    assert shows.loc["workshop", "registered"] == 25 and shows.loc["workshop", "attended"] == 20
    assert shows.loc["workshop", "no_show_rate"] == pytest.approx(0.2)
    assert shows.loc["workshop", "events_without_registrations"] == 1
    # The hackathon's 0 registrations is "not recorded", so it has no rate rather than a negative one.
    assert shows.loc["hackathon", "events"] == 0 and np.isnan(shows.loc["hackathon", "no_show_rate"])
    assert shows.loc["meetup", "no_show_rate"] == pytest.approx(1 - 70 / 90)


def test_first_time_is_judged_against_all_recorded_events():
    in_2024 = EVENTS[EVENTS["start_date"].dt.year == 2024]
    counts = attendance.first_and_returning(PARTICIPATIONS, EVENTS, in_2024, "year").set_index("period")
    # 2024: o1 and o2 came before (2023), o3 is new.
    assert counts.loc[pd.Period("2024", "Y")].to_dict() == {"first_time": 1, "returning": 2}


def test_journeys_follow_each_organisation_to_its_next_event():
    transitions, summary = attendance.journeys(PARTICIPATIONS, EVENTS)
    steps = {(r.from_measure, r.to_measure): (r.organisations, r.median_days) for r in transitions.itertuples()}
    # o1: workshop (Jan 10) → meetup (May 20, 130 days) → hackathon (2024-03-01, 286 days); o2: workshop → meetup.
    assert steps[("workshop", "meetup")] == (2, (130 + 690) / 2)
    assert steps[("meetup", "hackathon")] == (1, 286)
    assert summary == {"organisations": 3, "returned": 2, "median_days_to_return": (130 + 690) / 2}


def test_mix_counts_people_and_names_unknown_groups():
    mix = attendance.mix(PARTICIPATIONS, EVENTS, "org_size", "year")
    assert mix["people"].sum() == PARTICIPATIONS["people"].sum()
    assert mix.loc[(mix["period"] == pd.Period("2024", "Y")) & (mix["group"] == "unknown"), "people"].item() == 4


def test_notable_events_are_the_largest_and_each_regions_first():
    notes = attendance.notable(EVENTS, EVENTS)
    assert notes.loc[notes["kind"] == "largest", "event_id"].tolist() == ["D"]
    firsts = notes[notes["kind"] == "first_in_region"].set_index("planning_region")["event_id"].to_dict()
    assert firsts == {"Kurzeme": "A", "Rīga": "B", "Latgale": "D"}  # online is not a region
    # Looking at 2024 only, Kurzeme's first event (2023) is not in view.
    later = attendance.notable(EVENTS[EVENTS["start_date"].dt.year == 2024], EVENTS)
    assert set(later.loc[later["kind"] == "first_in_region", "planning_region"]) == {"Latgale"}


def test_demo_data_totals_agree_at_every_grain():
    frames = demo.generate(seed=7, today=pd.Timestamp("2024-12-31").date())
    events = frames["events"].assign(start_date=pd.to_datetime(frames["events"]["start_date"]))
    totals = {grain: attendance.by_period(events, grain)["participants"].sum() for grain in attendance.GRAINS}
    assert len(set(totals.values())) == 1 and totals["year"] == events["participants"].sum()


def _random_tables(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Seeded events (several on one day, so the tie-break by event id matters) and participations."""
    rng = np.random.default_rng(seed)
    events = pd.DataFrame({
        "event_id": [f"E{n}" for n in rng.permutation(60)],
        "event_type": rng.choice(["workshop", "meetup", "hackathon"], 60),
        "start_date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 40, 60) * 20, unit="D"),
    })
    participations = pd.DataFrame({"event_id": rng.choice([*events["event_id"], "not-recorded"], 400),
                                   "org_id": [f"o{n}" for n in rng.integers(0, 50, 400)],
                                   "org_size": rng.choice(["micro", "small", None], 400),
                                   "people": rng.integers(1, 5, 400)})
    return events, participations


def _journeys_by_id_strings(participations, events):
    """The former implementation (sorting and grouping by the id strings), as the reference."""
    dated = participations[["event_id", "org_id"]].drop_duplicates().merge(
        events[["event_id", "start_date", "event_type"]], on="event_id",
    ).sort_values(["org_id", "start_date", "event_id"])
    following = dated.groupby("org_id")[["event_type", "start_date"]].shift(-1)
    steps = dated.assign(to_measure=following["event_type"],
                         days=(following["start_date"] - dated["start_date"]).dt.days).dropna(subset=["to_measure"])
    transitions = steps.groupby(["event_type", "to_measure"]).agg(
        organisations=("org_id", "nunique"), steps=("org_id", "size"), median_days=("days", "median"),
    ).reset_index().rename(columns={"event_type": "from_measure"})
    order = dated.groupby("org_id").cumcount()
    first, second = (dated[order == k].set_index("org_id")["start_date"] for k in (0, 1))
    return transitions, (second - first.reindex(second.index)).dt.days.median()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_journeys_and_first_time_equal_the_id_string_reference(seed):
    events, participations = _random_tables(seed)
    transitions, summary = attendance.journeys(participations, events)
    expected, median_gap = _journeys_by_id_strings(participations, events)
    pd.testing.assert_frame_equal(transitions, expected)
    assert summary["median_days_to_return"] == median_gap
    per_org = participations[["event_id", "org_id"]].drop_duplicates().merge(events, on="event_id").groupby(
        "org_id").size()
    assert (summary["organisations"], summary["returned"]) == (len(per_org), int((per_org >= 2).sum()))

    later = events[events["start_date"] >= pd.Timestamp("2023-01-01")]
    counts = attendance.first_and_returning(participations, events, later, "quarter")
    dated = participations.merge(events, on="event_id")
    first_seen = dated.groupby("org_id")["start_date"].min()
    seen = dated[dated["event_id"].isin(later["event_id"])].assign(
        period=lambda t: t["start_date"].dt.to_period("Q"),
        first=lambda t: t["start_date"] == t["org_id"].map(first_seen))
    for row in counts.itertuples():
        orgs = seen[seen["period"] == row.period].groupby("org_id")["first"].any()
        assert (row.first_time, row.returning) == (int(orgs.sum()), int((~orgs).sum()))


@pytest.mark.parametrize(("seed", "grain"), [(0, "year"), (1, "quarter"), (2, "month")])
def test_mix_equals_the_merge_reference(seed, grain):
    events, participations = _random_tables(seed)
    later = events[events["start_date"] >= pd.Timestamp("2023-01-01")]
    attended = participations[["event_id", "org_size", "people"]].merge(later[["event_id", "start_date"]],
                                                                        on="event_id")
    expected = attended.assign(period=attended["start_date"].dt.to_period(grain[0].upper()),
                               group=attended["org_size"].fillna("unknown")
                               ).groupby(["period", "group"], as_index=False)["people"].sum()
    pd.testing.assert_frame_equal(attendance.mix(participations, later, "org_size", grain), expected)
