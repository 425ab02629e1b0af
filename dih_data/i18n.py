"""Every visible string and every number/date format goes through here.

Strings live in gettext catalogs, one per language: ``dih_data/locales/<lang>/LC_MESSAGES/messages.po``
(English is the source language; ``msgctxt`` is the key the code asks for). The ``.po`` files are read
directly with Babel, so a fresh clone needs no compile step and a translator's edit shows on the next
start. Adding a language is adding a catalog (``pybabel init -i dih_data/locales/messages.pot
-d dih_data/locales -l ru``): the language list, its name and its number formats follow from it.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

from .published import BARRIERS, SOURCE_KEYS

LOCALE_DIR = Path(__file__).with_name("locales")
SOURCE_LANG = "en"  # msgid language: the fallback when a catalog lacks a message
FIRST_LANGS = ("lv", "en")  # Latvian first; other catalogs follow in alphabetical order
DEFAULT_LANG = FIRST_LANGS[0]  # what the app and the command line speak unless told otherwise

untranslated: set[tuple[str, str]] = set()  # (lang, key) that fell back to the source language


@functools.cache
def _catalogs() -> dict[str, tuple[Locale, dict[str, str]]]:
    """Each catalog's formatting locale (its ``Language`` header) and its messages by key."""
    catalogs = {}
    for path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        messages = {m.context: m.string for m in catalog if m.id and m.context}
        catalogs[path.parts[-3]] = (catalog.locale or Locale.parse(path.parts[-3]), messages)
    return catalogs


def languages() -> tuple[str, ...]:
    found = _catalogs()
    return tuple(lang for lang in FIRST_LANGS if lang in found) + tuple(
        sorted(lang for lang in found if lang not in FIRST_LANGS))


def reload() -> None:
    """Read the catalogs again (after one was added or edited) and refresh ``LANGS``/``LOCALES``."""
    global LANGS, LOCALES
    _catalogs.cache_clear()
    untranslated.clear()
    LANGS = languages()
    LOCALES = {lang: str(locale) for lang, (locale, _) in _catalogs().items()}


LANGS: tuple[str, ...] = ()
LOCALES: dict[str, str] = {}
reload()


def language_name(lang: str) -> str:
    """The language's own name for itself (Latviešu, English, …), for the language switch."""
    name = _catalogs()[lang][0].get_language_name(lang) or lang
    return name[:1].upper() + name[1:]


def has(key: str) -> bool:
    return key in _catalogs()[SOURCE_LANG][1]


def message_keys() -> tuple[str, ...]:
    return tuple(_catalogs()[SOURCE_LANG][1])


def t(key: str, lang: str, **values) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in (source language if not yet translated)."""
    source = _catalogs()[SOURCE_LANG][1][key]  # an unknown key is a programming error: KeyError
    text = _catalogs()[lang][1].get(key) if lang in _catalogs() else None
    if not text:
        untranslated.add((lang, key))
        text = source
    return text.format(**values) if values else text


def measure_label(code: str, lang: str) -> str:
    return t(f"measure_{code}", lang)


def region_label(name: str, lang: str) -> str:
    return t(f"region_{name}", lang) if has(f"region_{name}") else t("unknown", lang)


def source_name(file_name: str, lang: str) -> str:
    """A published source by its name in ``lang`` (file names belong on the Data page and in the README)."""
    return t(SOURCE_KEYS[file_name], lang)


def barrier_label(code: str, lang: str) -> str:
    """A barrier's label from the published catalogue (or "other")."""
    for barrier in BARRIERS:
        if barrier.code == code:
            return barrier.label_lv if lang == "lv" else barrier.label_en
    return t("other_barrier", lang) if code == "other" else code


MINUS = "\u2212"  # typographic minus for negatives, in every language
PERCENT_PATTERNS = {"lv": "#,##0\u00a0%"}  # LVS 24:2003: a (no-break) space before %; CLDR lv has none


def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def _signed(text: str) -> str:
    return text.replace("-", MINUS)


def _percent_pattern(lang: str, decimals: int) -> str:
    pattern = PERCENT_PATTERNS.get(lang) or _locale(lang).percent_formats[None].pattern.split(";")[0]
    return pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)


def _currency_pattern(lang: str, decimals: int) -> str:
    pattern = _locale(lang).currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace(".00", "." + "0" * decimals if decimals else "", 1)


def fmt_int(value: float | int, lang: str) -> str:
    return _signed(format_decimal(round(value), locale=LOCALES[lang]))


def fmt_num(value: float, lang: str, digits: int = 1) -> str:
    return _signed(format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale=LOCALES[lang]))


def fmt_eur(value: float, lang: str, decimals: int = 0) -> str:
    return _signed(format_currency(value, "EUR", format=_currency_pattern(lang, decimals), locale=LOCALES[lang],
                                   currency_digits=False))


def fmt_cost_per_participant(value: float, lang: str) -> str:
    """The cost per participant to the cent ("68,30 €"), as the Overview, the Budget slide and its exports all
    state it: at tens of euros, whole euros would round away up to 50 cents of it."""
    return fmt_eur(value, lang, decimals=2)


def fmt_pct(share: float, lang: str, decimals: int = 0) -> str:
    return _signed(format_percent(share, format=_percent_pattern(lang, decimals), locale=LOCALES[lang]))


def chart_locale(lang: str) -> dict:
    """Vega's number locale (d3-format) for ``lang``: the same separators, %, minus and € as the tables."""
    symbols = _locale(lang).number_symbols["latn"]
    percent = _percent_pattern(lang, 0)
    currency = _currency_pattern(lang, 0).replace("#,##0", "|").replace("¤", "€").split("|")
    return {"number": {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3],
                       "currency": currency, "percent": percent[percent.rindex("0") + 1:], "minus": MINUS}}


def fmt_date(value: dt.date, lang: str) -> str:
    return format_date(value, format="dd.MM.yyyy" if lang == "lv" else "d MMM yyyy", locale=LOCALES[lang])


def fmt_datetime(value: dt.datetime, lang: str) -> str:
    return f"{fmt_date(value.date(), lang)} {value:%H:%M}"


def fmt_month(value: dt.date, lang: str) -> str:
    return format_date(value, format="MM/yyyy", locale=LOCALES[lang])


def fmt_period(period, lang: str) -> str:
    """A pandas Period of a year, quarter or month as people write it: 2024, 2024 Q1 / 2024 1. cet., 03/2024."""
    freq = period.freqstr[0]
    if freq == "Y":
        return str(period.year)
    if freq == "Q":
        return f"{period.year} Q{period.quarter}" if lang == "en" else f"{period.year} {period.quarter}. cet."
    return fmt_month(period.start_time.date(), lang)
