"""Reform-aware Latvian geography: reference units, one place resolver, and boundaries.

Latvia's 119 municipalities and republican cities of 2009–2021 became 43 units on 2021-07-01
(7 state cities, 36 municipalities); Varakļānu novads joined Madonas novads on 2025-07-01, so 42
units exist today. Planning regions coincide with the NUTS 3 (2024) regions. Records written
under any of these names are counted in today's unit.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import json
import os
import re
import unicodedata
from dataclasses import dataclass

from . import i18n
from .config import PACKAGE_DATA
from .messages import Msg

ONLINE = "online"
"""Key under which online events are reported instead of a planning region."""


@dataclass(frozen=True)
class PlanningRegion:
    name_lv: str
    name_en: str
    nuts3: str


PLANNING_REGIONS: tuple[PlanningRegion, ...] = (
    PlanningRegion("Rīga", "Rīga", "LV00A"),
    PlanningRegion("Kurzeme", "Kurzeme", "LV00B"),
    PlanningRegion("Vidzeme", "Vidzeme", "LV00C"),
    PlanningRegion("Latgale", "Latgale", "LV005"),
    PlanningRegion("Zemgale", "Zemgale", "LV009"),
)
REGION_NAMES: tuple[str, ...] = tuple(region.name_lv for region in PLANNING_REGIONS)


class UnknownPlace(ValueError):
    """A place name that matches no current or pre-2021 unit; the closest current names are looked up
    only when asked for (a fuzzy search per value made 20,000 unknown names take 20 s)."""

    def __init__(self, text: str):
        self.text = text
        super().__init__(text)

    @functools.cached_property
    def suggestions(self) -> list[str]:
        return suggest(self.text)

    def __str__(self) -> str:
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"Unknown place {self.text!r}.{hint}"


@dataclass(frozen=True)
class Resolution:
    atvk: str
    name_lv: str
    name_en: str
    planning_region: str
    warning: str | None = None


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(PACKAGE_DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def english_name(name_lv: str, reference_en: str) -> str:
    """The reference's English name written with the Latvian letters of the Latvian name.

    The verified reference spells English names in ASCII ("Rezekne", "Adazi Municipality"), while Latvia
    writes its place names with diacritics in English too ("Rēzekne", "Ādaži Municipality"). A word takes
    the Latvian spelling of the common stem only when it matches a word of the Latvian name up to its last
    two letters (case endings differ: "Ādažu novads" → "Ādaži"); translated words ("South Kurzeme",
    "Municipality") stay as they are. Folding the result to ASCII gives the reference name back exactly.
    """
    latvian_words = re.findall(r"\w+", name_lv)

    def restored(match: re.Match) -> str:
        word = match.group()
        best = ""
        for latvian in latvian_words:
            stem = len(os.path.commonprefix([_fold(word), _fold(latvian)]))
            if stem >= max(3, len(word) - 2) and stem > len(best):
                best = latvian[:stem]
        return best + word[len(best):] if best else word

    return re.sub(r"\w+", restored, reference_en)


@functools.cache
def _units() -> dict[str, dict[str, str]]:
    """All 43 units of the 2021 reform by ATVK code (English names with their Latvian letters)."""
    return {row["atvk_code"]: {**row, "name_en": english_name(row["name_lv"], row["name_en"])}
            for row in _read_csv("lv_municipalities.csv")}


def _current_atvk(atvk: str) -> str:
    """Follow successor links (Varakļānu novads → Madonas novads) to a unit that exists today."""
    while _units()[atvk]["successor_atvk"]:
        atvk = _units()[atvk]["successor_atvk"]
    return atvk


def unit_records(current_only: bool = True) -> list[dict]:
    """The reference units with the model's column names (42 current ones by default)."""
    return [
        {
            "atvk": code,
            "name_lv": row["name_lv"],
            "name_en": row["name_en"],
            "kind": row["kind"],
            "planning_region": row["planning_region"],
            "nuts3": row["nuts3_2024"],
            "iso3166_2": row["iso3166_2"],
            "valid_from": dt.date.fromisoformat(row["valid_from"]),
            "valid_to": dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            "successor_atvk": row["successor_atvk"] or None,
        }
        for code, row in _units().items()
        if not (current_only and row["valid_to"])
    ]


def municipalities(current_only: bool = True):
    """The reference units as a DataFrame (42 current ones by default)."""
    import pandas as pd

    return pd.DataFrame(unit_records(current_only))


def normalise(text: str) -> str:
    """Case-, diacritic-, punctuation- and spacing-insensitive key for a place name or code."""
    text = _fold(str(text))
    text = re.sub(r"\bnov\.", "novads", text)
    text = re.sub(r"[.,;:'\"()]", " ", text)
    return " ".join(text.split())


_SUFFIXES = (" novads", " novada", " municipality")


def _strip_suffix(key: str) -> str | None:
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return None


