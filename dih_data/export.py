"""Export every table as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

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
