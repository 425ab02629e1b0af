"""The engine (one per database URL) and the DataFrames, cached in the UI layer only."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from dih_data import config, demo, metrics, store
from dih_data.model import ImportBatch


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """Open the database; on first start of an empty database load the labelled demo data."""
    engine = store.make_engine(url)
    store.init_db(engine)
    if not store.has_events(engine):
        demo.load_demo(engine)
    return engine


def engine() -> Engine:
    return engine_for(config.database_url())


def data_version(eng: Engine) -> tuple:
    """Changes whenever a batch is added or rolled back, so cached frames follow imports."""
    with Session(eng) as session:
        return tuple(session.execute(
            select(func.count(ImportBatch.id), func.max(ImportBatch.id), func.count(ImportBatch.rolled_back_at))
        ).one())


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def frames(url: str, version: tuple) -> dict[str, pd.DataFrame]:
    eng = engine_for(url)
    return {
        "events": metrics.load_events(eng),
        "participations": metrics.load_participations(eng),
        "budget": metrics.load_budget(eng),
        "expenditures": metrics.load_expenditures(eng),
        "context": metrics.load_context(eng),
        "batches": _batches(eng),
    }


def _batches(eng: Engine) -> pd.DataFrame:
    with eng.connect() as connection:
        return pd.read_sql(select(ImportBatch).where(ImportBatch.rolled_back_at.is_(None)), connection)


def current_frames() -> dict[str, pd.DataFrame]:
    eng = engine()
    return frames(config.database_url(), data_version(eng))
