"""Every text in both languages with the same placeholders; numbers and dates as each language writes them."""

from __future__ import annotations

import datetime as dt
import string

import pandas as pd
import pytest

from dih_data import i18n, published, schemas


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.TEXTS))
def test_every_text_exists_in_both_languages_with_the_same_placeholders(key):
    latvian, english = i18n.TEXTS[key]
    assert latvian.strip() and english.strip()
    assert _fields(latvian) == _fields(english)


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
        (i18n.fmt_pct, 0.448, "45%", "45%"),
        (lambda v, lang: i18n.fmt_pct(v, lang, 1), 0.4478, "44,8%", "44.8%"),
        (i18n.fmt_date, dt.date(2019, 3, 5), "05.03.2019", "5 Mar 2019"),
        (i18n.fmt_month, dt.date(2019, 3, 5), "03/2019", "03/2019"),
        (i18n.fmt_period, pd.Period("2024Q1", "Q"), "2024 1. cet.", "2024 Q1"),
        (i18n.fmt_period, pd.Period("2024", "Y"), "2024", "2024"),
    ],
)
def test_formats_per_language(function, value, latvian, english):
    assert (function(value, "lv"), function(value, "en")) == (latvian, english)


def test_euro_amounts_per_language():
    latvian, english = i18n.fmt_eur(1500, "lv"), i18n.fmt_eur(1500, "en")
    assert latvian.replace("\u00a0", " ") == "1 500 €" and english == "€1,500"
