"""Reading CSV and XLSX files as they really arrive, into a table of text cells.

This is the one reading layer: whatever the bytes, the result is a table of text cells or an
``UnreadableFile`` naming the file, the line where known, and what to do — never another exception.
Everything is read as text; parsing numbers and dates is the validator's job, so that a bad cell
becomes a message about that cell.

Rules (stated in the README): text is UTF-8 (with or without BOM); a file that is not UTF-8 at all
is read in the Latvian/Western Windows code page that fits it (a warning names it); a UTF-8 file
with a few broken bytes is refused rather than guessed. Rows are numbered as a spreadsheet shows
them (the header is row 1 when it is the first line); blank rows are skipped but keep their number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import operator
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import defusedxml  # noqa: F401  (openpyxl parses XLSX safely only when defusedxml is installed)
import numpy as np
import pandas as pd

from .messages import Msg

MAX_COLUMNS = 200
MAX_XLSX_PARTS = 2_000
MAX_XML_TAG = 65_536  # a longer tag is never written by a spreadsheet program, and parses in quadratic time
MAX_MULTILINE_CELL = 200  # lines one quoted CSV cell may span before we call it an unclosed quote
MAX_SNIFFED_CHARS = 65_536
MAX_WIDE_ROWS = 100_000  # rows of a file read whole by read_rows (PxWeb exports have hundreds)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
FIRST_DATA_ROW = 2  # the header is row 1, as a spreadsheet shows it
ENCODING_NAMES = {"utf-8": "UTF-8", "cp1257": "Windows-1257 (Baltic)", "cp1252": "Windows-1252 (Western)",
                  "iso8859_13": "ISO-8859-13 (Baltic)"}
CODE_PAGES = ("cp1257", "cp1252", "iso8859_13")  # tried in this order when the file is not UTF-8
LATVIAN_LETTERS = re.compile("[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
UNLIKELY_IN_LATVIAN = re.compile("[ąęėįųćńśźżĄĘĖĮŲĆŃŚŹŻàâãåæçèëìîïðñòôõøùûýþÿÀÂÃÅÆÇÈËÌÎÏÐÑÒÔÕØÙÛÝÞ˛ˇ]")
NEVER_IN_TEXT = re.compile("[˙˛ˇ¨¸¯´¤¦¬\u00ad]")  # what stray bytes look like in a code page, not what people type
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SAVE_AS_CSV = Msg("reader_save_as_csv")


@dataclass(frozen=True)
class Limits:
    """How much one file may hold: rows (blank ones counted), unpacked XLSX size, seconds of XLSX parsing."""

    rows: int
    unpacked_mb: int
    seconds: float | None


COMMAND_LINE = Limits(rows=2_000_000, unpacked_mb=400, seconds=None)
UPLOAD = Limits(rows=100_000, unpacked_mb=64, seconds=8.0)  # the browser: ≤ 10 s and ≤ 500 MB per file


class UnreadableFile(ValueError):
    """The file is not a table we can read; carries the line (when known) and what to do."""

    def __init__(self, message: str, fix: str = SAVE_AS_CSV, line: int | None = None):
        super().__init__(message)
        self.fix = fix
        self.line = line


# --- bytes → text -------------------------------------------------------------------------------------
def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode(data: bytes, file_name: str = "upload") -> tuple[str, str]:
    """The file's text and the encoding used: UTF-8 strictly, else the one Windows code page that fits.

    A file that is mostly valid UTF-8 but has broken bytes is refused (naming the line): decoding it
    as a code page would store every ā, š, ž as two wrong characters.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    lenient = body.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    valid_non_ascii = len(re.findall("[^\x00-\x7f\ufffd]", lenient))
    if body is not data or valid_non_ascii >= broken:
        line = _line_of(body, first_bad)
        raise UnreadableFile(
            Msg("reader_broken_utf8_many" if broken > 1 else "reader_broken_utf8_one", file=file_name, line=line,
                n=broken), Msg("reader_broken_utf8_fix", line=line), line)
    fits = []
    for rank, encoding in enumerate(CODE_PAGES):
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        if CONTROL.search(text):
            continue
        score = len(LATVIAN_LETTERS.findall(text)) - 2 * len(UNLIKELY_IN_LATVIAN.findall(text))
        fits.append((score, -rank, encoding, text))
    if not fits:
        raise UnreadableFile(Msg("reader_no_encoding", file=file_name), line=_line_of(body, first_bad))
    _, _, encoding, text = max(fits)
    odd = NEVER_IN_TEXT.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        raise UnreadableFile(Msg("reader_odd_character", file=file_name, encoding=ENCODING_NAMES[encoding], line=line,
                                 character=repr(odd.group())), Msg("reader_odd_character_fix", line=line), line)
    return text, encoding


