"""Editing records in the browser: the current rows in the import contract's columns, and what changed.

Edits go through the importer (same validation, one transaction, a batch recording who), so the
editor is just another way of writing an import file.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from . import templates
from .model import RECORD_TABLES, ImportBatch
from .records import PLACE_COLUMNS, RENAMED_COLUMNS
from .schemas import NATURAL_KEYS, ColumnSpec, columns

EDITABLE = tuple(NATURAL_KEYS)  # kinds whose rows have an id to update by


def current(engine: Engine, kind: str, lang: str | None = None) -> pd.DataFrame:
    """Active rows of ``kind`` in the contract's column order, as text (what a file would hold).

    With ``lang``, choices and yes/no are written as that language's template writes them ("hakatons", "jā"):
    the importer reads them back to the same codes, so a Latvian editor never sees an English code."""
    model = RECORD_TABLES[kind]
    query = select(model).join(ImportBatch, ImportBatch.id == model.batch_id).where(
        ImportBatch.rolled_back_at.is_(None)).order_by(model.id)
    with engine.connect() as connection:
        stored = pd.read_sql(query, connection)
    table = pd.DataFrame(index=stored.index)
    for spec in columns(kind):
        source = PLACE_COLUMNS.get(spec.name, RENAMED_COLUMNS.get(spec.name, spec.name))
        table[spec.name] = stored.get(source)
    table = as_text(table)
    if lang is not None:
        for spec in columns(kind):
            if spec.kind in ("choice", "bool"):
                table[spec.name] = table[spec.name].map(lambda code, spec=spec: _label(spec, code, lang))
    return table


def _label(spec: ColumnSpec, code: str, lang: str) -> str:
    if not code:
        return code
    if spec.kind == "bool":
        return templates.written(code, lang)
    return templates.choice_label(spec, code, lang)


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """Cells as text: empty for missing, whole numbers without ".0", dates as ISO."""
    def cell(value) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, bool):
            return "yes" if value else "no"
        if hasattr(value, "isoformat"):
            return value.isoformat()[:10]
        return str(value)

    return table.apply(lambda column: column.map(cell)).astype(object).reset_index(drop=True)


def changes(before: pd.DataFrame, after: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Rows of ``after`` that are new or differ from ``before`` (matched by the kind's id)."""
    key = NATURAL_KEYS[kind]
    after = as_text(after)
    previous = before.set_index(key)
    changed = []
    for _, row in after.iterrows():
        if not any(str(v).strip() for v in row):
            continue  # an empty row added and left blank
        old = previous.loc[row[key]] if row[key] in previous.index else None
        if old is None or any(str(old[c]) != str(row[c]) for c in after.columns if c != key):
            changed.append(row)
    return pd.DataFrame(changed, columns=after.columns).reset_index(drop=True)
