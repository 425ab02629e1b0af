"""Reading a page link's query string: every parameter by one declared rule; a bad value falls back.

A link is typed or pasted by anyone, so nothing in it is trusted: whole numbers are ASCII digits
within a range (``²`` passes ``str.isdigit`` but is no number), choices come from a fixed list, lists
keep only known items, and anything longer than ``MAX_LENGTH`` is ignored outright. A value that does
not fit gives the parameter's default and its name is reported, so the page can say what it ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

MAX_LENGTH = 1000
_INTEGER = re.compile(r"-?[0-9]{1,9}")


@dataclass(frozen=True)
class Param:
    """How to read one parameter: ``parse`` returns the value, or raises ValueError when it does not fit."""

    parse: Callable[[str], object]
    default: object


def choice(options: Iterable[str], default: str | None) -> Param:
    """One of ``options`` exactly."""
    allowed = tuple(options)

    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(text)
        return text

    return Param(parse, default)


def subset(options: Iterable[str]) -> Param:
    """A comma-separated list; unknown items are dropped (the list is reported only if all are unknown)."""
    allowed = tuple(options)

    def parse(text: str) -> list[str]:
        items = [item for item in text.split(",") if item]
        kept = [item for item in dict.fromkeys(items) if item in allowed]
        if items and not kept:
            raise ValueError(text)
        return kept

    return Param(parse, [])


def integer(low: int, high: int, default: int) -> Param:
    """A whole number in ASCII digits, ``low``–``high``."""

    def parse(text: str) -> int:
        if not _INTEGER.fullmatch(text) or not low <= int(text) <= high:
            raise ValueError(text)
        return int(text)

    return Param(parse, default)


def flag(default: bool) -> Param:
    """``1`` or ``0``."""

    def parse(text: str) -> bool:
        if text not in ("0", "1"):
            raise ValueError(text)
        return text == "1"

    return Param(parse, default)


def read(params: Mapping[str, str], spec: Mapping[str, Param]) -> tuple[dict[str, object], list[str]]:
    """The values of ``spec``'s parameters in ``params`` (missing → default) and the names ignored."""
    values, ignored = {}, []
    for name, param in spec.items():
        text = params.get(name)
        if text is None:
            values[name] = param.default
            continue
        try:
            if len(text) > MAX_LENGTH:
                raise ValueError(name)
            values[name] = param.parse(text)
        except ValueError:
            values[name] = param.default
            ignored.append(name)
    return values, ignored