def _text(data: bytes, file_name: str) -> tuple[str, str]:
    """The file's text and encoding, after refusing binary content and empty files with advice."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(Msg("reader_utf16", file=file_name))
    if b"\x00" in data:
        raise UnreadableFile(Msg("reader_binary", file=file_name), line=_line_of(data, data.index(b"\x00")))
    text, encoding = decode(data, file_name)
    if not text.strip():
        raise UnreadableFile(Msg("reader_empty", file=file_name), Msg("reader_empty_fix"))
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise UnreadableFile(Msg("reader_control_character", file=file_name, line=line,
                                 character=repr(control.group())), SAVE_AS_CSV, line)
    return text, encoding


# --- CSV --------------------------------------------------------------------------------------------
def sniff_separator(lines: list[str]) -> str:
    """The separator that splits some of the given lines into the most cells (';' wins ties)."""
    short = [line[:MAX_SNIFFED_CHARS] for line in lines]  # a longer cell would trip the csv field limit

    def widest(separator: str) -> int:
        return max((len(cells) for cells in csv.reader(short, delimiter=separator)), default=0)

    counts = {separator: widest(separator) for separator in (";", "\t", ",")}
    return max(counts, key=counts.get)


def _csv_records(text: str, separator: str, file_name: str):
    """(row number, physical line, cells) per record, slowly but exactly; csv errors become UnreadableFile."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    row = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _csv_error(error, file_name, line) from error
        row += 1
        if reader.line_num - line >= MAX_MULTILINE_CELL:
            raise UnreadableFile(Msg("reader_open_quote", file=file_name, line=line, n=reader.line_num - line + 1),
                                 Msg("reader_close_quote_fix", line=line), line)
        yield row, line, cells


def _csv_error(error: csv.Error, file_name: str, line: int) -> UnreadableFile:
    if "field larger than field limit" in str(error):
        return UnreadableFile(Msg("reader_long_cell", file=file_name, line=line, limit=csv.field_size_limit()),
                              Msg("reader_long_cell_fix"), line)
    if "unexpected end of data" in str(error):
        return UnreadableFile(Msg("reader_quote_never_closed", file=file_name, line=line),
                              Msg("reader_close_quote_fix", line=line), line)
    if "expected after" in str(error):
        return UnreadableFile(Msg("reader_after_quote", file=file_name, line=line), Msg("reader_after_quote_fix"),
                              line)
    return UnreadableFile(Msg("reader_bad_csv", file=file_name, line=line, error=str(error)), SAVE_AS_CSV, line)


def _too_slow(file_name: str, seconds: float) -> UnreadableFile:
    return UnreadableFile(Msg("reader_too_slow", file=file_name, seconds=seconds), Msg("reader_split_fix"))


def read_csv_text(text: str, file_name: str = "upload", limits: Limits = COMMAND_LINE) -> pd.DataFrame:
    """A CSV text as a table of text cells, the header being the first non-blank row.

    The whole file is split by the csv module in one call (fast); only when something is wrong is it
    read again record by record, to name the physical line.
    """
    head = text[:65_536].splitlines()[:20]
    separator = sniff_separator([line for line in head if line.strip()][:1] or [""])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        records = list(itertools.islice(reader, limits.rows + 2))
    except csv.Error as error:
        for _ in _csv_records(text, separator, file_name):  # raises with the line where the record starts
            pass
        raise _csv_error(error, file_name, reader.line_num) from error
    if len(records) > limits.rows + 1:
        raise _too_many_rows(file_name, limits)
    if reader.line_num - len(records) >= MAX_MULTILINE_CELL:  # some quoted cell spans many lines: find it
        for _ in _csv_records(text, separator, file_name):
            pass
    kept = [number for number, cells in enumerate(records) if cells and (cells[0].strip() or "".join(cells).strip())]

    def line_of(row: int) -> int:
        if reader.line_num == len(records):  # one line per record: the row is the line
            return row
        return next(line for number, line, _ in _csv_records(text, separator, file_name) if number == row)

    return _table([number + 1 for number in kept], [records[number] for number in kept], file_name, "line", line_of)


def _too_many_rows(file_name: str, limits: Limits) -> UnreadableFile:
    fix = Msg("reader_too_many_rows_upload_fix" if limits != COMMAND_LINE else "reader_too_many_rows_fix")
    return UnreadableFile(Msg("reader_too_many_rows", file=file_name, rows=limits.rows), fix)


