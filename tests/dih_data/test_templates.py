"""Templates come from the validator's own specs: the example row is valid data, marked as an example so
that a template imported as it is gets refused, and every word of a template is in its language."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dih_data import batches, i18n, importer, readers, schemas, templates

pytestmark = pytest.mark.both_databases

LANGS = ["lv", "en"]
FORMATS = ["csv", "xlsx"]
GUIDE_KEYS = ["column", "header_lv", "type", "required", "unique", "allowed", "help", "example"]


def _template(kind: str, lang: str, fmt: str) -> bytes:
    return templates.template_csv(kind, lang) if fmt == "csv" else templates.template_xlsx(kind, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", templates.KINDS)
def test_a_template_imported_as_it_is_is_refused_at_its_example_row(engine, kind, fmt, lang):
    name = f"template_{kind}_{lang}.{fmt}"
    result = importer.import_file(engine, kind, name, data=_template(kind, lang, fmt))
    assert not result.written
    assert [(p.file, p.row, p.column, p.value) for p in result.errors] == [
        (name, 2, schemas.EXAMPLE_HEADERS[lang], schemas.EXAMPLE_MARKS[lang])]
    assert "example row" in result.errors[0].message
    assert result.errors[0].fix.startswith("Delete the example row (row 2)")
    assert importer.import_file(engine, kind, name, data=_template(kind, lang, fmt), dry_run=True).errors
    assert batches.history(engine).empty  # nothing was written


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", templates.KINDS)
def test_the_example_row_without_its_mark_is_valid_data(kind, fmt, lang):
    table = readers.read_table(_template(kind, lang, fmt), f"template.{fmt}")
    assert table.columns[0] == schemas.EXAMPLE_HEADERS[lang]
    table.iloc[0, 0] = ""  # the person kept the row and cleared the mark: now it is their data
    clean, errors, warnings = importer.validate(kind, table, f"template.{fmt}")
    assert errors == [], [str(e) for e in errors]
    assert not [w for w in warnings if w.column == schemas.EXAMPLE_HEADERS[lang] or w.row == 1]
    assert len(clean) == 1
    for spec in schemas.columns(kind):
        if spec.kind == "choice":  # a Latvian label reads back as the same code as the English example
            assert clean[spec.name].item() == spec.example


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", templates.KINDS)
def test_every_header_of_a_template_is_in_its_language(kind, fmt, lang):
    table = readers.read_table(_template(kind, lang, fmt), f"template.{fmt}")
    specs = schemas.columns(kind)
    expected = [spec.label_lv if lang == "lv" else spec.name for spec in specs]
    assert list(table.columns) == [schemas.EXAMPLE_HEADERS[lang], *expected]
    assert table.iloc[0, 0] == schemas.EXAMPLE_MARKS[lang]
    examples = dict(zip(table.columns[1:], table.iloc[0, 1:], strict=True))
    for spec, header in zip(specs, expected, strict=True):
        if spec.kind == "choice":
            assert examples[header] == templates.choice_label(spec, spec.example, lang)
        if spec.kind == "bool":
            assert examples[header] == {"lv": "jā", "en": "yes"}[lang]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", templates.KINDS)
def test_the_column_guide_sheet_is_in_the_template_language(kind, lang):
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(kind, lang)))
    assert book.sheetnames == [i18n.t(f"kind_{kind}", lang), i18n.t("template_guide_sheet", lang)]
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    keys = [key for key in GUIDE_KEYS if not (lang == "lv" and key == "header_lv")]  # Latvian: one name, Latvian
    assert list(rows[0]) == [i18n.t(f"dict_{key}", lang) for key in keys]
    other = "en" if lang == "lv" else "lv"
    assert not {i18n.t(f"dict_{key}", other) for key in GUIDE_KEYS} & set(rows[0])
    marker, *columns = [dict(zip(keys, row, strict=True)) for row in rows[1:]]
    assert marker["column"] == schemas.EXAMPLE_HEADERS[lang] and marker["example"] == schemas.EXAMPLE_MARKS[lang]
    specs = schemas.columns(kind)
    assert [row["column"] for row in columns] == [spec.label_lv if lang == "lv" else spec.name for spec in specs]
    if lang == "lv":  # the contract's English names are the English guide's, nowhere in the Latvian one
        assert not {spec.name for spec in specs} & {cell for row in rows for cell in row}
    types = set((templates.KIND_TYPES_LV if lang == "lv" else templates.KIND_TYPES_EN).values())
    assert {row["type"] for row in columns} <= types
    assert {row["required"] or "" for row in columns} <= {"", "jā" if lang == "lv" else "yes"}
    helps = [spec.help_lv if lang == "lv" else spec.help_en for spec in specs]
    assert [row["help"] or "" for row in columns] == helps


@pytest.mark.parametrize(("code", "label"), sorted(schemas.CHOICE_LABELS_LV.items()))
def test_every_latvian_choice_label_reads_back_as_its_code(code, label):
    spec = next((s for kind in templates.KINDS for s in schemas.columns(kind) if code in s.choices), None)
    if spec is None:  # yes / no
        lookup = {importer._key(text): flag for flag, texts in schemas.BOOL_LABELS.items() for text in texts}
        assert lookup[importer._key(label)] == (code == "yes")
    else:
        assert importer._key(label) in {importer._key(text) for text in spec.choices[code]}


@pytest.mark.parametrize("kind", templates.KINDS)
def test_the_dictionary_lists_every_column_with_its_rules(kind):
    for lang in LANGS:
        table = templates.dictionary(kind, lang)
        specs = schemas.columns(kind)
        assert table["column"].tolist() == [spec.name for spec in specs]
        required = {spec.name for spec in specs if spec.required}
        assert set(table.loc[table["required"] != "", "column"]) == required


def test_the_latvian_guide_lists_allowed_values_by_their_latvian_labels():
    allowed = {lang: templates.dictionary("events", lang).set_index("column")["allowed"] for lang in LANGS}
    assert allowed["lv"]["event_type"].startswith("hakatons, darbnīca, tikšanās, ekspertu vizīte")
    assert allowed["lv"]["format"] == "klātienē, tiešsaistē, hibrīds"
    assert allowed["en"]["event_type"].startswith("hackathon, workshop, meetup, expert_visit")
