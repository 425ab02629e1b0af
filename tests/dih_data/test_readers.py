"""Files as they really arrive: encodings, separators, Latvian number and date formats, XLSX."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest

from dih_data import readers

ROWS = [["Pašvaldība", "Dalībnieki"], ["Rēzeknes novads", "1 234,5"], ["Ķekavas novads", "7"]]


def _csv(sep: str) -> str:
    return "\n".join(sep.join(row) for row in ROWS) + "\n"


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ";"), ("utf-8-sig", ";"), ("cp1257", ";"), ("utf-8", ","), ("cp1257", "\t"), ("utf-8-sig", "\t")],
)
def test_csv_encodings_and_separators(encoding, sep):
    text = _csv(sep).replace("1 234,5", '"1 234,5"') if sep == "," else _csv(sep)
    table = readers.read_table(text.encode(encoding), "x.csv")
    assert list(table.columns) == ROWS[0]
    assert table.iloc[0].tolist() == ROWS[1] and table.iloc[1].tolist() == ROWS[2]


def test_xlsx_with_real_date_and_number_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["start_date", "participants", "actual_cost_eur"])
    sheet.append([dt.datetime(2019, 3, 5), 55, 10000.5])
    sheet.append([dt.date(2019, 4, 1), 30.0, None])
    path = tmp_path / "events.xlsx"
    book.save(path)
    table = readers.read_table(path)
    assert table.to_dict("records") == [
        {"start_date": "2019-03-05", "participants": "55", "actual_cost_eur": "10000.5"},
        {"start_date": "2019-04-01", "participants": "30", "actual_cost_eur": ""},
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x00\x01\x02binary", "not a CSV or XLSX"), (b"   \n", "empty"), (b"PK\x03\x04broken", "XLSX")],
)
def test_unreadable_files_are_refused_with_advice(data, message):
    with pytest.raises(readers.UnreadableFile, match=message):
        readers.read_table(data, "bad.csv")


def _xlsx(rows, dimension: str | None = None, comment: bytes = b"") -> bytes:
    """An XLSX workbook with ``rows``, optionally with a forged ``<dimension>`` or a comment in the sheet XML."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                if dimension:
                    content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="%s"' % dimension.encode(), content)
                content = content.replace(b"<sheetData>", comment + b"<sheetData>", 1)
            target.writestr(info, content)
    return out.getvalue()


def test_xlsx_rows_beyond_the_declared_dimension_are_read():
    rows = [["org_id", "name"], *[[f"O-{i}", f"SIA {i}"] for i in range(10)]]
    table = readers.read_table(_xlsx(rows, dimension="A1:F4"), "orgs.xlsx")
    assert table["org_id"].tolist() == [f"O-{i}" for i in range(10)]


def test_xlsx_blank_rows_are_skipped_and_rows_keep_their_sheet_number():
    table = readers.read_table(_xlsx([["org_id"], ["O-1"], [None], [None], ["O-4"]]), "orgs.xlsx")
    assert table["org_id"].tolist() == ["O-1", "O-4"]
    assert (table.index + readers.FIRST_DATA_ROW).tolist() == [2, 5]


def test_xlsx_declaring_the_whole_sheet_with_one_far_cell_is_refused_fast():
    book = openpyxl.Workbook()
    book.active.append(["org_id", "name"])
    book.active["A1048576"] = "stray"
    book.active["XFD1"] = None
    buffer = io.BytesIO()
    book.save(buffer)
    table = readers.read_table(buffer.getvalue(), "orgs.xlsx")
    assert table["org_id"].tolist() == ["stray"]
    assert table.index[0] + readers.FIRST_DATA_ROW == 1_048_576
    book.active["XFD7"] = "far"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(readers.UnreadableFile, match="column XFD"):
        readers.read_table(buffer.getvalue(), "orgs.xlsx")


@pytest.mark.parametrize(
    ("comment", "message"),
    [(b"<!--" + b"x" * 2_000_000 + b"-->", "'<!--'"),
     (b'<!DOCTYPE x [<!ENTITY a "aaaa">]>', "DOCTYPE"),
     (b'<sheetPr codeName="' + b"a" * 70_000 + b'"/>', "longer than 64 KB")],
)
def test_xlsx_with_xml_no_spreadsheet_writes_is_refused_before_parsing(comment, message):
    with pytest.raises(readers.UnreadableFile, match=message):
        readers.read_table(_xlsx([["org_id"], ["O-1"]], comment=comment), "orgs.xlsx")


def test_xlsx_zip_bomb_is_refused_by_its_declared_size():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("xl/workbook.xml", b"<workbook/>")
        target.writestr("xl/worksheets/sheet1.xml", b" " * (readers.UPLOAD.unpacked_mb * 2**20 + 1))
    with pytest.raises(readers.UnreadableFile, match="unpacks to more than 64 MB"):
        readers.read_table(out.getvalue(), "bomb.xlsx", readers.UPLOAD)


