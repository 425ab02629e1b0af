"""Writing clean, canonical-column frames into the store as one batch (shared by imports and demo)."""

from __future__ import annotations

import hashlib

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from . import geography, store
from .model import RECORD_TABLES

PLACE_COLUMNS = {"municipality": "municipality_atvk"}
"""Contract column → model column where the value is a place resolved to today's ATVK code."""

RENAMED_COLUMNS = {"area": "area_code"}
"""Contract column → model column where the names differ."""

INSERT_CHUNK = 20_000


def frame_sha256(frame: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes()).hexdigest()


def to_rows(kind: str, frame: pd.DataFrame) -> list[dict]:
    """Contract columns → model columns; places become today's ATVK codes; NaN becomes NULL."""
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
    return out.to_dict("records")


def insert_frame(
    session: Session, kind: str, frame: pd.DataFrame, *, file_name: str, sha256: str, provenance: str, user: str
) -> int:
    """Add one batch and its rows inside the caller's transaction; returns the batch id."""
    batch = store.add_batch(
        session, kind=kind, file_name=file_name, sha256=sha256, row_count=len(frame), provenance=provenance, user=user
    )
    rows = to_rows(kind, frame)
    model = RECORD_TABLES[kind]
    for start in range(0, len(rows), INSERT_CHUNK):
        store.bulk_insert(session, model, rows[start : start + INSERT_CHUNK], batch.id)
    return batch.id


def import_frames(engine: Engine, frames: dict[str, pd.DataFrame], *, provenance: str, user: str, prefix: str) -> dict:
    """Insert several kinds in one transaction (all or nothing); returns kind → batch id."""
    with Session(engine) as session, session.begin():
        return {
            kind: insert_frame(
                session, kind, frame, file_name=f"{prefix}:{kind}", sha256=frame_sha256(frame),
                provenance=provenance, user=user,
            )
            for kind, frame in frames.items()
        }
