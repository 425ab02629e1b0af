"""The Barriers page's tables counted in the database equal the ones the pandas functions give on the whole
loaded survey table (the page's former path), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import event, insert, select

from dih_data import consistent, metrics, survey, survey_db
from dih_data.model import Event, ImportBatch, Municipality, Participation, SurveyResponse
from tests.dih_data.seeded import maybe, two_batches

pytestmark = pytest.mark.both_databases

TEXTS = ["workforce", "motivation;workforce", " Workforce ; motivation ", "Darbaspēks", "other", "rain;workforce",
         "motivation;motivation", "", ";", "implementation_cost;tech_reluctance;low_digitalisation"]


def _fill(engine, seed: int, rows: int, blank_share: float) -> None:
    """Seeded random answers (duplicate answers of one organisation in a wave, blanks everywhere allowed) in
    two batches, one rolled back; events and participations for the measures organisations took part in."""
    rng = np.random.default_rng(seed)
    with engine.connect() as connection:
        atvks = [row[0] for row in connection.execute(select(Municipality.atvk).limit(30))]
    created = dt.datetime(2024, 1, 1)
    orgs = [f"O{number}" for number in range(max(rows // 6, 1))]
    with engine.begin() as connection:
        kept, dropped = two_batches(connection, "survey", rows, created)
        connection.execute(insert(SurveyResponse), [
            {"response_id": f"R{number}",
             "date": maybe(rng, [dt.date(2024, 1, 1) + dt.timedelta(days=int(d)) for d in range(0, 400, 7)],
                            blank_share),
             "wave": maybe(rng, ["baseline", "follow-up", "mid"], blank_share),
             "org_id": maybe(rng, orgs, blank_share), "municipality_atvk": maybe(rng, atvks, blank_share),
             "sector": maybe(rng, ["C", "J", "M"], blank_share), "size": maybe(rng, ["micro", "small"], blank_share),
             "barriers": maybe(rng, TEXTS, blank_share),
             "other_barrier": maybe(rng, ["rain", "  ", "", "snow\t", "\n"], 0.7 + 0.3 * blank_share),
             **{column: maybe(rng, [1, 2, 3, 4, 5], blank_share)
                for column in ("agree_disruption", "agree_customer_experience", "agree_preparing")},
             "has_digital_strategy": maybe(rng, [True, False], blank_share),
             **{f"maturity_{dimension}": maybe(rng, [0.0, 12.5, 33.3, 45.1, 99.9], blank_share)
                for dimension in survey.DIMENSIONS},
             "batch_id": kept if rng.random() < 0.85 else dropped}
            for number in range(rows)
        ])
        connection.execute(insert(Event), [
            {"event_id": f"E{number}", "event_type": event_type, "title": "x", "start_date": dt.date(2024, 2, 1),
             "participants": 10,             "municipality_atvk": atvks[number % len(atvks)], "batch_id": kept}
            for number, event_type in enumerate(["workshop", "meetup", "hackathon", "expert_visit"])
        ])
        connection.execute(insert(Participation), [
            {"event_id": f"E{rng.integers(5)}", "org_id": maybe(rng, orgs, 0), "people": 1, "batch_id": kept}
            for _ in range(rows // 3)
        ])


def _reference(answers: pd.DataFrame, events: pd.DataFrame, took_part: pd.DataFrame, filters: metrics.Filters,
               wave: str, group: str, public: bool) -> dict:
    """The page's former tables: the pandas functions over the whole loaded survey table."""
    def scope(wave: str) -> pd.Series:
        keep = answers["date"].between(pd.Timestamp(filters.date_from), pd.Timestamp(filters.date_to)) | \
            answers["date"].isna()
        if filters.regions:
            keep &= answers["planning_region"].isin(filters.regions)
        if wave != "all":
            keep &= answers["wave"] == wave
        return keep

    responses = answers[scope(wave)]
    waves = sorted(answers["wave"].dropna().unique())
    change = None
    if len(waves) >= 2:
        change = survey.wave_change(answers[scope("all")], waves[0], waves[-1], took_part)
    grouped = responses.assign(**{group: responses[group].fillna("unknown")})
    flags = survey.naming(responses)
    return {
        "n": len(responses),
        "provenances": sorted(set(responses["provenance"].unique())),
        "waves": waves,
        "shares": survey.barrier_shares(responses, flags),
        "by_group": survey.by_group(grouped, group, public, flags),
        "agreement": survey.agreement(responses),
        "say_do": survey.say_do_gap(responses, "planning_region"),
        "match": survey.barriers_and_measures(responses, metrics.filter_events(events, filters), flags=flags),
        "maturity": survey.maturity(responses),
        "change": change,
        "texts": survey.free_texts(responses),
    }


