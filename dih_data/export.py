"""Export every table as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from .model import Base

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with ``'``; numbers stay numbers."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            text = out[column]
            risky = text.map(lambda value: isinstance(value, str) and value.startswith(FORMULA_START))
            out[column] = text.mask(risky, "'" + text.astype(str))
    return out


def tables(engine: Engine) -> dict[str, pd.DataFrame]:
    """Every table, formula-escaped, by table name."""
    with engine.connect() as connection:
        return {table.name: escape_formulas(pd.read_sql(table.select(), connection))
                for table in Base.metadata.sorted_tables}


IMPORT_ORDER = ("organisations", "events", "participations", "budget", "expenditures", "survey", "context")
"""Kinds in an order in which their files import (participations refer to events and organisations)."""


def importable(engine: Engine) -> dict[str, pd.DataFrame]:
    """The active records of every kind in the import contract's columns, ready to import elsewhere."""
    from .editing import current

    return {kind: escape_formulas(current(engine, kind)) for kind in IMPORT_ORDER}


def zip_bytes(engine: Engine) -> bytes:
    """A ZIP of one UTF-8 (BOM) CSV per database table, plus ``import/<kind>.csv`` files in the import
    contract's columns that import as they are into another installation."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables(engine).items():
            archive.writestr(f"{name}.csv", frame.to_csv(index=False).encode("utf-8-sig"))
        for kind, frame in importable(engine).items():
            archive.writestr(f"import/{kind}.csv", frame.to_csv(index=False, sep=";").encode("utf-8-sig"))
    return buffer.getvalue()


def workbook_bytes(engine: Engine) -> bytes:
    """One XLSX workbook with a sheet per table (Excel's sheet names are at most 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables(engine).items():
            frame.to_excel(writer, index=False, sheet_name=name[:31])
    return buffer.getvalue()


def export_all(engine: Engine, directory: str | Path) -> list[Path]:
    """One UTF-8 (BOM) CSV per table, so Excel shows Latvian letters right."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            frame = pd.read_sql(table.select(), connection)
            path = directory / f"{table.name}.csv"
            escape_formulas(frame).to_csv(path, index=False, encoding="utf-8-sig")
            paths.append(path)
    return paths


def filtered_workbook(frames: dict[str, pd.DataFrame], filters, note: str) -> bytes:
    """The filtered data behind the views as one XLSX: events in the filters, who attended them, the
    expenditures linked to them, and a sheet stating the filters, source and date."""
    from .metrics import filter_events

    events = filter_events(frames["events"], filters)
    sheets = {
        "events": events,
        "participations": frames["participations"][frames["participations"]["event_id"].isin(events["event_id"])],
        "expenditures": frames["expenditures"][frames["expenditures"]["event_id"].isin(events["event_id"])],
        "about": pd.DataFrame({"note": [note]}),
    }
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            table = frame.copy()
            for column in table.select_dtypes(include=["datetimetz"]).columns:
                table[column] = table[column].dt.tz_localize(None)
            escape_formulas(table).to_excel(writer, index=False, sheet_name=name)
    return buffer.getvalue()
