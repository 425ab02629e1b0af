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


def read_xlsx(data: bytes, file_name: str) -> pd.DataFrame:
    from openpyxl import load_workbook

    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
        raise UnreadableFile(
            f"{file_name}: the workbook unpacks to more than {MAX_XLSX_UNCOMPRESSED // 2**20} MB. "
            "Save only the sheet with your table, or export it as CSV."
        )
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_text(v).strip() for v in next(rows, [])]
    body = []
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            raise UnreadableFile(f"{file_name}: more than {MAX_ROWS:,} rows. Split the file and import the parts.")
        body.append([_cell_text(v) for v in row[: len(header)]])
    return pd.DataFrame(body, columns=header).fillna("")


def read_table(source: str | Path | bytes, file_name: str | None = None) -> pd.DataFrame:
    """The first table of a CSV or XLSX file as text cells; raises UnreadableFile with advice."""
    if isinstance(source, bytes):
        data, file_name = source, file_name or "upload"
    else:
        data, file_name = Path(source).read_bytes(), file_name or Path(source).name
    if data.startswith(b"PK\x03\x04"):
        try:
            return read_xlsx(data, file_name)
        except (zipfile.BadZipFile, KeyError, StopIteration) as error:
            raise UnreadableFile(f"{file_name}: not a readable XLSX workbook ({error}). Save it again from Excel.") \
                from error
    if b"\x00" in data[:4096]:
        raise UnreadableFile(
            f"{file_name}: this is not a CSV or XLSX file (binary content). Save it from Excel as "
            "'CSV UTF-8' or as an .xlsx workbook."
        )
    text = decode(data)
    if not text.strip():
        raise UnreadableFile(f"{file_name}: the file is empty. Use the template and fill in at least one row.")
    frame = read_csv_text(text)
    if len(frame) > MAX_ROWS:
        raise UnreadableFile(f"{file_name}: more than {MAX_ROWS:,} rows. Split the file and import the parts.")
    return frame
