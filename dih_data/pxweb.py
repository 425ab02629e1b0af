"""Wide tables as the Official Statistics Portal's PxWeb exports them, turned into tidy context rows.

A PxWeb export has a title line or two, then a header whose first cells name the row variables
(the territory, sometimes an indicator) and whose other cells are years ("2024", or "2024
Iedzīvotāju skaits" when the indicator sits in the heading). Territories are written as
"LV0001000 Rīga", "LV00A Rīgas reģions" or plain names; missing values as "..", "…" or "-".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from . import geography
from .messages import Msg

YEAR_HEADER = re.compile(r"^\s*(\d{4})(?:\s+(.+))?\s*$")
CODED_AREA = re.compile(r"^\s*(LV[0-9A-Z]*)\s*(.*)$", re.IGNORECASE)
MAX_TITLE_ROWS = 10
MISSING = {"", "..", "...", "…", "-", "–", ":", "x"}
# Words in a title or heading that name an indicator the dashboard uses (Latvian and English).
INDICATOR_WORDS = {
    "active_enterprises": ("ekonomiski aktīv", "active enterprise", "economically active", "tirgus sektora"),
    "population": ("iedzīvotāj", "population", "resident"),
}


@dataclass
class WideTable:
    """The tidy rows (text cells, as the validator expects) and where each came from in the file."""

    tidy: pd.DataFrame
    title: str
    area_header: str
    source_rows: list[int]  # file row number (1-based) per tidy row
    source_columns: list[str]  # the year column's header per tidy row
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (row, area, reason)
    empty_cells: int = 0


class NotWide(ValueError):
    """The rows are not a PxWeb-style wide table (no year columns)."""


class UnknownIndicator(ValueError):
    """Nothing in the table says which indicator it holds."""


def indicator_from_text(text: str) -> str | None:
    """The indicator a title or heading names, or None when it names none or several."""
    lowered = text.casefold()
    found = {name for name, words in INDICATOR_WORDS.items() if any(word in lowered for word in words)}
    return found.pop() if len(found) == 1 else None


def _header_index(rows: list[list[str]]) -> int:
    """The header is the first row with two or more cells (title lines have one); it must hold years."""
    for index, row in enumerate(rows[:MAX_TITLE_ROWS + 1]):
        if sum(bool(cell.strip()) for cell in row) >= 2:
            if any(YEAR_HEADER.match(cell) for cell in row[1:]):
                return index
            break
    raise NotWide("no column is headed by a year")


def _area_code(text: str) -> tuple[str, str | None]:
    """The area to resolve (the code when the cell starts with one) and a reason to skip it, if any."""
    match = CODED_AREA.match(text)
    if match is None:
        return text.strip(), None
    code = match.group(1).upper()
    if code == "LV":
        return text.strip(), Msg("problem_reason_national_total")
    if _resolvable(code):
        return code, None
    # A PxWeb row for a town inside a municipality or a former unit: not a unit the dashboard maps.
    return text.strip(), Msg("problem_reason_not_a_unit")


def _resolvable(text: str) -> bool:
    if geography.region_of(text):
        return True
    try:
        geography.resolve(text)
    except geography.UnknownPlace:
        return False
    return True


def tidy(rows: list[list[str]], indicator: str | None = None) -> WideTable:
    """Tidy (area, year, indicator, value) rows from a wide table; raises NotWide or UnknownIndicator."""
    header_at = _header_index(rows)
    header = [cell.strip() for cell in rows[header_at]]
    title = " ".join(cell.strip() for row in rows[:header_at] for cell in row if cell.strip())
    years = {i: YEAR_HEADER.match(cell) for i, cell in enumerate(header) if YEAR_HEADER.match(cell)}
    first_year = min(years)
    stubs = list(range(first_year))
    # (row number as a spreadsheet shows it, cells) for every non-blank row under the header
    body = [(number, row) for number, row in enumerate(rows, start=1)
            if number > header_at + 1 and any(map(str.strip, row))]
    area_stub = _area_stub(stubs, body)
    indicator_stub = next((i for i in stubs if i != area_stub), None)

    out: dict[str, list[str]] = {"area": [], "year": [], "indicator": [], "value": []}
    table = WideTable(pd.DataFrame(), title, header[area_stub] if area_stub is not None else "", [], [])
    current_area = ""
    for row_number, row in body:
        cells = row + [""] * (len(header) - len(row))
        if area_stub is not None and cells[area_stub].strip():
            current_area = cells[area_stub].strip()  # PxWeb leaves repeated row labels blank
        area, reason = _area_code(current_area)
        if reason:
            table.skipped.append((row_number, current_area, reason))
            continue
        for column, match in years.items():
            value = cells[column].strip()
            if value in MISSING:
                table.empty_cells += 1
                continue
            name = (indicator or (cells[indicator_stub].strip() if indicator_stub is not None else "")
                    or indicator_from_text(match.group(2) or "") or indicator_from_text(title))
            if not name:
                raise UnknownIndicator(Msg("pxweb_unknown_indicator", title=repr(title or "none")))
            out["area"].append(area)
            out["year"].append(match.group(1))
            out["indicator"].append(indicator_from_text(name) or name)
            out["value"].append(value)
            table.source_rows.append(row_number)
            table.source_columns.append(header[column])
    table.tidy = pd.DataFrame(out)
    return table


def _area_stub(stubs: list[int], body: list[tuple[int, list[str]]]) -> int | None:
    """The row-variable column whose cells are places (the other one, if any, names indicators)."""
    if len(stubs) <= 1:
        return stubs[0] if stubs else None

    def places(column: int) -> int:
        cells = {row[column].strip() for _, row in body[:50] if len(row) > column and row[column].strip()}
        return sum(bool(CODED_AREA.match(cell)) or _resolvable(cell) for cell in cells)

    return max(stubs, key=places)
