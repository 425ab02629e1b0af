"""Export every table as CSV, safe to open in a spreadsheet, in one layout for the Data page and the CLI.

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

from . import i18n
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

IMPORT_FOLDER, RAW_FOLDER = "import", "raw"

README = f"""DIH Insight — eksports / export

{IMPORT_FOLDER}/<veids>.csv — importa faili: importējiet tos citā instalācijā tādus, kādi tie ir (lapā
"Dati" vai ar komandu import), šādā secībā: {", ".join(IMPORT_ORDER)}.
{RAW_FOLDER}/ — datubāzes tabulas tādas, kādas tās glabātas (iekšējie ID, kodi, vēsture); tās NAV importa faili.

{IMPORT_FOLDER}/<kind>.csv — import files: import them as they are into another installation (on the
Data page or with the import command), in this order: {", ".join(IMPORT_ORDER)}.
{RAW_FOLDER}/ — the database tables as stored (internal ids, codes, history); these are NOT import files.
"""

RAW_README = f"""Datubāzes tabulas, kā tās glabātas; tās NAV importa faili: importējiet ../{IMPORT_FOLDER}/*.csv.
The database tables as stored; these are NOT import files: import ../{IMPORT_FOLDER}/*.csv instead.
"""


def importable(engine: Engine) -> dict[str, pd.DataFrame]:
    """The active records of every kind in the import contract's columns, ready to import elsewhere."""
    from .editing import current

    return {kind: escape_formulas(current(engine, kind)) for kind in IMPORT_ORDER}


def export_files(engine: Engine) -> dict[str, bytes]:
    """Every file of an export by its relative path — the one layout of the Data page's ZIP and the CLI's
    ``export DIR``: ``import/<kind>.csv`` in the import contract's columns (';'-separated, as the
    templates) that import as they are, the raw tables under ``raw/`` with a note that they are not
    import files, and a README saying so in Latvian and English. CSVs are UTF-8 with BOM for Excel."""
    files = {"README.txt": README.encode("utf-8-sig")}
    for kind, frame in importable(engine).items():
        files[f"{IMPORT_FOLDER}/{kind}.csv"] = frame.to_csv(index=False, sep=";").encode("utf-8-sig")
    files[f"{RAW_FOLDER}/README.txt"] = RAW_README.encode("utf-8-sig")
    for name, frame in tables(engine).items():
        files[f"{RAW_FOLDER}/{name}.csv"] = frame.to_csv(index=False).encode("utf-8-sig")
    return files


def zip_bytes(engine: Engine) -> bytes:
    """The export (see :func:`export_files`) as one ZIP, for the Data page's download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in export_files(engine).items():
            archive.writestr(path, data)
    return buffer.getvalue()


def workbook_bytes(engine: Engine) -> bytes:
    """One XLSX workbook with a sheet per table (Excel's sheet names are at most 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables(engine).items():
            frame.to_excel(writer, index=False, sheet_name=name[:31])
    return buffer.getvalue()


def export_all(engine: Engine, directory: str | Path) -> list[Path]:
    """The export (see :func:`export_files`) written into ``directory``, for the CLI; returns the paths."""
    directory = Path(directory)
    paths = []
    for relative, data in export_files(engine).items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
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


# --- page downloads: what a reader sees, for a spreadsheet in the reader's language --------------------

SHARE_LIMIT = 1.5  # a float column within ±1.5 holds shares: kept as fractions with a % number format


def csv_separator(lang: str) -> str:
    """``;`` where the decimal sign is a comma (Latvian Excel reads ``,`` as a decimal), else ``,``."""
    return ";" if i18n.chart_locale(lang)["number"]["decimal"] == "," else ","


def _is_share(values: pd.Series) -> bool:
    return pd.api.types.is_float_dtype(values) and bool(values.dropna().abs().le(SHARE_LIMIT).all())


def for_readers(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Headers in ``lang`` (``col_<name>`` messages), yes/no in words, whole numbers without ``.0`` and
    other numbers rounded as the pages show them (shares to 0.1 %, the rest to one decimal)."""
    out = escape_formulas(table.reset_index(drop=True))
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_bool_dtype(values):
            out[column] = values.map({True: i18n.t("yes", lang), False: i18n.t("no", lang)})
        elif pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            out[column] = values.round().astype("Int64")
        elif _is_share(values):
            out[column] = values.round(3)
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(1)
        elif isinstance(values.dtype, pd.PeriodDtype):
            out[column] = values.map(lambda period: i18n.fmt_period(period, lang))
    return out.rename(columns=lambda c: i18n.t(f"col_{c}", lang) if i18n.has(f"col_{c}") else c)


def page_csv(table: pd.DataFrame, lang: str, note: str | None = None) -> bytes:
    """UTF-8 with BOM; ``;`` and decimal comma for Latvian, ``,`` and point for English; the note last."""
    separator = csv_separator(lang)
    decimal = i18n.chart_locale(lang)["number"]["decimal"]
    text = for_readers(table, lang).to_csv(index=False, sep=separator, decimal=decimal)
    return (text + (f"# {note}\n" if note else "")).encode("utf-8-sig")


def page_xlsx(table: pd.DataFrame, lang: str, note: str) -> bytes:
    """Numbers stay numbers, with number formats (grouping, 0.0 %) that Excel shows in its own locale."""
    readable = for_readers(table, lang)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        readable.to_excel(writer, index=False, sheet_name="data")
        pd.DataFrame({i18n.t("note", lang): [note]}).to_excel(writer, index=False, sheet_name="about")
        sheet = writer.sheets["data"]
        for position, column in enumerate(readable.columns, start=1):
            values = readable[column]
            if not pd.api.types.is_numeric_dtype(values):
                continue
            number_format = ("0.0%" if _is_share(values) else "#,##0.0" if pd.api.types.is_float_dtype(values)
                             else "#,##0")
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.number_format = number_format
    return buffer.getvalue()
