"""Worst-case import files up to the upload limit: time and peak memory of accepting or refusing each.

    .venv/bin/python -m benchmarks.import_worst [--only NAME] [--workdir DIR]

Every file is generated here (synthetic, never shown as data) and imported as a dry run by
``dih_data.importer.import_file`` in its own child process, so the peak RSS printed is that file's
alone. A tiny valid CSV measured in the same run is the baseline the ratios refer to. Targets
(printed, never asserted): ≤ 10 s and ≤ 500 MB per file, for any file up to ``server.maxUploadSize``.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPLOAD_LIMIT = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"] * 2**20
TARGET_SECONDS, TARGET_MB = 10.0, 500
EVENTS_HEADER = "event_id;event_type;start_date;municipality;participants;actual_cost_eur;notes"

CHILD = """
import sys, time
from dih_data import importer, readers
kind, path, warm = sys.argv[1], sys.argv[2], sys.argv[3]
importer.import_file(None, "events", warm, dry_run=True)  # imports and caches warmed, as in a running app


def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


before = peak_mb()
started = time.perf_counter()
result = importer.import_file(None, kind, path, dry_run=True, limits=readers.UPLOAD)
seconds = time.perf_counter() - started
first = str(result.errors[0])[:150] if result.errors else ''
print(f"{seconds:.3f}\\t{peak_mb():.0f}\\t{before:.0f}\\t{result.rows}\\t{len(result.errors)}\\t{first}")
"""


def _xlsx(sheet_xml, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal workbook; ``sheet_xml`` is bytes or an iterable of byte chunks (streamed, for huge sheets)."""
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        b'name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org'
        b'/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress, compresslevel=6) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for chunk in [sheet_xml] if isinstance(sheet_xml, bytes) else sheet_xml:
                sheet.write(chunk)
    return out.getvalue()


