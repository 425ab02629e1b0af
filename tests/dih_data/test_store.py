"""The store on both backends: schema, reference data, batches, SQLite pragmas."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from dih_data import config, store
from dih_data.model import Event, ImportBatch, Municipality, SurveyResponse

pytestmark = pytest.mark.both_databases


def test_reference_municipalities_loaded_once(engine):
    store.init_db(engine)  # second call must not duplicate
    with Session(engine) as session:
        total = session.scalar(select(func.count()).select_from(Municipality))
        current = session.scalar(
            select(func.count()).select_from(Municipality).where(Municipality.valid_to.is_(None))
        )
    assert (total, current) == (43, 42)


def test_a_database_made_before_an_index_gets_it_on_start(engine):
    index = next(index for index in SurveyResponse.__table__.indexes if index.name == "ix_survey_barriers")
    index.drop(engine)
    assert "ix_survey_barriers" not in {i["name"] for i in inspect(engine).get_indexes("survey_response")}
    store.init_db(engine)
    assert "ix_survey_barriers" in {i["name"] for i in inspect(engine).get_indexes("survey_response")}
    assert store.add_new_indexes(engine) == []


def test_batch_and_rows_share_one_transaction(engine):
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        batch = store.add_batch(
            session, kind="events", file_name="x.csv", sha256="0" * 64, row_count=1, provenance="recorded"
        )
        store.bulk_insert(session, Event, [_event("E1")], batch.id)
        raise RuntimeError("crash before commit")
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0
        assert session.scalar(select(func.count()).select_from(Event)) == 0
    assert not store.has_events(engine)


def test_committed_rows_know_their_batch(engine):
    with Session(engine) as session, session.begin():
        batch = store.add_batch(
            session, kind="events", file_name="x.csv", sha256="1" * 64, row_count=2, provenance="recorded"
        )
        store.bulk_insert(session, Event, [_event("E1"), _event("E2")], batch.id)
    with Session(engine) as session:
        provenances = session.scalars(
            select(ImportBatch.provenance).join(Event, Event.batch_id == ImportBatch.id)
        ).all()
    assert provenances == ["recorded", "recorded"]
    assert store.has_events(engine)


def test_unknown_provenance_is_refused(engine):
    with Session(engine) as session, pytest.raises(ValueError, match="provenance"):
        store.add_batch(session, kind="events", file_name="x", sha256="", row_count=0, provenance="guess")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    with store.make_engine(f"sqlite:///{tmp_path / 'wal.sqlite'}").connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_database_url_defaults_to_sqlite_in_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("DIH_DATABASE_URL", raising=False)
    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path))
    assert config.database_url() == f"sqlite:///{tmp_path / 'dih_insight.sqlite'}"
    monkeypatch.setenv("DIH_DATABASE_URL", "postgresql+psycopg2://u@h/db")
    assert config.database_url() == "postgresql+psycopg2://u@h/db"


def _event(event_id: str) -> dict:
    return {
        "event_id": event_id,
        "event_type": "workshop",
        "start_date": dt.date(2019, 5, 1),
        "municipality_atvk": "0001000",
        "format": "onsite",
        "participants": 25,
    }
