"""Export every table as CSV, safe to open in a spreadsheet.

The rule, the same for every download (exports, validation report, page CSV/XLSX, slide data):
a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — so that a
spreadsheet would run it as a formula — gets a leading ``'``, unless the whole cell is a plain number
(``-5``, ``+3,5``, ``1e3``: those stay numbers). A cell that already starts with ``'`` and one of those
characters gets one more ``'``. On import (:func:`unescape_formulas`), a cell that starts with ``'`` and,
after any further ``'``, one of those characters loses its first ``'`` — so export → import gives back
exactly what was exported.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from .model import Base

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")  # what unescaping takes one ``'`` from


def escape_cell(value):
    """``value`` with a leading ``'`` if a spreadsheet would run it as a formula (or if it already looks
    escaped, so that unescaping gives it back); anything else unchanged."""
    if not isinstance(value, str):
        return value
    if (value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)) or _ESCAPED.match(value):
        return "'" + value
    return value


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and header through :func:`escape_cell`; numbers (and numeric columns) stay numbers."""
    out = frame.rename(columns=escape_cell)
    for position in range(out.shape[1]):
        values = out.iloc[:, position]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out.isetitem(position, values.map(escape_cell))
    return out


def unescape_formulas(text: pd.Series) -> pd.Series:
    """Text cells of an imported file with the export's escape removed (``'=1`` → ``=1``)."""
    return text.mask(text.str.match(_ESCAPED), text.str.slice(1))


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