def _sheet(rows, dimension: bytes = b"A1:G2", extra=()):
    """Sheet XML as byte chunks around ``rows`` (bytes or chunks) and ``extra`` chunks before the data."""
    yield (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<dimension ref="' + dimension + b'"/>')
    yield from extra
    yield b"<sheetData>"
    yield from [rows] if isinstance(rows, bytes) else rows
    yield b"</sheetData></worksheet>"


def _comment(megabytes: int):
    yield b"<!--"
    yield from (b"x-" * 2**19 for _ in range(megabytes))
    yield b"x-->"


def _row(number: int, cells: list[str]) -> bytes:
    out = [f'<row r="{number}">']
    for column, value in zip("ABCDEFG", cells, strict=False):
        out.append(f'<c r="{column}{number}" t="inlineStr"><is><t>{value}</t></is></c>')
    return ("".join(out) + "</row>").encode()


def _event(i: int) -> list[str]:
    return [f"BENCH-{i}", "workshop", "2024-03-05", "Rīga", str(i % 300), f"{i % 9000},50", "[synthetic]"]


def _fill_to(limit: int, make_row, start: int = 2) -> tuple[list[bytes], int]:
    rows, size, i = [], 0, start
    while size < limit:
        row = make_row(i)
        rows.append(row)
        size += len(row)
        i += 1
    return rows, i - start


def cases(workdir: Path) -> dict[str, tuple[str, Path, str]]:
    """name → (kind, file, what it is)."""
    made: dict[str, tuple[str, Path, str]] = {}

    def put(name: str, kind: str, data: bytes, what: str) -> None:
        path = workdir / name
        path.write_bytes(data)
        made[name] = (kind, path, f"{what} ({len(data) / 2**20:.2f} MB file)")

    put("baseline.csv", "events", f"{EVENTS_HEADER}\n{';'.join(_event(1))}\n".encode(), "baseline: one valid row")
    header = _row(1, EVENTS_HEADER.split(";"))
    put("dimension_a1_f4.xlsx", "events", _xlsx(_sheet(header + b"".join(_row(i, _event(i)) for i in range(2, 12)),
                                                       b"A1:F4")), "10 rows declaring A1:F4")
    put("dimension_whole_sheet.xlsx", "events",
        _xlsx(_sheet(header + _row(1_048_576, _event(9)), b"A1:XFD1048576")),
        "declares A1:XFD1048576, one cell on the last row")
    put("stray_cell_last_row.xlsx", "events", _xlsx(_sheet(header + _row(2, _event(2)) + b'<row r="1048576"><c r='
                                                           b'"A1048576" t="inlineStr"><is><t>x</t></is></c></row>')),
        "one stray cell at row 1,048,576")
    put("huge_comment.xlsx", "events", _xlsx(_sheet(header + _row(2, _event(2)), extra=_comment(140))),
        "140 MB XML comment in the sheet")
    put("comment_under_cap.xlsx", "events", _xlsx(_sheet(header + _row(2, _event(2)), extra=_comment(60))),
        "60 MB XML comment in the sheet (under the unpacked cap)")
    put("zip_bomb.xlsx", "events", _xlsx(_sheet(header, extra=_comment(1024))), "sheet unpacking to 1 GB")
    rows, count = _fill_to(149 * 2**20 - 500, lambda i: _row(i, _event(i)))
    put("largest_xlsx.xlsx", "events", _xlsx(_sheet([header, *rows])),
        f"{count:,} valid event rows, 149 MB sheet XML")
    del rows
    put("xlsx_at_row_limit.xlsx", "events", _xlsx(_sheet([header, *(_row(i, _event(i)) for i in range(2, 100_002))])),
        "100,000 valid event rows (the upload row limit)")
    put("csv_at_row_limit.csv", "events",
        (EVENTS_HEADER + "\n" + "\n".join(";".join(_event(i)) for i in range(2, 100_002)) + "\n").encode(),
        "100,000 valid event rows (the upload row limit)")
    lines, size, i = [EVENTS_HEADER], 0, 2
    while size < UPLOAD_LIMIT - 200:
        line = ";".join(_event(i))
        lines.append(line)
        size += len(line) + 1
        i += 1
    put("largest_csv.csv", "events", ("\n".join(lines[:-1]) + "\n").encode(), f"{i - 3:,} valid event rows")
    put("short_rows.csv", "events", b"event_type\n" + b"x\n" * (UPLOAD_LIMIT // 2 - 20),
        "one-letter rows up to the upload limit")
    put("huge_cell.csv", "events", b"notes\n" + b"x" * (UPLOAD_LIMIT - 10) + b"\n", "one cell as large as the limit")
    put("unknown_places.csv", "events",
        (f"{EVENTS_HEADER}\n" + "\n".join(";".join([f"U-{i}", "workshop", "2024-03-05", f"Vieta {i}", "3", "", ""])
                                          for i in range(20_000)) + "\n").encode(),
        "20,000 distinct unknown municipalities")
    return made


def measure(kind: str, path: Path, warm: Path) -> tuple[float, list[str]]:
    """(child wall s, its report: import s, peak MB, peak MB after warm-up, rows, errors, first problem)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, kind, str(path), str(warm)], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - started
    report = done.stdout.strip().split("\t") if done.stdout.strip() else ["", "", "", "", "", done.stderr[-300:]]
    return wall, (report + [""] * 6)[:6]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m benchmarks.import_worst",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run one case by file name (the baseline always runs)")
    parser.add_argument("--workdir", type=Path, help="keep the generated files here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dih-worst-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        made = cases(workdir)
        warm = made["baseline.csv"][1]
        _, base = measure("events", warm, warm)
        base_seconds, base_mb = float(base[0]), float(base[1])
        print(f"upload limit {UPLOAD_LIMIT / 2**20:.0f} MB; baseline (one valid row, after warm-up): "
              f"{base_seconds:.3f} s, peak {base_mb:.0f} MB")
        print(f"{'file':28} {'import s':>8} {'peak MB':>8} {'+MB':>6} {'×base MB':>8}  verdict")
        for name, (kind, path, what) in made.items():
            if name == "baseline.csv" or (args.only and name != args.only):
                continue
            wall, (seconds, peak, before, rows, errors, first) = measure(kind, path, warm)
            ok = seconds and float(seconds) <= TARGET_SECONDS and float(peak) <= TARGET_MB
            grown = float(peak) - float(before) if peak else float("nan")
            print(f"{name:28} {seconds:>8} {peak:>8} {grown:6.0f} {float(peak or 'nan') / base_mb:8.1f}  "
                  f"{'PASS' if ok else 'MISS'}  {what}; rows {rows}, errors {errors}; process {wall:.1f} s")
            if first:
                print(f"{'':30}{first}")


if __name__ == "__main__":
    main()
