"""A deterministic corpus of malformed import files over all seven kinds (issue 12's probes and more).

Every case is built in code from the import contract (``schemas.SCHEMAS``): a valid file per kind,
then one defect per case — broken encodings, separators and quotes, truncated or forged XLSX parts,
hostile values per column, binary junk. The same seed gives the same bytes on every machine.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import openpyxl

from dih_data.schemas import SCHEMAS

KINDS = tuple(SCHEMAS)
HOSTILE_VALUES = (
    "inf", "Infinity", "-inf", "nan", "1e309", "1E5", "99999999999999999999999", "-1", "1.000", "1,000",
    "12 34", "1 0000", "1.2.3", "0x1F", "½", "²", "٣", "0000-01-01", "0001-01-01", "9999-12-31", "2020-01-01 junk",
    "2020-01-01T25:00", "31.02.2019", "2019-02-29", "=1+2", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3",
    "**bold** [x](http://example.com)", "<img src=x onerror=alert(1)>", "' OR 1=1 --", "\u202eevil", "🙂" * 40,
    " ", "\u00a0", "x" * 300, "Rīga\u0000", "NULL", "None", "TRUE", "jā", "Ne",
)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    family: str
    make: Callable[[], bytes]  # built on demand, so a sample does not pay for the whole corpus

    @property
    def data(self) -> bytes:
        return self.make()


def _rows(kind: str) -> list[list[str]]:
    header = [spec.name for spec in SCHEMAS[kind]]
    example = [spec.example for spec in SCHEMAS[kind]]
    second = [value.replace("01", "02") if spec.unique else value for spec, value in zip(SCHEMAS[kind], example,
                                                                                          strict=True)]
    return [header, example, second]


def _csv(rows: list[list[str]], sep: str = ";", end: str = "\n") -> str:
    def cell(value: str) -> str:
        return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(c in value for c in (sep, '"', "\n", "\r")) else value

    return end.join(sep.join(cell(v) for v in row) for row in rows) + end


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, change) -> bytes:
    """The workbook with ``change(name, content) -> content | None`` applied to each part (None drops it)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def _sheet(change):
    return lambda name, content: change(content) if name == "xl/worksheets/sheet1.xml" else content


