"""Import history and rollback: every batch can be undone as a whole, and the undoing is recorded.

A rollback hides the batch's rows (they stay in the database, marked by the batch's ``rolled_back_at``)
and adds a "rollback" batch naming who did it and when. Importing rows with the same ids again later
replaces the hidden ones.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from . import i18n, records, store
from .messages import Msg
from .model import RECORD_TABLES, ImportBatch, SupersededRow
from .schemas import NATURAL_KEYS, SCHEMAS

ROLLBACK_KIND = "rollback"
ROLLBACK_NAME = re.compile(r"rollback of batch (?P<batch>\d+): (?P<file>.*)", re.DOTALL)  # a rollback's file_name


PASSWORD_SUFFIX = " (password)"
"""Recorded after the name of a password sign-in (in every language: the history is data)."""

SYSTEM_USERS = {"demo": "history_user_demo", "cli": "history_user_cli"}
"""Authors the app itself records (the demo loader, the command line's default); stored as these words."""


class RollbackRefused(ValueError):
    """The batch does not exist, is already rolled back, or is itself a rollback record (the reason is a
    ``Msg``: ``messages.say(error.args[0], lang)`` says it in the reader's language)."""


def history(engine: Engine) -> pd.DataFrame:
    """Every batch, newest first: id, kind, file, rows, provenance, user, created and rolled-back times."""
    with engine.connect() as connection:
        table = pd.read_sql(select(ImportBatch).order_by(ImportBatch.id.desc()), connection)
    return table.drop(columns=["sha256"])


def shown_user(user: str, lang: str) -> str:
    """A recorded user as ``lang`` says it: "Anna (password)" is "Anna (ar paroli)" in Latvian, the demo
    loader "demonstrācijas dati". What is stored stays as it is."""
    if user in SYSTEM_USERS:
        return i18n.t(SYSTEM_USERS[user], lang)
    if user.endswith(PASSWORD_SUFFIX):
        return user.removesuffix(PASSWORD_SUFFIX) + " " + i18n.t("editor_via_password", lang)
    return user


def file_label(kind: str, file_name: str, provenance: str, lang: str) -> str:
    """A rollback's own row names the batch it undid (stored in English) in ``lang``; so does a demo batch,
    stored as "demo:<kind>"; any other file name as recorded."""
    from .demo import PREFIX

    undone = ROLLBACK_NAME.fullmatch(file_name) if kind == ROLLBACK_KIND else None
    if undone:
        undone_file = file_label("", undone["file"], provenance, lang)
        return i18n.t("history_rollback_of", lang, batch=undone["batch"], file=undone_file)
    demo_kind = file_name.removeprefix(f"{PREFIX}:")
    if provenance == "demo" and demo_kind != file_name and demo_kind in SCHEMAS:
        return i18n.t("history_demo_file", lang, kind=i18n.t(f"kind_{demo_kind}", lang))
    return file_name


def shown_history(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`history` as the Data page and the command line show it in ``lang``: headers, kinds, file
    names, users, counts and times in the language's words and formats."""
    def when(value) -> str:
        return "—" if pd.isna(value) else i18n.fmt_datetime(pd.Timestamp(value).to_pydatetime(), lang)

    shown = history.assign(
        kind=history["kind"].map(lambda k: i18n.t(f"kind_{k}", lang)),
        file_name=[file_label(k, f, p, lang) for k, f, p in zip(history["kind"], history["file_name"],
                                                                history["provenance"], strict=True)],
        row_count=history["row_count"].map(lambda n: i18n.fmt_int(n, lang)),
        provenance=history["provenance"].map(lambda p: i18n.t(f"provenance_{p}", lang)),
        user=history["user"].map(lambda u: shown_user(u, lang)),
        created_at=history["created_at"].map(when), rolled_back_at=history["rolled_back_at"].map(when),
    )
    return shown.rename(columns=lambda c: i18n.t(f"history_{c}", lang))


def sha256s(engine: Engine, kind: str) -> list[str]:
    """Fingerprints of the files already imported as ``kind`` and not rolled back."""
    with engine.connect() as connection:
        return list(connection.scalars(select(ImportBatch.sha256).where(
            ImportBatch.kind == kind, ImportBatch.rolled_back_at.is_(None))))


def rollback(engine: Engine, batch_id: int, user: str) -> int:
    """Undo batch ``batch_id`` in one transaction and record it; returns the rows hidden or restored.

    Rows the batch added are hidden; rows it updated get their previous values (and batch) back.
    """
    with Session(engine) as session, session.begin():
        batch = session.get(ImportBatch, batch_id)
        if batch is None or batch.kind == ROLLBACK_KIND:
            raise RollbackRefused(Msg("rollback_no_batch", batch=str(batch_id)))
        if batch.rolled_back_at is not None:
            raise RollbackRefused(Msg("rollback_already", batch=str(batch_id), file=batch.file_name,
                                      when=f"{batch.rolled_back_at:%Y-%m-%d %H:%M}"))
        model = RECORD_TABLES[batch.kind]
        restored = 0
        for superseded in session.scalars(select(SupersededRow).where(SupersededRow.batch_id == batch_id)):
            record = session.get(model, superseded.row_id)
            for column, value in json.loads(superseded.data).items():
                setattr(record, column, records.restore_value(model, column, value))
            record.batch_id = superseded.previous_batch_id
            session.delete(superseded)
            restored += 1
        session.flush()
        rows = restored + session.scalar(select(func.count()).select_from(model).where(model.batch_id == batch_id))
        batch.rolled_back_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        store.add_batch(session, kind=ROLLBACK_KIND, file_name=f"rollback of batch {batch_id}: {batch.file_name}",
                        sha256=batch.sha256, row_count=rows, provenance=batch.provenance, user=user)
    return rows


def release_hidden_ids(session: Session, kind: str, ids: list[str]) -> int:
    """Delete rows of rolled-back batches whose ids a new import brings back (ids are unique per table)."""
    key = NATURAL_KEYS.get(kind)
    if key is None or not ids:
        return 0
    model = RECORD_TABLES[kind]
    hidden = select(ImportBatch.id).where(ImportBatch.rolled_back_at.is_not(None))
    removed = 0
    for start in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
        chunk = ids[start:start + 900]
        removed += session.execute(
            delete(model).where(getattr(model, key).in_(chunk), model.batch_id.in_(hidden))
        ).rowcount
        if start == 0 and session.scalar(select(model.id).where(model.batch_id.in_(hidden)).limit(1)) is None:
            break  # no rolled-back rows left in the table (the first delete still took the write lock)
    return removed


def roll_back_demo(engine: Engine, user: str) -> int:
    """Roll back every demo batch still in force (each rollback recorded); returns the rows hidden."""
    with engine.connect() as connection:
        ids = connection.scalars(select(ImportBatch.id).where(
            ImportBatch.provenance == "demo", ImportBatch.rolled_back_at.is_(None),
            ImportBatch.kind != ROLLBACK_KIND)).all()
    return sum(rollback(engine, batch_id, user) for batch_id in ids)
