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
    assert [vocabularies.label("kind", empty, "lv") for empty in (None, float("nan"))] == ["", ""]


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


@pytest.mark.parametrize(("written", "stored", "smes"), [
    ("MVU", "sme", 1),  # what the Latvian template and column guide write
    ("mvu", "sme", 1),
    ("sme", "sme", 1),
    ("SME", "sme", 1),
    ("Mazais vai vidējais uzņēmums", "sme", 1),
    ("mazais vai videjais uznemums", "sme", 1),
    ("Liels uzņēmums", "large", 0),
    ("IT uzņēmums", "it", 0),
    ("Pētniecības organizācija", "research", 0),
    ("NVO", "ngo", 0),
])
def test_an_organisation_kind_in_either_language_is_stored_as_its_code_and_counted(engine, written, stored, smes):
    files = {
        "organisations": f"org_id,name,kind\nORG-1,SIA Piemērs,{written}\n",
        "events": "event_id,event_type,start_date,municipality,participants\nEV-1,workshop,05.03.2019,Cēsu novads,20\n",
        "participations": "event_id,org_id\nEV-1,ORG-1\n",
    }
    for kind, text in files.items():
        result = importer.import_file(engine, kind, f"{kind}.csv", data=text.encode(), file_name=f"{kind}.csv")
        assert not result.errors, [str(problem) for problem in result.errors]
    participations = metrics.load_participations(engine)
    assert participations["org_kind"].tolist() == [stored]
    figures = metrics.kpis(metrics.load_events(engine), participations, metrics.load_budget(engine),
                           metrics.load_expenditures(engine), metrics.Filters())
    assert figures["smes_reached"] == smes


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_templates_kind_example_imports_as_an_sme(lang):
    from dih_data import schemas, templates
    spec = next(spec for spec in schemas.columns("organisations") if spec.name == "kind")
    written = templates.example(spec, lang)
    assert written == {"lv": "MVU", "en": "SME"}[lang]
    assert vocabularies.normalised(written) in schemas.KIND_LABELS["sme"]


def test_an_unknown_organisation_kind_is_reported_with_the_closest_matches(engine):
    data = "org_id,name,kind\nORG-1,SIA Piemērs,MVÜ uzņēmums\nORG-2,SIA Otrs,Pētniecības organizacja\n".encode()
    result = importer.import_file(engine, "organisations", "o.csv", data=data, file_name="o.csv", dry_run=True)
    fixes = {problem.row: problem.fix for problem in result.errors if problem.column == "kind"}
    assert set(fixes) == {2, 3}
    assert "research (Research organisation)" in fixes[3]


@pytest.mark.both_databases
def test_kinds_stored_as_free_text_before_the_vocabulary_are_read_as_codes_they_spell_exactly(engine):
    """A database from before ``kind`` was a vocabulary holds what people wrote: the exact spellings are
    counted as what they say; unclear text stays as stored (shown and counted as written); nothing is
    rewritten."""
    from sqlalchemy import text

    stored = {"ORG-1": "MVU", "ORG-2": "SME", "ORG-3": "Mazais un vidējais uzņēmums", "ORG-4": "mvu",
              "ORG-5": "Liels uzņēmums", "ORG-6": "MVÜ uzņēmums", "ORG-7": "maza firma", "ORG-8": None}
    orgs = "org_id,name\n" + "".join(f"{org},SIA {org}\n" for org in stored)
    files = {"organisations": orgs,
             "events": "event_id,event_type,start_date,municipality,participants\nEV-1,workshop,05.03.2019,Rīga,20\n",
             "participations": "event_id,org_id\n" + "".join(f"EV-1,{org}\n" for org in stored)}
    for kind, data in files.items():
        assert not importer.import_file(engine, kind, f"{kind}.csv", data=data.encode()).errors
    with engine.begin() as connection:  # as the free-text column held them
        for org, kind in stored.items():
            connection.execute(text("UPDATE organisation SET kind = :kind WHERE org_id = :org"),
                               {"kind": kind, "org": org})
    participations = metrics.load_participations(engine).set_index("org_id")
    assert participations["org_kind"].fillna("(empty)").to_dict() == {
        "ORG-1": "sme", "ORG-2": "sme", "ORG-3": "sme", "ORG-4": "sme", "ORG-5": "large",
        "ORG-6": "MVÜ uzņēmums", "ORG-7": "maza firma", "ORG-8": "(empty)"}
    assert [vocabularies.label("kind", participations.at[org, "org_kind"], "lv") for org in ("ORG-2", "ORG-7")] \
        == ["MVU", "maza firma"]
    figures = metrics.kpis(metrics.load_events(engine), participations.reset_index(), metrics.load_budget(engine),
                           metrics.load_expenditures(engine), metrics.Filters())
    assert figures["smes_reached"] == 4
    with engine.connect() as connection:
        assert dict(connection.execute(text("SELECT org_id, kind FROM organisation")).all()) == stored


