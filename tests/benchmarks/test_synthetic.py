"""The synthetic benchmark generator: seeded, consistent, labelled, and importable as it is written."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from benchmarks import synthetic
from dih_data import importer, schemas
from dih_data.config import PACKAGE_DATA
from dih_data.model import RECORD_TABLES, ImportBatch

ROWS = 2_000
SEED = 7


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return synthetic.generate(ROWS, seed=SEED)


def current_atvk_codes() -> set[str]:
    reference = pd.read_csv(PACKAGE_DATA / "lv_municipalities.csv", dtype=str, keep_default_na=False)
    return set(reference.loc[reference["valid_to"] == "", "atvk_code"])


@pytest.mark.parametrize(
    ("text", "rows"),
    [("10k", 10_000), ("100K", 100_000), ("1M", 1_000_000), ("2000", 2_000), ("2.5k", 2_500)],
)
def test_parse_size(text, rows):
    assert synthetic.parse_size(text) == rows


@pytest.mark.parametrize("text", ["", "ten", "10x", "-5k"])
def test_parse_size_rejects_nonsense(text):
    with pytest.raises(ValueError):
        synthetic.parse_size(text)


def test_sizes_follow_participation_rows(frames):
    sizes = {kind: len(frame) for kind, frame in frames.items()}
    assert {kind: sizes[kind] for kind in ("events", "organisations", "participations")} == {
        "events": ROWS // synthetic.ROWS_PER_EVENT,
        "organisations": ROWS // synthetic.ROWS_PER_ORGANISATION,
        "participations": ROWS,
    }


def test_budget_and_expenditures_fit_the_events(frames):
    events, lines, spent = frames["events"], frames["budget"], frames["expenditures"]
    years = set(events["start_date"].str[:4].astype(int))
    assert set(lines["year"]) == years and (lines["planned_eur"] > 0).all()
    linked = spent["event_id"].dropna()
    # Invoices only for events without an actual cost of their own: nothing is counted twice.
    assert linked.isin(events.loc[events["actual_cost_eur"].isna(), "event_id"]).all() and linked.is_unique
    assert (spent["event_id"].isna() == spent["measure"].isna()).all()  # overheads have neither


def test_columns_are_the_import_contract(frames):
    assert {kind: list(frame.columns) for kind, frame in frames.items()} == synthetic.COLUMNS


def test_same_seed_same_data_other_seed_other_data(frames):
    again = synthetic.generate(ROWS, seed=SEED)
    for kind in synthetic.KINDS:
        pd.testing.assert_frame_equal(frames[kind], again[kind])
    other = synthetic.generate(ROWS, seed=SEED + 1)
    assert not frames["participations"].equals(other["participations"])


def test_participations_refer_to_existing_events_and_organisations(frames):
    participations = frames["participations"]
    assert participations["event_id"].isin(frames["events"]["event_id"]).all()
    assert participations["org_id"].isin(frames["organisations"]["org_id"]).all()
    assert frames["events"]["event_id"].is_unique and frames["organisations"]["org_id"].is_unique


def test_no_duplicate_event_organisation_pairs(frames):
    assert not frames["participations"].duplicated(["event_id", "org_id"]).any()


def test_every_name_and_title_is_labelled_synthetic(frames):
    assert frames["events"]["title"].str.contains(synthetic.LABEL).all()
    assert frames["organisations"]["name"].str.contains(synthetic.LABEL).all()


def test_event_counts_agree_with_participations(frames):
    events = frames["events"].set_index("event_id")
    per_event = frames["participations"].groupby("event_id")
    organisations = per_event.size().reindex(events.index, fill_value=0)
    people = per_event["people"].sum().reindex(events.index, fill_value=0)
    assert (events["organisations"] == organisations).all()
    assert (events["participants"] >= people).all()
    assert (events["smes"] <= events["organisations"]).all()


def test_places_are_current_municipalities_and_online_events_have_none(frames):
    events, current = frames["events"], current_atvk_codes()
    online = events["format"] == "online"
    assert online.any() and events.loc[online, "municipality"].isna().all()
    assert events.loc[~online, "municipality"].isin(current).all()
    org_places = frames["organisations"]["municipality"].dropna()
    assert org_places.isin(current).all()


def test_types_and_dates_are_in_range(frames):
    events = frames["events"]
    assert set(events["event_type"]) <= set(schemas.EVENT_TYPES)
    start = pd.to_datetime(events["start_date"])
    end = pd.to_datetime(events["end_date"])
    assert start.between(pd.Timestamp(dt.date(2018, 1, 1)), pd.Timestamp(dt.date(2026, 12, 31))).all()
    assert (end.dropna() > start[end.notna()]).all()


def test_csv_keeps_codes_and_blanks(frames, tmp_path):
    paths = synthetic.write_csv(frames, tmp_path)
    events = pd.read_csv(paths["events"], dtype=str, keep_default_na=False)
    assert list(events.columns) == synthetic.COLUMNS["events"]
    onsite = events["format"] != "online"
    assert events.loc[onsite, "municipality"].str.fullmatch(r"\d{7}").all()
    assert (events.loc[~onsite, "municipality"] == "").all()


def test_generated_files_import_without_errors(frames, tmp_path, engine):
    paths = synthetic.write_csv(frames, tmp_path)
    for kind in synthetic.KINDS:
        name = f"synthetic:{paths[kind].name}"
        result = importer.import_file(
            engine, kind, paths[kind], provenance="demo", user="benchmark-test", file_name=name
        )
        assert (result.errors, result.written, result.rows) == ([], True, len(frames[kind]))
    with Session(engine) as session:
        stored = {
            kind: session.scalar(select(func.count()).select_from(RECORD_TABLES[kind]))
            for kind in synthetic.KINDS
        }
        batches = session.execute(select(ImportBatch.file_name, ImportBatch.provenance)).all()
    assert stored == {kind: len(frame) for kind, frame in frames.items()}
    assert all(name.startswith("synthetic:") and provenance == "demo" for name, provenance in batches)


def test_too_few_rows_is_refused():
    with pytest.raises(ValueError):
        synthetic.generate(50)