FILTERS = [
    metrics.Filters(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    metrics.Filters(dt.date(2024, 3, 4), dt.date(2024, 9, 30), regions=("Rīga", "Latgale", "unknown")),
    metrics.Filters(dt.date(2024, 3, 4), dt.date(2024, 3, 4)),
    metrics.Filters(None, dt.date(2024, 6, 1)),
]


@pytest.mark.parametrize(("seed", "rows", "blank_share"), [(0, 0, 0.0), (1, 600, 0.0), (2, 600, 0.25), (3, 60, 1.0)])
def test_the_tables_counted_in_the_database_equal_the_pandas_ones(engine, seed, rows, blank_share):
    if rows:
        _fill(engine, seed, rows, blank_share)
    tables = consistent.read(engine, ["survey", "events", "participations"])[1]
    answers, events = tables["survey"], tables["events"]
    took_part = survey.measures_taken(tables["participations"], events)
    # A loaded column without a single value (empty table, all blank) is untyped (object), an empty grouped read
    # types its text columns: compare types where the table has values.
    typed = rows > 0 and blank_share < 1
    compared = split = 0
    with engine.connect() as connection:
        counts = survey_db.waves(connection)
        assert int(counts["answers"].sum()) == len(answers)
        every_wave = sorted(counts["wave"].dropna())
        for filters, wave, group, public in itertools.product(
                FILTERS, ["all", *every_wave], ["planning_region", "sector", "size"], [False, True]):
            expected = _reference(answers, events, took_part, filters, wave, group, public)
            got = survey_db.tables(connection, filters, wave, group, public, every_wave,
                                   metrics.filter_events(events, filters), took_part)
            assert got.keys() == expected.keys()
            for name in ("n", "provenances", "waves"):
                assert got[name] == expected[name], name
            for name in ("shares", "by_group", "agreement", "say_do", "match"):
                pd.testing.assert_frame_equal(got[name].reset_index(drop=True),
                                              expected[name].reset_index(drop=True), obj=name,
                                              check_dtype=typed)
            # The whole table's text columns are typed by all its values (none at all: object), a read of
            # the few free texts by those: the same texts, places and waves in the same order.
            pd.testing.assert_frame_equal(got["texts"].reset_index(drop=True),
                                          expected["texts"].reset_index(drop=True), check_dtype=False, obj="texts")
            # Means summed in another order (SQL, or organisations in another order) differ in the last bits.
            pd.testing.assert_frame_equal(got["maturity"], expected["maturity"], rtol=1e-12, obj="maturity",
                                          check_dtype=typed)
            if expected["change"] is None:
                assert got["change"] is None
            else:
                pd.testing.assert_frame_equal(got["change"], expected["change"], rtol=1e-12, obj="change",
                                              check_dtype=typed)
            compared += expected["n"]
            split += 0 if expected["change"] is None else int((expected["change"]["measure"] != "all").sum())
    assert compared or not rows  # the filters select answers, so the equality says something
    assert split or not typed  # and organisations that answered both waves took part in measures


def test_a_read_of_another_data_version_is_refused(engine):
    version = consistent.data_version(engine)
    with engine.begin() as connection:
        connection.execute(insert(ImportBatch).values(
            kind="survey", file_name="x.csv", sha256="x", row_count=0, provenance="demo", user="test",
            created_at=dt.datetime(2024, 1, 1)))
    with pytest.raises(consistent.Moved):
        consistent.read_at(engine, version, survey_db.waves)


def test_sqlite_counts_the_answers_in_index_order_without_sorting_them(engine):
    """Each grouped read of the answers streams a covering index: SQLite has no hash aggregation, and sorting
    1M answers took ~1 s CPU per GROUP BY (issue 16). Only the few grouped rows may be sorted after."""
    if engine.dialect.name != "sqlite":
        pytest.skip("a plan of SQLite's")
    _fill(engine, 4, 60, 0.1)
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2:4]))
    with engine.connect() as connection:
        for filters in FILTERS[:2]:
            for group in ("planning_region", "sector", "size"):
                survey_db.named(connection, filters, "all", group)
            survey_db.reads(connection, filters, "baseline")
            survey_db.change(connection, filters, "baseline", "follow-up", None)
        survey_db.waves(connection)
        grouped = [(sql, parameters) for sql, parameters in statements if "GROUP BY" in sql]
        assert len(grouped) == 2 * 6 + 1
        for sql, parameters in grouped:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters).all()
            scans = [row for row in plan if "survey_response" in row[3] and "PRIMARY KEY" not in row[3]]
            assert len(scans) == 1 and "USING COVERING INDEX ix_survey_" in scans[0][3], (sql, plan)
            parent = scans[0][1]
            assert not [row for row in plan if row[1] == parent and "TEMP B-TREE" in row[3]], (sql, plan, parameters)
