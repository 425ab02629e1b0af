"""Numbers and dates read as an accountant would: one stated rule, nothing guessed, nothing trailing.

Numbers (the README states the same rule):
- digits with an optional sign and an optional ``€``/``EUR``; no letters, exponents, ``inf`` or ``nan``;
- a space (also no-break or narrow no-break) or an apostrophe separates thousands, and only between
  groups of three digits: ``10 000`` is ten thousand, ``12 34`` is not a number;
- when both ``.`` and ``,`` appear, the last one is the decimal separator and the other separates
  thousands (``1.234,50``, ``1,234.50``); one of them appearing several times separates thousands
  (``1.000.000``); appearing once it is the decimal separator (``1,5``, ``10.25``) — except that
  ``1.000`` or ``12,500`` (1–3 digits, not 0, then exactly three) could be either and is refused with
  both readings;
- at most 15 significant digits (what a spreadsheet keeps exactly).

Dates: ``2019-03-05`` (optionally with a valid time, as Excel cells arrive) or ``05.03.2019``/``5.3.2019``,
a day that exists, nothing before or after.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_SIGNIFICANT_DIGITS = 15
_GROUP_SEPARATORS = " \u00a0\u202f'"
_SHAPE = re.compile(r"\d(?:[\d.,\u00a0\u202f' ]*\d)?")
_CURRENCY = re.compile(r"^(?:€|EUR)\s*|\s*(?:€|EUR)$", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")

NOT_A_NUMBER = "not_a_number"
AMBIGUOUS = "ambiguous"
TOO_LONG = "too_long"


@dataclass(frozen=True)
class Number:
    value: float | None
    problem: str | None = None  # NOT_A_NUMBER, AMBIGUOUS or TOO_LONG
    readings: tuple[float, float] | None = None  # the two readings of an ambiguous number


def _grouped(integer: str, thousands: str) -> str | None:
    """The digits of an integer part whose separators (``thousands`` or spaces) sit between groups of three."""
    parts = re.split(f"[{re.escape(thousands + _GROUP_SEPARATORS)}]", integer)
    if len(parts) == 1:
        return integer if integer.isdigit() else None
    head, *tail = parts
    if not (head.isdigit() and 1 <= len(head) <= 3 and all(p.isdigit() and len(p) == 3 for p in tail)):
        return None
    return "".join(parts)


def read_number(text: str) -> Number:
    """A number as people type it, by the module's rule (never a silent guess)."""
    body = _CURRENCY.sub("", text.strip()).strip()
    negative = body[:1] in ("-", "\u2212")
    if body[:1] in ("-", "+", "\u2212"):
        body = body[1:].lstrip()
    if not _SHAPE.fullmatch(body):
        return Number(None, NOT_A_NUMBER)
    dots, commas = body.count("."), body.count(",")
    fraction = ""
    if dots and commas:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
        if body.count(decimal) > 1:
            return Number(None, NOT_A_NUMBER)
        integer, fraction = body.rsplit(decimal, 1)
        thousands = "," if decimal == "." else "."
    elif dots + commas > 1:
        integer, thousands = body, "." if dots else ","
    elif dots + commas == 1:
        separator = "." if dots else ","
        integer, fraction = body.split(separator)
        thousands = ""
        if len(fraction) == 3 and re.fullmatch(r"[1-9]\d{0,2}", integer):
            return Number(None, AMBIGUOUS, (_signed(f"{integer}.{fraction}", negative),
                                            _signed(integer + fraction, negative)))
    else:
        integer, thousands = body, ""
    digits = _grouped(integer, thousands)
    if digits is None or (fraction and not fraction.isdigit()):
        return Number(None, NOT_A_NUMBER)
    if len((digits + fraction).lstrip("0")) > MAX_SIGNIFICANT_DIGITS:
        return Number(None, TOO_LONG)
    return Number(_signed(f"{digits}.{fraction or 0}", negative))


def _signed(number: str, negative: bool) -> float:
    value = float(number)
    return -value if negative else value


def read_date(text: str) -> dt.date | None:
    """The date written, or None when it is not exactly one of the accepted forms of a real day."""
    try:
        if match := _ISO.fullmatch(text):
            year, month, day, hour, minute, second = match.groups()
            if hour is not None:
                dt.time(int(hour), int(minute), int(second or 0))
            return dt.date(int(year), int(month), int(day))
        if match := _DOTTED.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None
