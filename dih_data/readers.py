"""Reading CSV and XLSX files as they really arrive, into a table of text cells.

Everything is read as text; parsing numbers and dates (decimal commas, no-break-space thousands,
``dd.mm.yyyy``) is the validator's job, so that a bad cell becomes a message, not a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import defusedxml  # noqa: F401  (openpyxl parses XLSX safely only when defusedxml is installed)
import pandas as pd

MAX_ROWS = 2_000_000
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
FIRST_DATA_ROW = 2  # the header is row 1, as a spreadsheet shows it


class UnreadableFile(ValueError):
    """The file is not a table we can read; the message says what to do."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1257 — the Baltic encoding of Latvian Excel."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1257")


def sniff_separator(header_line: str) -> str:
    """The separator that splits the header into the most columns (headers hold no decimals)."""
    counts = {sep: len(next(csv.reader([header_line], delimiter=sep))) for sep in (";", "\t", ",")}
    return max(counts, key=counts.get)


def read_csv_text(text: str) -> pd.DataFrame:
    header_line = text.split("\n", 1)[0]
    frame = pd.read_csv(
        io.StringIO(text), sep=sniff_separator(header_line), dtype=str, keep_default_na=False,
        skip_blank_lines=True, engine="c",
    )
    return frame


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes, file_name: str):
    """The first sheet's rows as lists of text cells, refusing workbooks that unpack too large."""
    from openpyxl import load_workbook

    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
        raise UnreadableFile(
            f"{file_name}: the workbook unpacks to more than {MAX_XLSX_UNCOMPRESSED // 2**20} MB. "
            "Save only the sheet with your table, or export it as CSV."
        )
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    for count, row in enumerate(sheet.iter_rows(values_only=True)):
        if count > MAX_ROWS:
            raise UnreadableFile(f"{file_name}: more than {MAX_ROWS:,} rows. Split the file and import the parts.")
        yield [_cell_text(v) for v in row]


def read_xlsx(data: bytes, file_name: str) -> pd.DataFrame:
    rows = _xlsx_rows(data, file_name)
    header = [v.strip() for v in next(rows, [])]
    body = [row[: len(header)] for row in rows]
    return pd.DataFrame(body, columns=header).fillna("")


def _checked_bytes(source: str | Path | bytes, file_name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, file_name or "upload"
    return Path(source).read_bytes(), file_name or Path(source).name


def _text(data: bytes, file_name: str) -> str:
    """The file's text, after refusing binary content and empty files with advice."""
    if b"\x00" in data[:4096]:
        raise UnreadableFile(
            f"{file_name}: this is not a CSV or XLSX file (binary content). Save it from Excel as "
            "'CSV UTF-8' or as an .xlsx workbook."
        )
    text = decode(data)
    if not text.strip():
        raise UnreadableFile(f"{file_name}: the file is empty. Use the template and fill in at least one row.")
    return text


def _unreadable_xlsx(file_name: str, error: Exception) -> UnreadableFile:
    return UnreadableFile(f"{file_name}: not a readable XLSX workbook ({error}). Save it again from Excel.")


XLSX_ERRORS = (zipfile.BadZipFile, KeyError, StopIteration)


def read_table(source: str | Path | bytes, file_name: str | None = None) -> pd.DataFrame:
    """The first table of a CSV or XLSX file as text cells; raises UnreadableFile with advice."""
    data, file_name = _checked_bytes(source, file_name)
    if data.startswith(b"PK\x03\x04"):
        try:
            return read_xlsx(data, file_name)
        except XLSX_ERRORS as error:
            raise _unreadable_xlsx(file_name, error) from error
    frame = read_csv_text(_text(data, file_name))
    if len(frame) > MAX_ROWS:
        raise UnreadableFile(f"{file_name}: more than {MAX_ROWS:,} rows. Split the file and import the parts.")
    return frame


def read_rows(source: str | Path | bytes, file_name: str | None = None) -> list[list[str]]:
    """Every row of a small CSV or XLSX file as text cells, title lines included (for PxWeb exports).

    The separator is the one that splits some line of the first 20 into the most cells, since a
    title line above the table holds no separator at all.
    """
    data, file_name = _checked_bytes(source, file_name)
    if data.startswith(b"PK\x03\x04"):
        try:
            return list(_xlsx_rows(data, file_name))
        except XLSX_ERRORS as error:
            raise _unreadable_xlsx(file_name, error) from error
    lines = _text(data, file_name).splitlines()
    separator = max((";", "\t", ","), key=lambda sep: max(len(next(csv.reader([line], delimiter=sep), []))
                                                           for line in lines[:20]))
    rows = list(csv.reader(lines, delimiter=separator))
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(f"{file_name}: more than {MAX_ROWS:,} rows. Split the file and import the parts.")
    return rows
