"""Templates come from the validator's own specs: a template's example row must pass validation as it is."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dih_data import importer, readers, schemas, templates


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", templates.KINDS)
def test_the_example_row_of_every_template_validates(kind, fmt, lang):
    data = templates.template_csv(kind, lang) if fmt == "csv" else templates.template_xlsx(kind, lang)
    table = readers.read_table(data, f"template.{fmt}")
    clean, errors, warnings = importer.validate(kind, table, f"template.{fmt}")
    assert errors == [], [str(e) for e in errors]
    assert not [w for w in warnings if w.message.startswith("Unknown column")]
    assert len(clean) == 1


@pytest.mark.parametrize("kind", templates.KINDS)
def test_the_dictionary_lists_every_column_with_its_rules(kind):
    for lang in ("lv", "en"):
        table = templates.dictionary(kind, lang)
        specs = schemas.columns(kind)
        assert table["column"].tolist() == [spec.name for spec in specs]
        required = {spec.name for spec in specs if spec.required}
        assert set(table.loc[table["required"] != "", "column"]) == required


def test_the_xlsx_template_explains_its_columns_in_a_second_sheet():
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx("events", "lv")))
    assert book.sheetnames == ["events", "kolonnas"]
    headers = [cell.value for cell in book["events"][1]]
    assert headers[0] == schemas.columns("events")[0].label_lv
    allowed = {row[0].value: row[5].value for row in book["kolonnas"].iter_rows(min_row=2)}
    assert "hackathon" in allowed["event_type"]