@pytest.mark.parametrize(("value", "code"), [
    ("MVU", "sme"), ("sme", "sme"), ("  Sme ", "sme"), ("Nevalstiskā organizācija", "ngo"),
    ("nevalstiska organizacija", "ngo"), ("MVÜ uzņēmums", None), ("MV", None), ("", None),
])
def test_only_an_exact_spelling_is_read_as_a_code(value, code):
    assert vocabularies.code_for("kind", value) == code


def test_context_indicators_are_imported_from_the_code_or_either_languages_name_and_stored_as_codes(engine):
    """"Iedzīvotāju skaits", "iedzivotaju skaits", "POPULATION", "Ekonomiski aktīvie uzņēmumi" … all store the
    code the Regions page divides by; an unknown name is refused with the closest indicators."""
    written = ["population", "POPULATION", "Iedzīvotāju skaits", "iedzivotaju skaits", "Population",
               "active_enterprises", "Ekonomiski aktīvie uzņēmumi", "ekonomiski aktivie uznemumi",
               "Economically active enterprises"]
    data = "area;year;indicator;value\n" + "".join(f"Rīga;{2000 + i};{name};{100 + i}\n"
                                                   for i, name in enumerate(written))
    assert not importer.import_file(engine, "context", "c.csv", data=data.encode(), file_name="c.csv").errors
    stored = metrics.load_context(engine).sort_values("year")["indicator"].tolist()
    assert stored == ["population"] * 5 + ["active_enterprises"] * 4
    bad = "area;year;indicator;value\nRīga;2024;Iedzīvotāju skaitz;1\nRīga;2024;IKP;2\n".encode()
    result = importer.import_file(engine, "context", "b.csv", data=bad, file_name="b.csv", dry_run=True)
    fixes = {problem.row: problem.fix for problem in result.errors if problem.column == "indicator"}
    assert set(fixes) == {2, 3}
    assert "population (Population)" in fixes[2]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_indicator_column_is_described_in_the_templates_language(lang):
    """The Latvian template and data dictionary name the indicators in Latvian (no raw codes); both import."""
    from dih_data import schemas, templates

    spec = next(spec for spec in schemas.columns("context") if spec.name == "indicator")
    labels = [vocabularies.label("indicator", code, lang) for code in vocabularies.INDICATORS]
    assert templates.example(spec, lang) == labels[0]
    assert vocabularies.normalised(templates.example(spec, lang)) in schemas.INDICATOR_LABELS["population"]
    row = templates.dictionary("context", lang).iloc[2]
    described = " ".join(str(cell) for cell in row)
    assert all(label in described for label in labels)
    if lang == "lv":
        assert "population" not in described and "active_enterprises" not in described
        assert labels == ["Iedzīvotāju skaits", "Ekonomiski aktīvie uzņēmumi"]


def test_indicator_names_stored_before_the_vocabulary_are_read_as_their_codes(engine):
    """A database whose free-text column holds "Iedzīvotāju skaits" still feeds the per-10 000 metric; an
    unclear name stays as stored; nothing is rewritten."""
    from sqlalchemy import text

    data = "area;year;indicator;value\nRīga;2023;population;1\nRīga;2024;population;2\n".encode()
    assert not importer.import_file(engine, "context", "c.csv", data=data, file_name="c.csv").errors
    with engine.begin() as connection:
        connection.execute(text("UPDATE context_indicator SET indicator = 'Iedzīvotāju skaits' WHERE year = 2023"))
        connection.execute(text("UPDATE context_indicator SET indicator = 'IKP' WHERE year = 2024"))
    assert metrics.load_context(engine).sort_values("year")["indicator"].tolist() == ["population", "IKP"]
    with engine.connect() as connection:
        assert sorted(connection.execute(text("SELECT indicator FROM context_indicator")).scalars()) == [
            "IKP", "Iedzīvotāju skaits"]