def _column_name(number: int) -> str:
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _table(numbers: list[int], records: list[list[str]], file_name: str, unit: str,
           line_of=lambda row: row) -> pd.DataFrame:
    """Header plus body as a frame indexed by row number − FIRST_DATA_ROW (so problems name the real row).

    Trailing empty cells (``O-1;SIA Alfa;ICT;``) are dropped; a filled cell beyond the header is refused,
    never shifted into another column.
    """
    if not records:
        raise UnreadableFile(Msg("reader_empty", file=file_name), Msg("reader_empty_fix"))
    header_line = line_of(numbers[0])
    header = [cell.replace("\ufeff", "").strip() for cell in records[0]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    if width > MAX_COLUMNS:
        raise UnreadableFile(Msg("reader_too_wide", file=file_name, width=width, limit=MAX_COLUMNS),
                             Msg("reader_too_wide_fix"), header_line)
    names = [name or f"({_column_name(i + 1)})" for i, name in enumerate(header)]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            raise UnreadableFile(
                Msg("reader_same_header", file=file_name, first=_column_name(seen[name] + 1),
                    second=_column_name(i + 1), name=repr(name)), Msg("reader_same_header_fix"), header_line)
        seen[name] = i
    body = records[1:]
    if set(map(len, body)) - {width}:
        body = [_fitted(cells, width, row, file_name, unit, line_of) for row, cells in zip(numbers[1:], body,
                                                                                         strict=True)]
    index = np.asarray(numbers[1:], dtype="int64") - FIRST_DATA_ROW
    frame = pd.DataFrame({name: pd.array(list(map(operator.itemgetter(i), body)), dtype="str")
                          for i, name in enumerate(names)}, index=pd.Index(index, dtype="int64"))
    return frame.apply(lambda column: column.str.replace("\ufeff", "", regex=False))  # a BOM pasted mid-file


def _fitted(cells: list[str], width: int, row: int, file_name: str, unit: str, line_of) -> list[str]:
    """A row cut or padded to the header's width; a filled cell beyond the header is refused."""
    if len(cells) > width:
        if "".join(cells[width:]).strip():
            line = line_of(row)
            raise UnreadableFile(
                Msg(f"reader_extra_cells_{unit}", file=file_name, line=line, cells=len(cells), width=width),
                Msg("reader_extra_cells_fix"), line)
        return cells[:width]
    return cells + [""] * (width - len(cells))


# --- XLSX -------------------------------------------------------------------------------------------
_XML_REFUSED = re.compile(rb"<!DOCTYPE|<!ENTITY|<!--|<!\[CDATA\[|<\?(?!xml[\s?])", re.IGNORECASE)
_LONG_TAG = re.compile(rb"<[^<>]{%d,}" % MAX_XML_TAG)


def _check_archive(archive: zipfile.ZipFile, file_name: str, limits: Limits, deadline: float) -> None:
    """Refuse zip bombs and XML that no spreadsheet program writes, before any XML is parsed.

    Parts are scanned in chunks (memory stays small); a zip part cannot unpack beyond its declared size.
    """
    members = archive.infolist()
    if len(members) > MAX_XLSX_PARTS:
        raise UnreadableFile(Msg("reader_many_parts", file=file_name, n=len(members)), SAVE_AS_CSV)
    if sum(info.file_size for info in members) > limits.unpacked_mb * 2**20:
        raise UnreadableFile(Msg("reader_unpacks_large", file=file_name, mb=limits.unpacked_mb),
                             Msg("reader_unpacks_large_fix"))
    names = {info.filename for info in members}
    if "mimetype" in names or "xl/workbook.xml" not in names:
        raise UnreadableFile(Msg("reader_not_xlsx_zip", file=file_name), SAVE_AS_CSV)
    for info in members:
        if info.filename.endswith((".xml", ".rels")):
            _scan_part(archive, info, file_name, limits, deadline)


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str, limits: Limits,
               deadline: float) -> None:
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(1 << 24):
            window = tail + chunk
            refused = _XML_REFUSED.search(window) or _LONG_TAG.search(window)
            if refused:
                what = Msg("reader_long_xml_tag") if refused.re is _LONG_TAG else repr(refused.group().decode())
                raise UnreadableFile(Msg("reader_crafted_part", file=file_name, part=info.filename, what=what),
                                     SAVE_AS_CSV)
            tail = window[-(MAX_XML_TAG + 16):]
            if time.monotonic() > deadline:
                raise _too_slow(file_name, limits.seconds)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return np.format_float_positional(value, trim="-") if np.isfinite(value) else str(value)
    return str(value)