def test_upload_limits_refuse_more_rows_and_name_the_command_line():
    data = b"org_id\n" + b"O\n" * (readers.UPLOAD.rows + 1)
    assert len(readers.read_table(data, "orgs.csv")) == readers.UPLOAD.rows + 1
    with pytest.raises(readers.UnreadableFile, match="more than 100,000 rows") as caught:
        readers.read_table(data, "orgs.csv", readers.UPLOAD)
    assert "command line" in caught.value.fix


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["org_id;name;sector", "O-1;SIA Alfa;ICT;", "O-2;SIA Beta;;"],
         [["O-1", "SIA Alfa", "ICT"], ["O-2", "SIA Beta", ""]]),
        (["org_id;name;sector;", "O-1;SIA Alfa;ICT;"], [["O-1", "SIA Alfa", "ICT"]]),
        (["org_id;name;sector", "O-1;SIA Alfa"], [["O-1", "SIA Alfa", ""]]),
    ],
)
def test_trailing_separators_and_short_rows_never_shift_columns(lines, expected):
    table = readers.read_table("\n".join(lines).encode(), "orgs.csv")
    assert list(table.columns) == ["org_id", "name", "sector"]
    assert table.values.tolist() == expected


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"a;b;c\n1;2;3\n1;2;3;4\n", "line 3 has more columns than the header", 3),
        (b'a;b\n1;"open\n2;3\n', "quote .* on line 2 is never closed", 2),
        (b'a;b\n1;"x"y\n', "goes on after its closing quote", 2),
        (b"a;b\n1;" + b"x" * 140_000 + b"\n", "line 2 has a cell longer than", 2),
        (b"a;b\n1;2\x01\n", "line 2 holds a control character", 2),
        (b"a;b\n1;\x00\n", "binary content", 2),
        ("a;b\nā;".encode() + b"\x9a\n", "line 2 has bytes that are not UTF-8", 2),
        (b"\xff\xfea\x00;\x00b\x00", "UTF-16", None),
        (b"a;a;c\n1;2;3\n", "columns A and B are both headed 'a'", 1),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel workbook", None),
        (b"PK\x05\x06" + b"\x00" * 18, "not an Excel workbook", None),
    ],
)
def test_unreadable_csv_names_the_line_and_a_fix(data, message, line):
    with pytest.raises(readers.UnreadableFile, match=message) as caught:
        readers.read_table(data, "bad.csv")
    assert caught.value.line == line and caught.value.fix


def test_mac_line_endings_are_read():
    table = readers.read_table(b"org_id;name\rO-1;SIA Alfa\rO-2;SIA Beta\r", "mac.csv")
    assert table.values.tolist() == [["O-1", "SIA Alfa"], ["O-2", "SIA Beta"]]


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Pašvaldība\nRīga\n".encode(), "Rīga", "utf-8"),
        ("Pašvaldība\nRīga\n".encode("utf-8-sig"), "Rīga", "utf-8"),
        ("Pašvaldība\nRīga\n".encode("cp1257"), "Rīga", "cp1257"),
        ("Pasvaldiba\nŠiauliai Žiema\n".encode("cp1252"), "Šiauliai Žiema", "cp1252"),
        ("Pasvaldiba\nšķērslis\n".encode("iso8859_13"), "šķērslis", "cp1257"),
    ],
)
def test_encodings_are_read_strictly_and_named(data, text, encoding):
    table = readers.read_table(data, "x.csv")
    assert table.iloc[0, 0] == text and table.attrs["encoding"] == encoding


def test_read_rows_refuses_a_stray_cell_far_below_a_small_table():
    book = openpyxl.Workbook()
    book.active.append(["area", "2024"])
    book.active["A1048576"] = "stray"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(readers.UnreadableFile, match="row 1,048,576 is beyond") as caught:
        readers.read_rows(buffer.getvalue(), "context.xlsx")
    assert caught.value.line == 1_048_576


@pytest.mark.parametrize("reader", [readers.read_rows, readers.read_table])
def test_a_huge_first_line_is_named_not_raised_while_sniffing(reader):
    with pytest.raises(readers.UnreadableFile, match="line 1 has a cell longer than"):
        reader(b"x" * 200_000 + b";1\narea;value\n", "context.csv")


@pytest.mark.parametrize(
    "data", [b"\xef\xbb\xbf\xef\xbb\xbforg_id;name\nO-1;A\n", b"org_id;name\n\xef\xbb\xbfO-1;A\n"])
def test_byte_order_marks_inside_the_file_are_dropped(data):
    assert readers.read_table(data, "o.csv").to_dict("records") == [{"org_id": "O-1", "name": "A"}]


def test_stray_bytes_in_an_ascii_file_are_refused_not_stored_as_code_page_symbols():
    with pytest.raises(readers.UnreadableFile, match="line 2 shows '˙'"):
        readers.read_table(b"org_id;name\nO-1;\xffA\n", "o.csv")
