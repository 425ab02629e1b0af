"""Every table the pages read, and the data version, from one read transaction.

Several app processes may share one database (``python -m deploy``): each caches the tables keyed by the
data version, so an import, edit or rollback made through one process is loaded by every other on its
next rerun. Reading all tables and the version in one transaction (PostgreSQL: REPEATABLE READ, one
snapshot; SQLite: one BEGIN … COMMIT, one WAL snapshot) means no process ever holds a mix of tables
from before and after a write that committed while it was reading. A table read on its own later (the
million-row survey, only when a page asks for it) is read with the version too, and used only if the
version is still the one of the other tables.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import TypeVar

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from . import metrics
from .model import ImportBatch

T = TypeVar("T")

LOADERS = {
    "events": metrics.load_events,
    "participations": metrics.load_participations,
    "budget": metrics.load_budget,
    "expenditures": metrics.load_expenditures,
    "context": metrics.load_context,
    "survey": metrics.load_survey,
    "batches": lambda connection: pd.read_sql(
        select(ImportBatch).where(ImportBatch.rolled_back_at.is_(None)), connection),
}


class Moved(Exception):
    """The database holds another data version than the tables a later read was to join."""


def data_version(source: Engine | Connection) -> tuple[int, int | None, int]:
    """(batches, newest batch id, rolled-back batches): every import, update, edit and rollback writes a
    batch (a rollback also marks the one it undoes), so any change of the data changes this."""
    query = select(func.count(ImportBatch.id), func.max(ImportBatch.id), func.count(ImportBatch.rolled_back_at))
    if isinstance(source, Connection):
        return tuple(source.execute(query).one())
    with source.connect() as connection:
        return tuple(connection.execute(query).one())


def read_all(engine: Engine) -> tuple[tuple, dict[str, pd.DataFrame]]:
    """(data version, every table) as of one moment of the database."""
    return read(engine, LOADERS)


@contextmanager
def snapshot(engine: Engine):
    """(data version, connection) in one read transaction: everything read on that connection is of that
    version (PostgreSQL: REPEATABLE READ, one snapshot; SQLite: one BEGIN … COMMIT, one WAL snapshot)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN")  # pysqlite starts no transaction before a SELECT by itself
            yield data_version(connection), connection


def read(engine: Engine, names) -> tuple[tuple, dict[str, pd.DataFrame]]:
    """(data version, the tables ``names``) as of one moment of the database: a table read later than the
    others belongs with them only if its version is theirs."""
    with snapshot(engine) as (version, connection):
        return version, {name: LOADERS[name](connection) for name in names}


def read_at(engine: Engine, version: tuple, reader: Callable[[Connection], T]) -> T:
    """``reader(connection)`` as of data version ``version``; raises :class:`Moved` when the database holds
    another one by now (the caller's other tables would not match what it reads)."""
    with snapshot(engine) as (read_version, connection):
        if read_version != version:
            raise Moved(f"data version {read_version}, the caller's tables {version}")
        return reader(connection)
