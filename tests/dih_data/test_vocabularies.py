"""Controlled vocabularies: codes stored, labels in every language, any spelling accepted on import."""

from __future__ import annotations

import pytest

from dih_data import i18n, importer, metrics, vocabularies


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize(("vocabulary", "code"), [(name, code) for name, codes in vocabularies.VOCABULARIES.items()
                                                   for code in codes])
def test_every_code_has_a_label_in_every_language(vocabulary, code, lang):
    assert vocabularies.label(vocabulary, code, lang) not in ("", code)


@pytest.mark.parametrize(("vocabulary", "code", "lv", "en"), [
    ("sector", "C", "Apstrādes rūpniecība", "Manufacturing"),
    ("size", "medium", "Vidējs", "Medium"),
    ("funding_source", "erdf", "ERAF", "ERDF"),
    ("funding_source", "nordic_council", "Ziemeļvalstu Ministru padome", "Nordic Council of Ministers"),
    ("wave", "follow-up", "Atkārtotā kārta", "Follow-up"),
])
def test_labels_per_language(vocabulary, code, lv, en):
    assert (vocabularies.label(vocabulary, code, "lv"), vocabularies.label(vocabulary, code, "en")) == (lv, en)


def test_a_value_outside_the_vocabulary_is_shown_as_recorded():
    assert vocabularies.label("funding_source", "Rīgas Tehniskā universitāte", "lv") == "Rīgas Tehniskā universitāte"


HEADER = "event_type,start_date,municipality,participants,sector,funding_source\n"


@pytest.mark.parametrize(("sector", "funding", "stored"), [
    ("C", "erdf", ("C", "erdf")),
    ("apstrādes rūpniecība", "ERAF", ("C", "erdf")),
    ("APSTRADES RUPNIECIBA", "Eiropas Reģionālās attīstības fonds", ("C", "erdf")),
    ("Manufacturing", "nordic council of ministers", ("C", "nordic_council")),
    ("Izglītība", "Ziemeļvalstu Ministru padome", ("P", "nordic_council")),
])
def test_import_accepts_a_code_or_either_languages_label(engine, sector, funding, stored):
    data = (HEADER + f"workshop,05.03.2019,Cēsu novads,20,{sector},{funding}\n").encode()
    result = importer.import_file(engine, "events", "e.csv", data=data, file_name="e.csv")
    assert not result.errors
    events = metrics.load_events(engine)
    assert tuple(events.iloc[0][["sector", "funding_source"]]) == stored


def test_an_unknown_label_is_reported_with_the_closest_matches(engine):
    data = (HEADER + "workshop,05.03.2019,Cēsu novads,20,Manufacturng,ERFD\n").encode()
    result = importer.import_file(engine, "events", "e.csv", data=data, file_name="e.csv", dry_run=True)
    problems = {problem.column: problem for problem in result.errors}
    assert problems["sector"].row == 2 and "“Manufacturng”" in problems["sector"].message
    assert "C (Manufacturing)" in problems["sector"].fix
    assert "erdf (ERDF)" in problems["funding_source"].fix
