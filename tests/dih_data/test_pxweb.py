"""PxWeb wide tables: title lines, year columns, coded or named areas, and imports that cite the file's cells."""

from __future__ import annotations

import openpyxl
import pytest

from dih_data import geography, importer, metrics, pxweb, readers

pytestmark = pytest.mark.both_databases

RIGA = geography.resolve("Rīga").atvk
CESIS = geography.resolve("Cēsu novads").atvk
LATGALE_NUTS3 = geography.region_of("Latgale").nuts3

POPULATION_EXPORT = f""""Iedzīvotāju skaits gada sākumā reģionos, republikas pilsētās un novados 2022 - 2024"

"Administratīvā teritorija";"2022";"2023";"2024"
"LV Latvija";"1875757";"1883008";"1871882"
"{LATGALE_NUTS3} Latgales reģions";"..";"";"245000"
"LV{RIGA} Rīga";"611824";"605273";"591882"
"LV0054010 Ogre";"23000";"23100";"23200"
"Cēsu novads";"41000";"40800";"40500"
"""


def _rows(text: str) -> list[list[str]]:
    return readers.read_rows(text.encode("utf-8"), "export.csv")


def test_a_titled_export_becomes_tidy_rows_with_their_source_cells():
    table = pxweb.tidy(_rows(POPULATION_EXPORT))
    assert table.title.startswith("Iedzīvotāju skaits")
    got = list(table.tidy.itertuples(index=False, name=None))
    assert got == [
        (LATGALE_NUTS3, "2024", "population", "245000"),
        (f"LV{RIGA}", "2022", "population", "611824"), (f"LV{RIGA}", "2023", "population", "605273"),
        (f"LV{RIGA}", "2024", "population", "591882"),
        ("Cēsu novads", "2022", "population", "41000"), ("Cēsu novads", "2023", "population", "40800"),
        ("Cēsu novads", "2024", "population", "40500"),
    ]
    # Row 5 of the file is Latgale's, its only value in the column headed 2024.
    assert (table.source_rows[0], table.source_columns[0]) == (5, "2024")
    assert table.source_rows[1:4] == [6, 6, 6] and table.source_columns[1:4] == ["2022", "2023", "2024"]
    assert [(row, reason) for row, _, reason in table.skipped] == [
        (4, "national total"), (7, "not a current municipality or planning region")]
    assert table.empty_cells == 2


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ekonomiski aktīvās tirgus sektora statistikas vienības novados", "active_enterprises"),
        ("Economically active enterprises by municipality", "active_enterprises"),
        ("Population at the beginning of the year", "population"),
        ("Dzimstība novados", None),
        ("Population and active enterprises", None),  # two indicators: ambiguous, never guessed
    ],
)
def test_indicator_from_title(title, expected):
    assert pxweb.indicator_from_text(title) == expected


def test_an_indicator_stub_column_and_blank_repeated_labels():
    text = (f'"Teritorija","Rādītājs","2023","2024"\n'
            f'"LV{RIGA} Rīga","Iedzīvotāju skaits gada sākumā","605273","591882"\n'
            f'"","Ekonomiski aktīvās statistikas vienības","70000","71000"\n')
    table = pxweb.tidy(_rows(text))
    assert set(table.tidy["area"]) == {f"LV{RIGA}"}
    assert sorted(zip(table.tidy["indicator"], table.tidy["year"], strict=True)) == [
        ("active_enterprises", "2023"), ("active_enterprises", "2024"), ("population", "2023"),
        ("population", "2024")]


def test_indicator_in_the_year_heading():
    text = f'"Teritorija";"2024 Iedzīvotāju skaits"\n"LV{RIGA} Rīga";"591882"\n'
    assert pxweb.tidy(_rows(text)).tidy["indicator"].tolist() == ["population"]


def test_no_indicator_anywhere_is_refused_unless_given():
    text = f'"Teritorija";"2024"\n"LV{RIGA} Rīga";"591882"\n'
    with pytest.raises(pxweb.UnknownIndicator):
        pxweb.tidy(_rows(text))
    assert pxweb.tidy(_rows(text), indicator="population").tidy["indicator"].tolist() == ["population"]


def test_a_tidy_table_is_not_wide():
    with pytest.raises(pxweb.NotWide):
        pxweb.tidy(_rows("area;year;indicator;value\nRīga;2024;population;591882\n"))


def test_import_writes_the_wide_export(engine, tmp_path):
    path = tmp_path / "px.csv"
    path.write_text(POPULATION_EXPORT, encoding="utf-8")
    result = importer.import_file(engine, "context", path)
    assert result.written and not result.errors
    context = metrics.load_context(engine)
    assert len(context) == 7
    assert context.loc[(context["area_code"] == CESIS) & (context["year"] == 2024), "value"].item() == 40500
    skipped = [w for w in result.warnings if w.message.startswith("Row skipped")]
    assert [(w.row, w.column) for w in skipped] == [(4, "Administratīvā teritorija"), (7, "Administratīvā teritorija")]


def test_import_errors_name_the_wide_file_row_and_year_column(engine, tmp_path):
    text = POPULATION_EXPORT.replace('"605273"', '"six hundred"').replace('"Cēsu novads"', '"Atlantīdas novads"')
    path = tmp_path / "px.csv"
    path.write_text(text, encoding="utf-8")
    result = importer.import_file(engine, "context", path)
    assert not result.written
    assert sorted((p.row, p.column) for p in result.errors) == [(6, "2023")] + [(8, "Administratīvā teritorija")] * 3
    assert metrics.load_context(engine).empty


def test_import_without_indicator_says_what_to_do(engine, tmp_path):
    path = tmp_path / "px.csv"
    path.write_text(f'"Tabula"\n\n"Teritorija";"2024"\n"LV{RIGA} Rīga";"591882"\n', encoding="utf-8")
    result = importer.import_file(engine, "context", path)
    assert not result.written and "--indicator" in result.errors[0].fix
    assert importer.import_file(engine, "context", path, indicator="population").written


def test_an_xlsx_export_with_a_title_cell(engine, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ekonomiski aktīvās tirgus sektora statistikas vienības"])
    sheet.append([])
    sheet.append(["Teritoriālā vienība", 2023, 2024])
    sheet.append([f"LV{RIGA} Rīga", 70000, 71000])
    path = tmp_path / "px.xlsx"
    book.save(path)
    result = importer.import_file(engine, "context", path)
    assert result.written, result.errors
    context = metrics.load_context(engine)
    assert set(context["indicator"]) == {"active_enterprises"} and sorted(context["value"]) == [70000, 71000]
