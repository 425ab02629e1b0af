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
SAVE_AS_CSV = "Open it in Excel and save it as 'CSV UTF-8 (comma delimited)' or as an .xlsx workbook."


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
            f"{file_name}: line {line} has bytes that are not UTF-8, although the rest of the file is UTF-8 "
            f"({broken} broken character{'s' if broken > 1 else ''}).",
            f"Correct the text on line {line} (it was probably pasted from another file), then save it again "
            "as 'CSV UTF-8'.", line)
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
        raise UnreadableFile(f"{file_name}: the text is neither UTF-8 nor a Windows code page for Latvian "
                             "(Windows-1257, Windows-1252, ISO-8859-13).", line=_line_of(body, first_bad))
    _, _, encoding, text = max(fits)
    odd = NEVER_IN_TEXT.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        raise UnreadableFile(f"{file_name}: the file is not UTF-8, and read as {ENCODING_NAMES[encoding]} line {line} "
                             f"shows {odd.group()!r}, a sign of a wrong encoding or damaged bytes.",
                             f"Check line {line}, then save the file again as 'CSV UTF-8'.", line)
    return text, encoding


def _text(data: bytes, file_name: str) -> tuple[str, str]:
    """The file's text and encoding, after refusing binary content and empty files with advice."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(f"{file_name}: the file is saved as UTF-16 ('Unicode text'), which we do not read.")
    if b"\x00" in data:
        raise UnreadableFile(f"{file_name}: this is not a CSV or XLSX file (it holds binary content, e.g. NUL "
                             "bytes, or it is saved as UTF-16).", line=_line_of(data, data.index(b"\x00")))
    text, encoding = decode(data, file_name)
    if not text.strip():
        raise UnreadableFile(f"{file_name}: the file is empty.", "Use the template and fill in at least one row.")
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise UnreadableFile(f"{file_name}: line {line} holds a control character ({control.group()!r}); "
                             "this is not a text table.", SAVE_AS_CSV, line)
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
            raise UnreadableFile(f"{file_name}: a quote (\") on line {line} is not closed; the cell runs over "
                                 f"{reader.line_num - line + 1} lines.",
                                 f"Close the quote on line {line}, or remove it.", line)
        yield row, line, cells


def _csv_error(error: csv.Error, file_name: str, line: int) -> UnreadableFile:
    if "field larger than field limit" in str(error):
        return UnreadableFile(f"{file_name}: line {line} has a cell longer than {csv.field_size_limit():,} "
                              "characters.", "Usually a quote (\") that is never closed; check that line. Long "
                              "text belongs in a shorter note.", line)
    if "unexpected end of data" in str(error):
        return UnreadableFile(f"{file_name}: a quote (\") on line {line} is never closed.",
                              f"Close the quote on line {line}, or remove it.", line)
    if "expected after" in str(error):
        return UnreadableFile(f"{file_name}: on line {line} a quoted cell goes on after its closing quote.",
                              "Put the whole cell in quotes and double any quote inside it (\"\").", line)
    return UnreadableFile(f"{file_name}: line {line} cannot be read as CSV ({error}).", SAVE_AS_CSV, line)


def _too_slow(file_name: str, seconds: float) -> UnreadableFile:
    return UnreadableFile(f"{file_name}: reading the file took longer than {seconds:g} s.",
                          "Split the file and import the parts, or save only the table as CSV UTF-8.")


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
    fix = "Split the file and import the parts" + (
        ", or import it with the command line (python -m dih_data import)." if limits != COMMAND_LINE else ".")
    return UnreadableFile(f"{file_name}: more than {limits.rows:,} rows.", fix)


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
        raise UnreadableFile(f"{file_name}: the file is empty.", "Use the template and fill in at least one row.")
    header_line = line_of(numbers[0])
    header = [cell.replace("\ufeff", "").strip() for cell in records[0]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    if width > MAX_COLUMNS:
        raise UnreadableFile(f"{file_name}: the header has {width} columns; at most {MAX_COLUMNS} are read.",
                             "Delete the columns that are not in the template.", header_line)
    names = [name or f"({_column_name(i + 1)})" for i, name in enumerate(header)]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            raise UnreadableFile(
                f"{file_name}: columns {_column_name(seen[name] + 1)} and {_column_name(i + 1)} are both headed "
                f"{name!r}.", "Delete one of them or give it its own header.", header_line)
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
                f"{file_name}: {unit} {line} has more columns than the header ({len(cells)} cells, {width} headers).",
                "Remove the extra separator on that line, add a header for the extra column, or put text that "
                "contains the separator in quotes (\").", line)
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
        raise UnreadableFile(f"{file_name}: the workbook has {len(members):,} parts; this is not an ordinary "
                             "spreadsheet.", SAVE_AS_CSV)
    if sum(info.file_size for info in members) > limits.unpacked_mb * 2**20:
        raise UnreadableFile(f"{file_name}: the workbook unpacks to more than {limits.unpacked_mb} MB.",
                             "Save only the sheet with your table, or export it as CSV UTF-8.")
    names = {info.filename for info in members}
    if "mimetype" in names or "xl/workbook.xml" not in names:
        raise UnreadableFile(f"{file_name}: this zip file is not an Excel workbook (.xlsx) — e.g. an OpenDocument "
                             "(.ods) or another archive.", SAVE_AS_CSV)
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
                what = "an XML tag longer than 64 KB" if refused.re is _LONG_TAG else f"{refused.group().decode()!r}"
                raise UnreadableFile(f"{file_name}: part {info.filename} holds {what}, which spreadsheet programs "
                                     "do not write (it may be crafted to hang the reader).", SAVE_AS_CSV)
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
                    f"{file_name}: row {number} has a value in column {_column_name(widest)}; at most {MAX_COLUMNS} "
                    "columns are read.", "Delete the cells outside your table.", number)
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
        raise UnreadableFile(f"{file_name}: this is an old Excel workbook (.xls) or another Office file.",
                             "Open it in Excel and save it as an .xlsx workbook or as 'CSV UTF-8'.")
    if data.startswith(b"%PDF"):
        raise UnreadableFile(f"{file_name}: this is a PDF document, not a table.", SAVE_AS_CSV)


def _read_xlsx_guarded(data: bytes, file_name: str, reader):
    """Run an XLSX reader; any failure inside the workbook becomes one clear UnreadableFile."""
    try:
        return reader(data, file_name)
    except UnreadableFile:
        raise
    except Exception as error:  # noqa: BLE001 — a damaged workbook fails in zipfile, XML or openpyxl in many ways
        raise UnreadableFile(f"{file_name}: not a readable XLSX workbook ({type(error).__name__}: "
                             f"{str(error)[:200]}).", "Open it in Excel and save it again, or save it as "
                             "'CSV UTF-8'.") from error


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
    return UnreadableFile(f"{file_name}: row {row:,} is beyond the {MAX_WIDE_ROWS:,} rows a context or PxWeb table "
                          "may have.", "Delete stray cells below your table, or split the file.", row)