def _xlsx_rows(data: bytes, file_name: str, limits: Limits = COMMAND_LINE):
    """(row number, cells) for each row of the first sheet that holds anything, as the XML has them.

    The sheet's declared ``<dimension>`` is ignored (it may be wrong in both directions), gaps between
    rows cost nothing, and a filled cell beyond MAX_COLUMNS is refused.
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    deadline = time.monotonic() + (limits.seconds or math.inf)
    archive = zipfile.ZipFile(io.BytesIO(data))
    _check_archive(archive, file_name, limits, deadline)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    count = 0
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            filled = [cell for cell in cells if cell["value"] not in (None, "")]
            count += 1
            if count % 1_000 == 0 and time.monotonic() > deadline:
                raise _too_slow(file_name, limits.seconds)
            if not filled:
                continue
            widest = max(cell["column"] for cell in filled)
            if widest > MAX_COLUMNS:
                raise UnreadableFile(
                    Msg("reader_cell_too_far", file=file_name, row=number, column=_column_name(widest),
                        limit=MAX_COLUMNS), Msg("reader_cell_too_far_fix"), number)
            row = [""] * widest
            for cell in filled:
                row[cell["column"] - 1] = _cell_text(cell["value"])
            if any(text.strip() for text in row):
                yield number, row
    book.close()


def _xlsx_table_rows(data: bytes, file_name: str, limits: Limits) -> list[tuple[int, list[str]]]:
    rows = []
    for number, cells in _xlsx_rows(data, file_name, limits):
        rows.append((number, cells))
        if len(rows) > limits.rows + 1:
            raise _too_many_rows(file_name, limits)
    return rows


# --- entry points -------------------------------------------------------------------------------------
def _checked_bytes(source: str | Path | bytes, file_name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, file_name or "upload"
    return Path(source).read_bytes(), file_name or Path(source).name


def _refuse_other_formats(data: bytes, file_name: str) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(Msg("reader_old_office", file=file_name), Msg("reader_resave_fix"))
    if data.startswith(b"%PDF"):
        raise UnreadableFile(Msg("reader_pdf", file=file_name), SAVE_AS_CSV)


def _read_xlsx_guarded(data: bytes, file_name: str, reader):
    """Run an XLSX reader; any failure inside the workbook becomes one clear UnreadableFile."""
    try:
        return reader(data, file_name)
    except UnreadableFile:
        raise
    except Exception as error:  # noqa: BLE001 — a damaged workbook fails in zipfile, XML or openpyxl in many ways
        detail = f"{type(error).__name__}: {str(error)[:200]}"
        raise UnreadableFile(Msg("reader_bad_xlsx", file=file_name, error=detail),
                             Msg("reader_bad_xlsx_fix")) from error


def read_table(source: str | Path | bytes, file_name: str | None = None, limits: Limits = COMMAND_LINE
               ) -> pd.DataFrame:
    """The first table of a CSV or XLSX file as text cells; raises only UnreadableFile (with advice).

    ``limits`` bound rows, unpacked XLSX size and XLSX parse time (the one step whose time is not
    linear in the file's size); the Data page passes UPLOAD, the command line COMMAND_LINE.

    The frame's index is the row number − FIRST_DATA_ROW; ``frame.attrs["encoding"]`` names the
    encoding a CSV was read in (``utf-8`` or a code page).
    """
    data, file_name = _checked_bytes(source, file_name)
    _refuse_other_formats(data, file_name)
    if data.startswith(ZIP_MAGIC):
        rows = _read_xlsx_guarded(data, file_name, lambda d, n: _xlsx_table_rows(d, n, limits))
        frame = _table([number for number, _ in rows], [cells for _, cells in rows], file_name, "row")
        frame.attrs["encoding"] = "xlsx"
        return frame
    text, encoding = _text(data, file_name)
    frame = read_csv_text(text, file_name, limits)
    frame.attrs["encoding"] = encoding
    return frame


def read_rows(source: str | Path | bytes, file_name: str | None = None, limits: Limits = COMMAND_LINE
              ) -> list[list[str]]:
    """Every row of a small CSV or XLSX file as text cells, title lines included (for PxWeb exports).

    The separator is the one that splits some line of the first 20 into the most cells, since a
    title line above the table holds no separator at all. Blank rows are kept (empty lists).
    """
    data, file_name = _checked_bytes(source, file_name)
    _refuse_other_formats(data, file_name)
    if data.startswith(ZIP_MAGIC):
        numbered = _read_xlsx_guarded(data, file_name, lambda d, n: list(_xlsx_rows(d, n, limits)))
        rows: list[list[str]] = []
        for number, cells in numbered:
            if number > MAX_WIDE_ROWS:
                raise _too_far_down(file_name, number)
            rows.extend([] for _ in range(number - 1 - len(rows)))
            rows.append(cells)
        return rows
    text, _ = _text(data, file_name)
    separator = sniff_separator(text[:MAX_SNIFFED_CHARS * 4].splitlines()[:20] or [""])
    rows = []
    for number, line, cells in _csv_records(text, separator, file_name):
        if number > MAX_WIDE_ROWS:
            raise _too_far_down(file_name, line)
        rows.append(cells)
    return rows


def _too_far_down(file_name: str, row: int) -> UnreadableFile:
    return UnreadableFile(Msg("reader_too_far_down", file=file_name, row=row, limit=MAX_WIDE_ROWS),
                          Msg("reader_too_far_down_fix"), row)
