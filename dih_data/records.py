"""Writing clean, canonical-column frames into the store as one batch (shared by imports and demo)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import geography, progress, store
from .model import RECORD_TABLES, ImportBatch, SupersededRow
from .schemas import NATURAL_KEYS

PLACE_COLUMNS = {"municipality": "municipality_atvk"}
"""Contract column → model column where the value is a place resolved to today's ATVK code."""

RENAMED_COLUMNS = {"area": "area_code"}
"""Contract column → model column where the names differ."""

INSERT_CHUNK = 20_000


def frame_sha256(frame: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes()).hexdigest()


def to_columns(kind: str, frame: pd.DataFrame) -> dict[str, list]:
    """Contract columns → model columns (name → values); places become today's ATVK codes; NaN becomes NULL."""
    model = RECORD_TABLES[kind]
    columns = set(model.__table__.columns.keys())
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        if name in PLACE_COLUMNS:
            codes = {value: geography.resolve(value).atvk for value in frame[name].dropna().unique()}
            out[PLACE_COLUMNS[name]] = frame[name].map(codes)
            if "municipality_as_given" in columns:
                out["municipality_as_given"] = frame[name]
        elif RENAMED_COLUMNS.get(name, name) in columns:
            out[RENAMED_COLUMNS.get(name, name)] = frame[name]
    out = out.astype(object).where(out.notna(), None)
    return {name: out[name].tolist() for name in out.columns}


def to_rows(kind: str, frame: pd.DataFrame) -> list[dict]:
    """:func:`to_columns` as one dict per row."""
    columns = to_columns(kind, frame)
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def insert_frame(
    session: Session, kind: str, frame: pd.DataFrame, *, file_name: str, sha256: str, provenance: str, user: str
) -> int:
    """Add one batch and its rows inside the caller's transaction; returns the batch id."""
    batch = store.add_batch(
        session, kind=kind, file_name=file_name, sha256=sha256, row_count=len(frame), provenance=provenance, user=user
    )
    columns = to_columns(kind, frame)
    model = RECORD_TABLES[kind]
    for start in range(0, len(frame), INSERT_CHUNK):
        chunk = {name: values[start : start + INSERT_CHUNK] for name, values in columns.items()}
        store.insert_columns(session, model, chunk, batch.id)
        if progress.enabled():  # what the open transaction itself holds, for the crash-safety tests
            progress.reached("rows_written", batch_id=batch.id, rows_in_transaction=session.scalar(
                select(func.count()).select_from(model).where(model.batch_id == batch.id)))
    return batch.id


def _plain(value):
    """A stored or parsed cell as a comparable, JSON-safe value (dates as ISO text, NaN as None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def restore_value(model, column: str, value):
    """A JSON-stored previous value back in its column's Python type."""
    if value is None:
        return None
    kind = model.__table__.columns[column].type.python_type
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    return kind(value)


def upsert_frame(
    session: Session, kind: str, frame: pd.DataFrame, *, file_name: str, sha256: str, provenance: str, user: str
) -> tuple[int, dict[str, int]]:
    """Add new rows and update rows whose id exists (their previous values kept for rollback) as one batch.

    Returns (batch id, {"added", "updated", "unchanged"}); unchanged rows are left untouched.
    """
    key = NATURAL_KEYS[kind]
    model = RECORD_TABLES[kind]
    rows = to_rows(kind, frame)
    ids = [row[key] for row in rows if row.get(key) is not None]
    current = {}
    for start in range(0, len(ids), 900):
        query = (select(model).join(ImportBatch, ImportBatch.id == model.batch_id)
                 .where(ImportBatch.rolled_back_at.is_(None), getattr(model, key).in_(ids[start:start + 900])))
        current.update({getattr(record, key): record for record in session.scalars(query)})
    new, changed, unchanged = [], [], 0
    for row in rows:
        record = current.get(row.get(key))
        if record is None:
            new.append(row)
            continue
        differences = {c: v for c, v in row.items() if _plain(getattr(record, c)) != _plain(v)}
        if differences:
            changed.append((record, differences))
        else:
            unchanged += 1
    batch = store.add_batch(session, kind=kind, file_name=file_name, sha256=sha256,
                            row_count=len(new) + len(changed), provenance=provenance, user=user)
    for start in range(0, len(new), INSERT_CHUNK):
        store.bulk_insert(session, model, new[start : start + INSERT_CHUNK], batch.id)
    for record, differences in changed:
        previous = {c: _plain(getattr(record, c)) for c in differences}
        session.add(SupersededRow(batch_id=batch.id, kind=kind, row_id=record.id,
                                  previous_batch_id=record.batch_id, data=json.dumps(previous)))
        for column, value in differences.items():
            setattr(record, column, restore_value(model, column, _plain(value)))
        record.batch_id = batch.id
    return batch.id, {"added": len(new), "updated": len(changed), "unchanged": unchanged}