def _csv_defects(kind: str, rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    rows = _rows(kind)
    text = _csv(rows)
    raw = text.encode()
    width = len(rows[0])
    yield "csv-structure", "cr-only", _csv(rows, end="\r").encode()
    yield "csv-structure", "crlf", _csv(rows, end="\r\n").encode()
    yield "csv-structure", "trailing-separator", (text.replace("\n", ";\n")).encode()
    yield "csv-structure", "trailing-separator-rows-only", (text.split("\n", 1)[0] + "\n"
                                                            + text.split("\n", 1)[1].replace("\n", ";\n")).encode()
    yield "csv-structure", "extra-cell", _csv([rows[0], rows[1] + ["extra"], rows[2]]).encode()
    yield "csv-structure", "short-row", _csv([rows[0], rows[1][: width // 2], rows[2]]).encode()
    yield "csv-structure", "unclosed-quote", (text.rstrip("\n") + ';"open\n').encode()
    yield "csv-structure", "quote-mid-file", text.replace(rows[1][0], '"' + rows[1][0], 1).encode()
    yield "csv-structure", "quote-then-text", text.replace(rows[1][0], f'"{rows[1][0]}"x', 1).encode()
    yield "csv-structure", "huge-cell", _csv([rows[0], [rows[1][0] + "x" * 140_000, *rows[1][1:]]]).encode()
    yield "csv-structure", "huge-line-of-separators", (text + ";" * 300_000 + "\n").encode()
    yield "csv-structure", "many-columns", _csv([rows[0] + [f"c{i}" for i in range(300)], rows[1]]).encode()
    yield "csv-structure", "header-only", _csv(rows[:1]).encode()
    yield "csv-structure", "no-header", _csv(rows[1:]).encode()
    yield "csv-structure", "duplicate-header", _csv([[rows[0][0], *rows[0]], [rows[1][0], *rows[1]]]).encode()
    yield "csv-structure", "empty-header-cell", _csv([["", *rows[0][1:]], rows[1]]).encode()
    yield "csv-structure", "blank-lines", text.replace("\n", "\n\n\n").encode()
    yield "csv-structure", "only-blank-lines", b"\n\n\n   \n"
    yield "csv-structure", "empty", b""
    yield "csv-structure", "whitespace-cells", _csv([rows[0], [" " * 3] * width]).encode()
    for sep in (",", "\t", "|"):
        yield "csv-structure", f"separator-{sep!r}", _csv(rows, sep=sep).encode()
    yield "csv-structure", "mixed-separators", (_csv(rows[:1]) + _csv(rows[1:], sep=",")).encode()
    yield "csv-structure", "mixed-separators-2", (_csv(rows[:2]) + _csv(rows[2:], sep="\t")).encode()
    for encoding in ("utf-8-sig", "cp1257", "cp1252", "iso8859_13", "utf-16", "utf-16-le", "utf-32", "cp866",
                     "mac_roman", "latin-1"):
        yield "encoding", encoding, text.encode(encoding, errors="replace")
    yield "encoding", "utf8-one-stray-byte", raw.replace(rows[1][0].encode(), rows[1][0].encode() + b"\x9a", 1)
    yield "encoding", "utf8-stray-bytes-everywhere", raw.replace(b";", b";\xff", 3)
    yield "encoding", "bom-in-middle", raw.replace(b"\n", b"\n\xef\xbb\xbf", 1)
    yield "encoding", "double-bom", b"\xef\xbb\xbf\xef\xbb\xbf" + raw
    yield "encoding", "overlong-utf8", raw.replace(b"/", b"\xc0\xaf")
    yield "encoding", "surrogate-utf8", raw + b"\xed\xa0\x80\n"
    shin = _csv([rows[0], [value + "š" for value in rows[1]]])
    yield "encoding", "cp1252-latvian-shin", shin.encode("cp1252", errors="replace")
    for position in ("start", "middle", "end"):
        at = {"start": 0, "middle": len(raw) // 2, "end": len(raw)}[position]
        yield "bytes", f"nul-{position}", raw[:at] + b"\x00" + raw[at:]
        yield "bytes", f"control-{position}", raw[:at] + b"\x07\x1b" + raw[at:]
    for cut in sorted({1, 2, 3, len(raw) // 4, len(raw) // 3, len(raw) // 2, len(raw) - 2, len(raw) - 1}):
        yield "truncated", f"csv-cut-{cut}", raw[:cut]
    for size in (16, 256, 4096):
        yield "junk", f"random-{size}", rng.randbytes(size)
        yield "junk", f"random-text-{size}", bytes(rng.choice(b"abc;,\"\n\r\t 0123456789.-") for _ in range(size))
    for magic in (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0", b"%PDF-1.7", b"\x89PNG\r\n\x1a\n", b"\x1f\x8b",
                  b"{\\rtf1", b"<?xml version='1.0'?>", b"<html>", b"\xef\xbb\xbf<table>"):
        yield "magic", f"magic-{magic[:4].hex()}", magic + raw
    yield "formula", "formula-cells", _csv([rows[0], ["=1+2", *rows[1][1:]], ["@SUM(A1)", *rows[2][1:]]]).encode()


def _xlsx_defects(kind: str, rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    rows = _rows(kind)
    good = _xlsx(rows)
    yield "xlsx", "valid", good
    yield "xlsx", "dimension-too-small", _rezip(good, _sheet(lambda c: re.sub(rb'<dimension ref="[^"]*"',
                                                                              b'<dimension ref="A1:A1"', c)))
    yield "xlsx", "dimension-whole-sheet", _rezip(good, _sheet(lambda c: re.sub(rb'<dimension ref="[^"]*"',
                                                                                b'<dimension ref="A1:XFD1048576"', c)))
    yield "xlsx", "dimension-garbage", _rezip(good, _sheet(lambda c: re.sub(rb'<dimension ref="[^"]*"',
                                                                            b'<dimension ref="ZZZ:-1"', c)))
    far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>stray</t></is></c></row></sheetData>'
    yield "xlsx", "stray-last-row", _rezip(good, _sheet(lambda c: c.replace(b"</sheetData>", far)))
    wide = b'<row r="9"><c r="XFD9" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'
    yield "xlsx", "stray-last-column", _rezip(good, _sheet(lambda c: c.replace(b"</sheetData>", wide)))
    comment = b"<!--" + b"x-" * 500_000 + b"x--><sheetData>"
    yield "xlsx", "huge-comment", _rezip(good, _sheet(lambda c: c.replace(b"<sheetData>", comment)))
    yield "xlsx", "billion-laughs", _rezip(good, _sheet(lambda c: c.replace(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>')))
    yield "xlsx", "xxe", _rezip(good, _sheet(lambda c: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                                                       b'"file:///etc/passwd">]>' + c.split(b"?>", 1)[-1]))
    yield "xlsx", "processing-instruction", _rezip(good, _sheet(lambda c: c.replace(b"<sheetData>",
                                                                                    b"<?evil x?><sheetData>")))
    yield "xlsx", "long-attribute", _rezip(good, _sheet(lambda c: c.replace(b"<sheetData>", b'<sheetPr codeName="'
                                                                            + b"a" * 100_000 + b'"/><sheetData>')))
    yield "xlsx", "broken-xml", _rezip(good, _sheet(lambda c: c[: len(c) // 2]))
    yield "xlsx", "sheet-not-xml", _rezip(good, _sheet(lambda c: rng.randbytes(200)))
    yield "xlsx", "no-shared-strings", _rezip(good, lambda n, c: None if n == "xl/sharedStrings.xml" else c)
    yield "xlsx", "no-workbook", _rezip(good, lambda n, c: None if n == "xl/workbook.xml" else c)
    yield "xlsx", "no-sheet", _rezip(good, lambda n, c: None if n == "xl/worksheets/sheet1.xml" else c)
    yield "xlsx", "no-styles", _rezip(good, lambda n, c: None if n == "xl/styles.xml" else c)
    yield "xlsx", "shared-string-index-out-of-range", _rezip(good, _sheet(lambda c: re.sub(
        rb'(t="s"[^>]*><v>)\d+', rb"\g<1>99999", c, count=1)))
    yield "xlsx", "cell-error-value", _rezip(good, _sheet(lambda c: re.sub(rb'<c r="A2"[^>]*>.*?</c>',
                                                                           b'<c r="A2" t="e"><v>#DIV/0!</v></c>', c)))
    yield "xlsx", "cell-number-inf", _rezip(good, _sheet(lambda c: re.sub(rb'<c r="A2"[^>]*>.*?</c>',
                                                                          b'<c r="A2"><v>inf</v></c>', c)))
    yield "xlsx", "cell-number-huge", _rezip(good, _sheet(lambda c: re.sub(rb'<c r="B2"[^>]*>.*?</c>',
                                                                           b'<c r="B2"><v>1e308</v></c>', c)))
    yield "xlsx", "cell-bad-type", _rezip(good, _sheet(lambda c: re.sub(rb'<c r="A2"[^>]*>.*?</c>',
                                                                        b'<c r="A2" t="zz"><v>1</v></c>', c)))
    yield "xlsx", "row-number-garbage", _rezip(good, _sheet(lambda c: c.replace(b'<row r="2"', b'<row r="x2"', 1)))
    yield "xlsx", "row-number-zero", _rezip(good, _sheet(lambda c: c.replace(b'<row r="2"', b'<row r="0"', 1)))
    yield "xlsx", "blank-rows-between", _xlsx([rows[0], [], [], rows[1], [], rows[2]])
    yield "xlsx", "hostile-values", _xlsx([rows[0], [rng.choice(HOSTILE_VALUES) for _ in rows[0]]])
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("content.xml", "<office:document-content/>")
    yield "xlsx", "ods", data.getvalue()
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as many:
        for i in range(2_100):
            many.writestr(f"x{i}.txt", "")
    yield "xlsx", "too-many-parts", data.getvalue()
    for cut in sorted({30, 100, len(good) // 3, len(good) // 2, len(good) - 22, len(good) - 1}):
        yield "truncated", f"xlsx-cut-{cut}", good[:cut]
    for flips in (1, 5, 50):
        damaged = bytearray(good)
        for _ in range(flips):
            damaged[rng.randrange(30, len(damaged))] ^= 1 << rng.randrange(8)
        yield "xlsx", f"bit-flips-{flips}", bytes(damaged)


def _value_defects(kind: str, rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    """One hostile value in one column per case, in CSV (and every third in XLSX)."""
    rows = _rows(kind)
    for column, spec in enumerate(SCHEMAS[kind]):
        for pick, value in enumerate(rng.sample(HOSTILE_VALUES, 13)):
            bad = list(rows[1])
            bad[column] = value
            table = [rows[0], bad, rows[2]]
            if pick % 3 == 0:
                yield "value-xlsx", f"{spec.name}={value[:20]!r}", lambda table=table: _xlsx(table)
            else:
                yield "value", f"{spec.name}={value[:20]!r}", _csv(table).encode()


def generate(seed: int = 12) -> Iterator[Case]:
    """Every corpus case, in a fixed order (the same for the same seed)."""
    for kind in KINDS:
        rng = random.Random(f"{seed}-{kind}")
        for source in (_csv_defects, _xlsx_defects, _value_defects):
            for family, label, data in source(kind, rng):
                make = data if callable(data) else (lambda data=data: data)
                yield Case(f"{kind}/{family}/{label}", kind, family, make)


def sample(every: int = 25, seed: int = 12) -> list[Case]:
    """A bounded, deterministic slice for CI: every ``every``-th case (cases come grouped by kind and
    family, so the slice spreads over all of them)."""
    return [case for i, case in enumerate(generate(seed)) if i % every == 0]
