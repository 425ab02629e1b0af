"""The engine (one per database URL) and the DataFrames, cached in the UI layer only."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dih_data import attendance, budget, clock, config, consistent, demo, metrics, regions, store, survey, survey_db


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """Open the database; into a database that has never held a batch, load the labelled demo data
    (a removed demo or real imports keep it out for good)."""
    engine = store.make_engine(url)
    store.init_db(engine)
    demo.load_on_first_start(engine, today=clock.today())
    return engine


def engine() -> Engine:
    return engine_for(config.database_url())


def data_version(eng: Engine) -> tuple:
    """Changes with every import, edit and rollback — made by any process on the shared database."""
    return consistent.data_version(eng)


LAZY = ("survey",)
"""Tables read only when a page first asks for them: 1M survey answers took ~10 s CPU to read, and only the
Present page reads them (the Barriers page counts them in the database, ``survey_db``; issue 16)."""


class Frames(Mapping):
    """The tables of one data version as a read-only mapping: the others read together at once, each LAZY one
    on first use (by any session) in a read of its own that also reads the data version. If that version is
    no longer the one of the other tables, the database has moved on: the script reruns with the new one, so a
    page never draws a mix of old and new tables."""

    def __init__(self, url: str, version: tuple, tables: dict[str, pd.DataFrame]):
        self.url, self.version, self._tables = url, version, tables

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in self._tables:
            return self._tables[name]
        if name not in LAZY:
            raise KeyError(name)
        try:
            return _lazy_table(self.url, self.version, name)
        except consistent.Moved:
            st.rerun()  # in a script run: stops here, and the next run reads the new version's tables
            raise

    def __iter__(self):
        return iter([*self._tables, *LAZY])

    def __len__(self) -> int:
        return len(self._tables) + len(LAZY)


@st.cache_resource(ttl=3600, max_entries=4, show_spinner=False)
def frames(url: str, version: tuple) -> Frames:
    """Every table, read in one transaction (never a mix of before and after another process's import),
    shared by all sessions without copying (100k rows would take ~50 ms to unpickle on each rerun):
    pages and the core treat them as read-only."""
    read_version, tables = consistent.read(engine_for(url), [name for name in consistent.LOADERS if name not in LAZY])
    return Frames(url, read_version, tables)


@st.cache_resource(ttl=3600, max_entries=4, show_spinner=False)
def _lazy_table(url: str, version: tuple, name: str) -> pd.DataFrame:
    """Table ``name`` of data version ``version``, read once for every session; raises ``consistent.Moved``
    (never cached) when the database holds another version by now."""
    read_version, tables = consistent.read(engine_for(url), [name])
    if read_version != version:
        raise consistent.Moved(f"{name}: data version {read_version}, the other tables {version}")
    return tables[name]


def current_frames() -> Frames:
    eng = engine()
    return frames(config.database_url(), data_version(eng))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _cost_effectiveness(url: str, version: tuple, filters: metrics.Filters) -> pd.DataFrame:
    tables = frames(url, version)
    events = metrics.filter_events(tables["events"], filters)
    return budget.cost_effectiveness(events, tables["expenditures"], tables["participations"])


def cost_effectiveness(filters: metrics.Filters) -> pd.DataFrame:
    """Cost per event, participant, organisation … per measure, cached per filters and data version."""
    return _cost_effectiveness(config.database_url(), data_version(engine()), filters)


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _unit_metrics(url: str, version: tuple, filters: metrics.Filters, level: str) -> pd.DataFrame:
    tables = frames(url, version)
    events = metrics.filter_events(tables["events"], filters)
    return regions.unit_metrics(events, tables["participations"], tables["expenditures"], level)


def unit_metrics(filters: metrics.Filters, level: str) -> pd.DataFrame:
    """Per-unit metrics for the filters (a few dozen rows, cached per filters and data version)."""
    return _unit_metrics(config.database_url(), data_version(engine()), filters, level)


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _attendance_tables(url: str, version: tuple, filters: metrics.Filters, grain: str) -> dict:
    tables = frames(url, version)
    every, people = tables["events"], tables["participations"]
    events = metrics.filter_events(every, filters)
    transitions, journey = attendance.journeys(people, events)
    return {
        "per_period": attendance.by_period(events, grain),
        "per_year": attendance.by_period(events, "year"),
        "no_shows": attendance.no_shows(events),
        "returning": attendance.first_and_returning(people, every, events, grain),
        "transitions": transitions,
        "journey": journey,
        "mix_org_sector": attendance.mix(people, events, "org_sector", grain),
        "mix_org_size": attendance.mix(people, events, "org_size", grain),
        "by_region": attendance.by_region(events, grain),
        "notable": attendance.notable(events, every),
        "published": metrics.compare_published(every),
    }


def attendance_tables(filters: metrics.Filters, grain: str) -> dict:
    """Every aggregate the Attendance page draws, cached per filters, grain and data version."""
    return _attendance_tables(config.database_url(), data_version(engine()), filters, grain)


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _ledger(url: str, version: tuple) -> pd.DataFrame:
    tables = frames(url, version)
    return budget.ledger(tables["events"], tables["expenditures"], tables["budget"])


def ledger() -> pd.DataFrame:
    """Every euro spent, once (see ``budget.ledger``), cached per data version."""
    return _ledger(config.database_url(), data_version(engine()))


@st.cache_resource(ttl=3600, max_entries=4, show_spinner=False)
def _survey_waves(url: str, version: tuple) -> tuple[int, list[str]]:
    counts = consistent.read_at(engine_for(url), version, survey_db.waves)
    return int(counts["answers"].sum()), sorted(counts["wave"].dropna())


@st.cache_resource(ttl=3600, max_entries=4, show_spinner=False)
def _measures_taken(url: str, version: tuple) -> pd.DataFrame:
    tables = frames(url, version)
    return survey.measures_taken(tables["participations"], tables["events"])


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _survey_named(url: str, version: tuple, filters: metrics.Filters, wave: str, group: str) -> pd.DataFrame:
    return consistent.read_at(engine_for(url), version,
                              lambda connection: survey_db.named(connection, filters, wave, group))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _survey_reads(url: str, version: tuple, filters: metrics.Filters, wave: str) -> dict:
    return consistent.read_at(engine_for(url), version, lambda connection: survey_db.reads(connection, filters, wave))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _survey_change(url: str, version: tuple, filters: metrics.Filters) -> pd.DataFrame | None:
    waves = _survey_waves(url, version)[1]
    if len(waves) < 2:
        return None
    took_part = _measures_taken(url, version)
    return consistent.read_at(engine_for(url), version, lambda connection: survey_db.change(
        connection, filters, waves[0], waves[-1], took_part))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _survey_tables(url: str, version: tuple, filters: metrics.Filters, wave: str, group: str, public: bool) -> dict:
    events = metrics.filter_events(frames(url, version)["events"], filters)
    return survey_db.assemble(
        _survey_named(url, version, filters, wave, group), _survey_reads(url, version, filters, wave), group, public,
        _survey_waves(url, version)[1], events, _survey_change(url, version, filters))


def _current(read, *args):
    """``read(url, version, *args)`` for the current data version; if the database moves on while it reads,
    the script reruns with the new version (no page draws a mix of versions)."""
    try:
        return read(config.database_url(), data_version(engine()), *args)
    except consistent.Moved:
        st.rerun()
        raise


def survey_waves() -> tuple[int, list[str]]:
    """(answers, their waves in order), counted in the database, cached per data version."""
    return _current(_survey_waves)


def survey_tables(filters: metrics.Filters, wave: str, group: str, public: bool) -> dict:
    """Every aggregate the Barriers page draws, counted in the database (``survey_db``: the 1M answers are
    never read), cached per filters, wave, grouping, view and data version; a read is shared by every view,
    grouping and wave it does not depend on."""
    return _current(_survey_tables, filters, wave, group, public)