@dataclass(frozen=True)
class _Target:
    atvk: str  # the unit the name denotes (may be a pre-2025 or pre-2021 one)
    warning: str | None


@functools.cache
def _index() -> tuple[dict[str, _Target], dict[str, _Target]]:
    """(names and codes → unit, municipality stems → unit); the first registration of a key wins."""
    exact: dict[str, _Target] = {}
    stems: dict[str, _Target] = {}

    def add(table: dict[str, _Target], key: str, target: _Target) -> None:
        if key and key not in table:
            table[key] = target

    units = _units()
    ordered = sorted(units.values(), key=lambda row: row["kind"] != "state_city")  # cities first
    for row in ordered:
        code, successor = row["atvk_code"], row["successor_atvk"]
        warning = None
        if successor:
            warning = Msg("problem_merged_municipality", name=row["name_lv"], valid_to=str(row["valid_to"]),
                          successor=units[successor]["name_lv"])
        target = _Target(code, warning)
        for key in (row["name_lv"], row["name_en"], code, "lv" + code, row["iso3166_2"]):
            add(exact, normalise(key), target)
        if row["kind"] == "municipality":
            for name in (row["name_lv"], row["name_en"]):
                stem = _strip_suffix(normalise(name.split(" (")[0]))
                add(stems, stem, target)
            for alias in re.findall(r"\(([^)]+)\)", row["name_en"]):  # "(Dienvidkurzeme)"
                add(stems, normalise(alias), target)
    for row in _read_csv("lv_units_2009_2021.csv"):
        successor = units[row["successor_atvk"]]
        note = row["note"].split(":")[0].lower() if row["approximate"] == "true" else ""
        if note:  # the reference's note word ("SPLIT") said in the reader's language where the catalog has it
            note = Msg(f"problem_note_{note}") if i18n.has(f"problem_note_{note}") else note
        approx = Msg("problem_assignment_approximate", note=note) if note else ""
        target = _Target(row["successor_atvk"], Msg("problem_pre2021_unit", name=row["name_lv"],
                                                    successor=successor["name_lv"], approx=approx))
        old_key = normalise(row["name_lv"])
        add(exact, old_key, target)  # a name still valid today (Cēsu novads) keeps its own entry
        stem = _strip_suffix(old_key)
        if stem:
            add(stems, stem, target)
    for key, target in stems.items():  # bare stems last: full names and codes win
        add(exact, key, target)
    return exact, stems


def _resolution(target: _Target) -> Resolution:
    current = _units()[_current_atvk(target.atvk)]
    return Resolution(
        atvk=current["atvk_code"],
        name_lv=current["name_lv"],
        name_en=current["name_en"],
        planning_region=current["planning_region"],
        warning=target.warning,
    )


@functools.lru_cache(maxsize=4096)
def resolve(text: str) -> Resolution:
    """The current unit (and planning region) for any way a place is written; raises UnknownPlace."""
    exact, stems = _index()
    key = normalise(text)
    if key.isdigit() and len(key) < 7:  # ATVK whose leading zeros a spreadsheet dropped
        key = key.zfill(7)
    target = exact.get(key)
    if target is None and (stem := _strip_suffix(key)) is not None:
        target = stems.get(stem)
    if target is None:
        raise UnknownPlace(text)
    return _resolution(target)


def suggest(text: str, limit: int = 3) -> list[str]:
    """Closest current unit names to ``text``, for error messages."""
    exact, _ = _index()
    matches = difflib.get_close_matches(normalise(text), list(exact), n=limit * 4, cutoff=0.6)
    names: list[str] = []
    for match in matches:
        name = _resolution(exact[match]).name_lv
        if name not in names:
            names.append(name)
    return names[:limit]


def region_of(text: str) -> PlanningRegion | None:
    """A planning region by Latvian or English name or NUTS 3 code (for regional context data)."""
    key = normalise(text)
    for region in PLANNING_REGIONS:
        if key in {normalise(region.name_lv), normalise(region.name_en), normalise(region.nuts3)}:
            return region
    return None


BOUNDARY_FILES = {"municipality": "lv_municipalities.geojson", "planning_region": "lv_planning_regions.geojson"}


def boundary_path(level: str):
    if level not in BOUNDARY_FILES:
        raise ValueError(f"level must be one of {sorted(BOUNDARY_FILES)}, not {level!r}")
    return PACKAGE_DATA / BOUNDARY_FILES[level]


@functools.cache
def boundary_features(level: str) -> tuple[dict, ...]:
    """The level's GeoJSON features as committed (d3 winding, what Vega's geoshape expects); read-only."""
    return tuple(json.loads(boundary_path(level).read_text(encoding="utf-8"))["features"])


@functools.cache
def _boundaries(level: str):
    import geopandas as gpd

    return gpd.read_file(boundary_path(level))


def boundaries(level: str):
    """Simplified boundaries (EPSG:4326) of today's municipalities or the 5 planning regions."""
    return _boundaries(level).copy()
