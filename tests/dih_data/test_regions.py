"""Per-unit regional metrics: totals add up, reform-aware attribution, normalisation, gaps, privacy."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dih_data import demo, geography, importer, metrics, regions
from dih_data.geography import ONLINE

pytestmark = pytest.mark.both_databases


@pytest.fixture(scope="module")
def demo_frames(tmp_path_factory):
    from dih_data import store

    engine = store.make_engine(f"sqlite:///{tmp_path_factory.mktemp('regions') / 'demo.sqlite'}")
    store.init_db(engine)
    demo.load_demo(engine)
    return (metrics.load_events(engine), metrics.load_participations(engine), metrics.load_expenditures(engine),
            metrics.load_context(engine))


@pytest.mark.parametrize("level", regions.LEVELS)
@pytest.mark.parametrize("metric", regions.METRICS)
def test_units_plus_online_add_up_to_the_national_total(demo_frames, level, metric):
    events, participations, expenditures, _ = demo_frames
    table = regions.unit_metrics(events, participations, expenditures, level)
    assert len(table) == (42 if level == "municipality" else 5) + 1
    assert table["unit"].iloc[-1] == ONLINE
    national = {
        "events": len(events),
        "participants": events["participants"].sum(),
        "spend_eur": metrics.event_costs(events, expenditures).sum(),
    }
    if metric in national:
        assert table[metric].sum() == pytest.approx(national[metric])
    else:  # an organisation counts once per unit it was reached in, so units add up to at least the national count
        attended = participations[participations["event_id"].isin(events["event_id"])].drop_duplicates("org_id")
        reached = len(attended) if metric == "organisations" else int((attended["org_kind"] == "sme").sum())
        assert table[metric].sum() >= reached


def test_region_level_equals_sum_of_its_municipalities(demo_frames):
    events, participations, expenditures, _ = demo_frames
    by_region = regions.unit_metrics(events, participations, expenditures, "planning_region").set_index("unit")
    by_municipality = regions.unit_metrics(events, participations, expenditures, "municipality")
    summed = by_municipality.groupby("planning_region")[["events", "participants", "spend_eur"]].sum()
    pd.testing.assert_frame_equal(by_region.loc[summed.index, ["events", "participants", "spend_eur"]], summed,
                                  check_names=False)


def test_pre_2021_names_land_in_their_successor(engine, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text("event_type;start_date;municipality;participants\nworkshop;05.03.2019;Kocēnu novads;12\n"
                    "meetup;06.03.2019;Varakļānu novads;7\nmeetup;07.03.2019;Ilūkstes novads;5\n", encoding="utf-8")
    assert importer.import_file(engine, "events", path).written
    events = metrics.load_events(engine)
    table = regions.unit_metrics(events, metrics.load_participations(engine), metrics.load_expenditures(engine),
                                 "municipality").set_index("unit")
    for old, people in (("Kocēnu novads", 12), ("Varakļānu novads", 7), ("Ilūkstes novads", 5)):
        assert table.loc[geography.resolve(old).atvk, "participants"] == people
    assert table["participants"].sum() == 24


def _context(rows):
    return pd.DataFrame(rows, columns=["area_code", "year", "indicator", "value"])


def test_normalisation_uses_latest_year_at_or_before_period_end():
    table = regions.units("municipality").assign(participants=0, organisations=0, events=0)
    table.loc[table["unit"] == "0001000", "participants"] = 120
    context = _context([("0001000", 2020, "population", 600_000), ("0001000", 2023, "population", 400_000),
                        ("0001000", 2025, "population", 100_000)])
    out, year = regions.normalise(table, context, "participants_per_10k", "municipality", 2024)
    assert year == 2023
    assert out.set_index("unit").loc["0001000", "participants_per_10k"] == pytest.approx(120 / 400_000 * 10_000)
    assert regions.normalise(table, context, "participants_per_10k", "municipality", 2019)[1] is None


def test_regions_prefer_their_own_rows_else_sum_municipalities():
    table = regions.units("planning_region").assign(participants=10, organisations=4, events=1)
    context = _context([("LV00C", 2024, "active_enterprises", 8_000), ("0005000", 2024, "active_enterprises", 3_000),
                        ("0007000", 2024, "active_enterprises", 1_000)])
    out, _ = regions.normalise(table, context, "organisations_per_1k_enterprises", "planning_region", 2024)
    values = out.set_index("unit")["organisations_per_1k_enterprises"]
    assert values["Vidzeme"] == pytest.approx(4 / 8_000 * 1_000)
    assert values["Kurzeme"] == pytest.approx(4 / 4_000 * 1_000)  # Liepāja + Ventspils
    assert pd.isna(values["Latgale"])


def test_coverage_gaps_list_unreached_units_with_distance():
    table = regions.units("municipality").assign(events=0)
    table.loc[table["unit"].isin(["0001000", "0002000"]), "events"] = 1
    gaps = regions.coverage_gaps(table, "municipality")
    assert len(gaps) == 40 and not gaps["unit"].isin(["0001000", "0002000"]).any()
    jurmala = gaps.set_index("unit").loc["0004000"]
    assert jurmala["nearest_unit"] == "0001000" and 10 < jurmala["nearest_km"] < 40
    assert gaps["nearest_km"].gt(0).all()


@pytest.mark.parametrize(
    ("value", "metric", "public", "shown"),
    [(3, "organisations", True, "<5"), (3, "organisations", False, None), (0, "organisations", True, None),
     (5, "smes", True, None), (4, "smes", True, "<5"), (3, "participants", True, None)],
)
def test_public_view_suppresses_small_organisation_counts(value, metric, public, shown):
    assert regions.suppress(value, metric, public) == shown


@pytest.mark.parametrize(
    ("start", "end", "before_start", "before_end"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        (dt.date(2022, 1, 1), dt.date(2024, 12, 31), dt.date(2019, 1, 1), dt.date(2021, 12, 31)),
        (dt.date(2024, 3, 1), dt.date(2024, 3, 31), dt.date(2024, 1, 30), dt.date(2024, 2, 29)),
    ],
)
def test_previous_period_has_the_same_length_just_before(start, end, before_start, before_end):
    before = regions.previous_period(metrics.Filters(start, end, ("workshop",)))
    assert (before.date_from, before.date_to, before.measures) == (before_start, before_end, ("workshop",))


@pytest.mark.parametrize(
    ("start", "end", "before_start", "before_end"),
    [
        (dt.date(1, 1, 1), dt.date(2025, 12, 31), dt.date.min, dt.date.min),
        (dt.date(1, 1, 5), dt.date(1, 1, 20), dt.date.min, dt.date(1, 1, 4)),
        (dt.date(3, 1, 1), dt.date(4, 12, 31), dt.date(1, 1, 1), dt.date(2, 12, 31)),
    ],
)
def test_previous_period_near_the_calendars_first_day_is_clamped(start, end, before_start, before_end):
    before = regions.previous_period(metrics.Filters(start, end))
    assert (before.date_from, before.date_to) == (before_start, before_end)


def test_share_rank_and_change():
    current = pd.DataFrame({"unit": ["A", "B", ONLINE], "participants": [30, 10, 10]})
    previous = pd.DataFrame({"unit": ["A", "B", ONLINE], "participants": [10, 10, 0], "events": [1, 1, 0]})
    table = regions.with_share_rank_change(current, previous, "participants").set_index("unit")
    assert table["share"].tolist() == [0.6, 0.2, 0.2]
    assert table.loc["A", "rank"] == 1 and table.loc["B", "rank"] == 2 and pd.isna(table.loc[ONLINE, "rank"])
    assert table["change"].tolist() == [20, 0, 10]


def test_change_is_empty_when_the_previous_period_had_no_events():
    current = pd.DataFrame({"unit": ["A", ONLINE], "participants": [30, 10]})
    previous = pd.DataFrame({"unit": ["A", ONLINE], "participants": [0, 0], "events": [0, 0]})
    table = regions.with_share_rank_change(current, previous, "participants")
    assert table["change"].isna().all()
