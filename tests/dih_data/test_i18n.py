"""Every text in both languages with the same placeholders; numbers and dates as each language writes them."""

from __future__ import annotations

import datetime as dt
import gettext
import shutil
import string

import pandas as pd
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from dih_data import i18n, published, schemas


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _catalog(path):
    with path.open("rb") as handle:
        return read_po(handle)


SOURCE = _catalog(i18n.LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po")
SHIPPED = {lang: _catalog(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po") for lang in i18n.LANGS}


def test_latvian_comes_first_and_english_is_shipped():
    assert i18n.LANGS[:2] == ("lv", "en")


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("key", i18n.message_keys())
def test_every_message_exists_in_every_language_with_the_same_placeholders(key, lang):
    message = SHIPPED[lang].get(_msgid(key), context=key)
    assert message is not None and message.string.strip(), f"{lang}: {key} is missing or empty"
    assert _fields(message.string) == _fields(message.id)


def _msgid(key: str) -> str:
    return next(m.id for m in SOURCE if m.context == key)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_catalog_has_exactly_the_source_messages(lang):
    """Same keys and the same English msgid in each catalog and in the template translators start from."""
    def messages(catalog):
        return {(m.context, m.id) for m in catalog if m.id}

    assert messages(SHIPPED[lang]) == messages(SOURCE)
    assert messages(_catalog(i18n.LOCALE_DIR / "messages.pot")) == messages(SOURCE)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_each_catalog_compiles_with_babel(lang, tmp_path):
    """What ``pybabel compile`` does: the .mo is written and gettext reads every message back from it."""
    catalog = SHIPPED[lang]
    assert not [error for _, errors in catalog.check() for error in errors]
    mo = tmp_path / "messages.mo"
    with mo.open("wb") as handle:
        write_mo(handle, catalog)
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert all(compiled.pgettext(key, _msgid(key)) == i18n.t(key, lang) for key in i18n.message_keys())


def test_a_new_catalog_is_a_new_language_and_gaps_fall_back_to_english(tmp_path, monkeypatch):
    target = tmp_path / "eo" / "LC_MESSAGES"
    target.mkdir(parents=True)
    for lang in i18n.LANGS:
        shutil.copytree(i18n.LOCALE_DIR / lang, tmp_path / lang)
    partial = Catalog(locale="eo")
    partial.add(_msgid("filters"), "Filtriloj", context="filters")
    with (target / "messages.po").open("wb") as handle:
        write_po(handle, partial)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    try:
        i18n.reload()
        assert i18n.LANGS == ("lv", "en", "eo") and i18n.language_name("eo") == "Esperanto"
        assert i18n.t("filters", "eo") == "Filtriloj"
        assert i18n.t("period", "eo") == i18n.t("period", "en") and ("eo", "period") in i18n.untranslated
        assert i18n.fmt_num(1234.5, "eo") == "1\u00a0234,5"
    finally:
        monkeypatch.undo()
        i18n.reload()


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("code", schemas.EVENT_TYPES)
def test_every_measure_has_a_label(code, lang):
    assert i18n.measure_label(code, lang) not in ("", code)


@pytest.mark.parametrize("barrier", published.BARRIERS)
def test_barrier_labels_come_from_the_published_catalogue(barrier):
    assert (i18n.barrier_label(barrier.code, "lv"), i18n.barrier_label(barrier.code, "en")) == (
        barrier.label_lv, barrier.label_en)


@pytest.mark.parametrize(
    ("function", "value", "latvian", "english"),
    [
        (i18n.fmt_int, 1234567, "1\u00a0234\u00a0567", "1,234,567"),
        (i18n.fmt_num, 1234.5, "1\u00a0234,5", "1,234.5"),
        (i18n.fmt_int, -1234, "\u22121\u00a0234", "\u22121,234"),
        (i18n.fmt_pct, 0.448, "45\u00a0%", "45%"),
        (lambda v, lang: i18n.fmt_pct(v, lang, 1), -0.4478, "\u221244,8\u00a0%", "\u221244.8%"),
        (i18n.fmt_eur, -1500, "\u22121\u00a0500\u00a0€", "\u2212€1,500"),
        (lambda v, lang: i18n.fmt_eur(v, lang, 2), 1500.5, "1\u00a0500,50\u00a0€", "€1,500.50"),
        (i18n.fmt_date, dt.date(2019, 3, 5), "05.03.2019", "5 Mar 2019"),
        (i18n.fmt_month, dt.date(2019, 3, 5), "03/2019", "03/2019"),
        (i18n.fmt_period, pd.Period("2024Q1", "Q"), "2024 1. cet.", "2024 Q1"),
        (i18n.fmt_period, pd.Period("2024", "Y"), "2024", "2024"),
    ],
)
def test_formats_per_language(function, value, latvian, english):
    assert (function(value, "lv"), function(value, "en")) == (latvian, english)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_charts_get_the_same_number_conventions_as_the_tables(lang):
    number = i18n.chart_locale(lang)["number"]
    assert i18n.fmt_num(-1234.5, lang) == f"{number['minus']}1{number['thousands']}234{number['decimal']}5"
    assert i18n.fmt_pct(0.4, lang) == f"40{number['percent']}"
    assert i18n.fmt_eur(7, lang) == f"{number['currency'][0]}7{number['currency'][1]}"
