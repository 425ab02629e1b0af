"""The resolver against every row of both reference tables, and the committed boundaries."""

from __future__ import annotations

import csv

import pytest

from dih_data import geography
from dih_data.config import PACKAGE_DATA


def _rows(name):
    with open(PACKAGE_DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


UNITS = {row["atvk_code"]: row for row in _rows("lv_municipalities.csv")}
OLD_UNITS = _rows("lv_units_2009_2021.csv")


def _today(atvk: str) -> str:
    while UNITS[atvk]["successor_atvk"]:
        atvk = UNITS[atvk]["successor_atvk"]
    return atvk


@pytest.mark.parametrize("row", UNITS.values(), ids=lambda row: row["name_lv"])
@pytest.mark.parametrize("field", ["name_lv", "name_en", "atvk_code", "iso3166_2"])
def test_every_2021_unit_resolves_by_every_name_and_code(row, field):
    resolution = geography.resolve(row[field])
    expected = _today(row["atvk_code"])
    assert resolution.atvk == expected
    assert resolution.planning_region == UNITS[expected]["planning_region"]
    assert (resolution.warning is not None) == bool(row["valid_to"])


@pytest.mark.parametrize("row", OLD_UNITS, ids=lambda row: row["datamaps_id"])
def test_every_pre_2021_unit_resolves_to_its_successor(row):
    resolution = geography.resolve(row["name_lv"])
    assert resolution.atvk == _today(row["successor_atvk"])
    if row["name_lv"] != row["successor_name_lv"]:
        assert row["name_lv"] in resolution.warning
    if row["approximate"] == "true":
        assert "approximate" in resolution.warning


@pytest.mark.parametrize(
    ("text", "atvk"),
    [
        ("RIGA", "0001000"),
        ("  rīga ", "0001000"),
        ("Cesu novads", "0026000"),
        ("Cēsu", "0026000"),
        ("Cesis", "0026000"),
        ("cēsu nov.", "0026000"),
        ("LV0001000", "0001000"),
        ("1000", "0001000"),
        ("lv-rix", "0001000"),
        ("Dienvidkurzeme", "0027000"),
        ("South Kurzeme Municipality", "0027000"),
        ("Kekavas novads", "0034000"),
        # city vs municipality of the same name
        ("Jelgava", "0003000"),
        ("Jelgavas novads", "0030000"),
        ("Jelgava Municipality", "0030000"),
        ("Rēzekne", "0006000"),
        ("Rezekne nov.", "0043000"),
        ("Ventspils", "0007000"),
        ("Ventspils novads", "0056000"),
        ("Daugavpils", "0002000"),
        ("Daugavpils novads", "0022000"),
        ("Daugavpils nov.", "0022000"),
        # merged on 2025-07-01
        ("Varakļānu novads", "0038000"),
        ("Varaklani Municipality", "0038000"),
    ],
)
def test_written_variants_resolve(text, atvk):
    assert geography.resolve(text).atvk == atvk


def test_pre_2021_name_warns_and_names_successor():
    resolution = geography.resolve("Kocēnu novads")
    assert (resolution.name_lv, resolution.planning_region) == ("Valmieras novads", "Vidzeme")
    assert "Kocēnu novads" in resolution.warning and "Valmieras novads" in resolution.warning


@pytest.mark.parametrize(("text", "suggestion"), [("Cesu novadss", "Cēsu novads"), ("Ludzs", "Ludzas novads")])
def test_unknown_place_suggests_closest(text, suggestion):
    with pytest.raises(geography.UnknownPlace) as error:
        geography.resolve(text)
    assert suggestion in error.value.suggestions
    assert suggestion in str(error.value)


def test_nuts3_code_is_a_region_not_a_municipality():
    with pytest.raises(geography.UnknownPlace):
        geography.resolve("LV00C")
    assert geography.region_of("LV00C").name_lv == "Vidzeme"
    assert geography.region_of("Riga").nuts3 == "LV00A"


def test_municipalities_table_has_42_current_units():
    current = geography.municipalities()
    assert len(current) == 42 and "Varakļānu novads" not in set(current["name_lv"])
    assert len(geography.municipalities(current_only=False)) == 43
    assert set(current["planning_region"]) == set(geography.REGION_NAMES)


def test_boundaries_cover_today_units_and_regions():
    municipalities = geography.boundaries("municipality")
    regions = geography.boundaries("planning_region")
    assert sorted(municipalities["atvk"]) == sorted(geography.municipalities()["atvk"])
    assert sorted(regions["planning_region"]) == sorted(geography.REGION_NAMES)
    assert municipalities.is_valid.all() and regions.is_valid.all()
    by_region = regions.set_index("planning_region").geometry
    for unit in municipalities.itertuples():
        assert by_region[unit.planning_region].contains(unit.geometry.representative_point()), unit.name_lv
    union_difference = municipalities.union_all().symmetric_difference(regions.union_all()).area
    assert union_difference / regions.union_all().area < 0.01


def test_boundary_files_stay_small():
    total = sum((PACKAGE_DATA / n).stat().st_size for n in ("lv_municipalities.geojson", "lv_planning_regions.geojson"))
    assert total < 300 * 1024


@pytest.mark.parametrize(
    ("name_lv", "reference_en", "expected"),
    [
        ("Rīga", "Riga", "Rīga"),
        ("Rēzekne", "Rezekne", "Rēzekne"),
        ("Ādažu novads", "Adazi Municipality", "Ādaži Municipality"),  # genitive ending differs
        ("Cēsu novads", "Cesis Municipality", "Cēsis Municipality"),
        ("Varakļānu novads", "Varaklani Municipality", "Varakļāni Municipality"),
        ("Dienvidkurzemes novads", "South Kurzeme Municipality (Dienvidkurzeme)",
         "South Kurzeme Municipality (Dienvidkurzeme)"),  # translated words stay
        ("Tukuma novads", "Tukums Municipality", "Tukums Municipality"),
        ("Mārupes novads", "Market Municipality", "Market Municipality"),  # a shared start is not a stem
    ],
)
def test_english_names_take_the_latvian_letters_of_the_same_word(name_lv, reference_en, expected):
    assert geography.english_name(name_lv, reference_en) == expected


@pytest.mark.parametrize("row", UNITS.values(), ids=lambda row: row["name_lv"])
def test_every_english_name_is_the_reference_name_with_diacritics_only(row):
    shown = geography.unit_records(current_only=False)
    english = next(unit["name_en"] for unit in shown if unit["atvk"] == row["atvk_code"])
    assert geography.normalise(english) == geography.normalise(row["name_en"])
    assert len(english) == len(row["name_en"])
    assert [a for a, b in zip(english, row["name_en"], strict=True) if a != b] == [
        a for a in english if not a.isascii()]  # every changed letter is a Latvian one
