"""Opening the database, creating the schema, and recording import batches."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from . import access, config, geography
from .model import PROVENANCES, Base, Event, ImportBatch, Municipality


def make_engine(url: str | None = None) -> Engine:
    """Engine for ``url`` (default: :func:`config.database_url`); SQLite gets WAL and foreign keys."""
    url = url or config.database_url()
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        _create_private_file(Path(url.removeprefix("sqlite:///")))
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

    return engine


def _create_private_file(path: Path) -> None:
    """A new database file readable by its owner only (0600), in a folder made 0700 if this creates it;
    SQLite gives its -wal and -shm files the database file's permissions."""
    access.make_private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # an empty file is an empty database


def init_db(engine: Engine) -> None:
    """Create missing tables, add columns newer than the database, and load the reference municipalities once."""
    Base.metadata.create_all(engine)
    add_new_columns(engine)
    add_new_indexes(engine)
    with Session(engine) as session, session.begin():
        if session.scalar(select(func.count()).select_from(Municipality)):
            return
        session.add_all(Municipality(**row) for row in geography.unit_records(current_only=False))


def add_new_columns(engine: Engine) -> list[str]:
    """Add the model's optional columns that an existing database lacks (``create_all`` only makes tables):
    ``ALTER TABLE … ADD COLUMN`` on SQLite and PostgreSQL; existing rows get NULL. Returns what was added."""
    added = []
    quote = engine.dialect.identifier_preparer.quote
    for table in Base.metadata.sorted_tables:
        present = {column["name"] for column in inspect(engine).get_columns(table.name)}
        for column in table.columns:
            if column.name in present or not column.nullable:
                continue
            statement = (f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} "
                         f"{column.type.compile(engine.dialect)}")
            try:
                with engine.begin() as connection:
                    connection.execute(text(statement))
            except DBAPIError:  # another process added it meanwhile
                if column.name not in {c["name"] for c in inspect(engine).get_columns(table.name)}:
                    raise
                continue
            added.append(f"{table.name}.{column.name}")
    return added


def add_new_indexes(engine: Engine) -> list[str]:
    """Create the model's indexes that an existing database lacks (``create_all`` makes them only with a new
    table); at 1M survey answers the first start after an upgrade spends a few seconds on them. Returns what
    was created."""
    created = []
    for table in Base.metadata.sorted_tables:
        present = {index["name"] for index in inspect(engine).get_indexes(table.name)}
        for index in sorted(table.indexes, key=lambda index: index.name):
            if index.name in present:
                continue
            try:
                index.create(engine, checkfirst=True)
            except DBAPIError:  # another process created it meanwhile
                if index.name not in {i["name"] for i in inspect(engine).get_indexes(table.name)}:
                    raise
                continue
            created.append(index.name)
    return created


def add_batch(
    session: Session,
    *,
    kind: str,
    file_name: str,
    sha256: str,
    row_count: int,
    provenance: str,
    user: str = "cli",
) -> ImportBatch:
    """Record a batch inside the caller's transaction and return it (with its id)."""
    if provenance not in PROVENANCES:
        raise ValueError(f"provenance must be one of {PROVENANCES}, not {provenance!r}")
    batch = ImportBatch(
        kind=kind,
        file_name=file_name,
        sha256=sha256,
        row_count=row_count,
        provenance=provenance,
        user=user,
        created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )
    session.add(batch)
    session.flush()
    return batch


def has_events(engine: Engine) -> bool:
    with Session(engine) as session:
        return bool(session.scalar(select(func.count()).select_from(Event)))


def bulk_insert(session: Session, model: type[Base], records: list[dict], batch_id: int) -> int:
    """Insert plain-dict rows (all with the same keys) into ``model``'s table, tagged with the batch."""
    if not records:
        return 0
    return insert_columns(session, model, {name: [record[name] for record in records] for name in records[0]},
                          batch_id)


def insert_columns(session: Session, model: type[Base], columns: dict[str, list], batch_id: int) -> int:
    """Insert rows given column by column (equal-length lists) inside the session's transaction.

    The values go to the driver as SQLAlchemy would send them (each column type's bind processor,
    Python-side column defaults for absent columns), but in one driver call per chunk instead of
    SQLAlchemy building a parameter dict per row — that bookkeeping cost more than the insert itself
    (about 1.6 s per 100k rows). PostgreSQL gets multi-row VALUES pages (``execute_values``).
    """
    rows = len(next(iter(columns.values()), []))
    if not rows:
        return 0
    table = model.__table__
    dialect = session.get_bind().dialect
    values = dict(columns)
    values["batch_id"] = [batch_id] * rows
    for column in table.columns:
        default = column.default
        if column.name not in values and default is not None and default.is_scalar:
            values[column.name] = [default.arg] * rows
    names = list(values)
    if dialect.name not in ("sqlite", "postgresql"):
        rows_as_dicts = [dict(zip(names, row, strict=True)) for row in zip(*values.values(), strict=True)]
        session.execute(table.insert(), rows_as_dicts)
        return rows
    for name in names:
        process = table.columns[name].type._cached_bind_processor(dialect)
        if process is not None:
            values[name] = [None if value is None else process(value) for value in values[name]]
    tuples = list(zip(*(values[name] for name in names), strict=True))
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    target = dialect.identifier_preparer.format_table(table)
    cursor = session.connection().connection.cursor()
    try:
        if dialect.name == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(cursor, f"INSERT INTO {target} ({quoted}) VALUES %s", tuples, page_size=1000)
        else:  # sqlite3's paramstyle is qmark
            marks = ", ".join(["?"] * len(names))
            cursor.executemany(f"INSERT INTO {target} ({quoted}) VALUES ({marks})", tuples)
    finally:
        cursor.close()
    return rows
