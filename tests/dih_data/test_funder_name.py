"""The funder's name as recorded, kept beside the funding source category: a column that existing SQLite and
PostgreSQL databases get when the app starts, imported, exported and shown beside the category."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import inspect, text

from dih_data import budget, editing, importer, metrics, store, templates

pytestmark = pytest.mark.both_databases

BUDGET = "programme;funding_source;year;planned_eur{extra}\nDIH 2024;ERAF;2024;15 000{value}\n"


def _import(engine, extra="", value=""):
    data = BUDGET.format(extra=extra, value=value).encode()
    result = importer.import_file(engine, "budget", "b.csv", data=data, file_name="b.csv")
    assert not result.errors, [str(problem) for problem in result.errors]


def test_a_database_made_before_the_column_gets_it_and_keeps_its_rows(engine):
    with engine.begin() as connection:  # the schema as it was before funder_name existed
        for table in ("budget_line", "expenditure"):
            connection.execute(text(f"ALTER TABLE {table} DROP COLUMN funder_name"))
    _import(engine)
    assert "funder_name" not in {c["name"] for c in inspect(engine).get_columns("budget_line")}

    assert store.add_new_columns(engine) == ["budget_line.funder_name", "expenditure.funder_name"]
    store.init_db(engine)  # what every start does: nothing left to add
    assert store.add_new_columns(engine) == []
    old = metrics.load_budget(engine)
    assert old["funder_name"].isna().all() and old["planned_eur"].tolist() == [15_000.0]

    data = BUDGET.format(extra=";Finansētājs", value=";Ekonomikas ministrija").replace("2024;15", "2025;15").encode()
    assert not importer.import_file(engine, "budget", "b2.csv", data=data, file_name="b2.csv").errors
    assert metrics.load_budget(engine)["funder_name"].dropna().tolist() == ["Ekonomikas ministrija"]


def test_the_name_is_kept_as_written_and_exported_for_import_elsewhere(engine):
    _import(engine, ";funder_name", ";=Rīgas „Tehniskā” universitāte")
    assert metrics.load_budget(engine)["funder_name"].tolist() == ["=Rīgas „Tehniskā” universitāte"]
    exported = editing.current(engine, "budget")
    assert "funder_name" in exported.columns


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_templates_and_the_dictionary_have_the_column(lang):
    for kind in ("budget", "expenditures"):
        assert "funder_name" in set(templates.dictionary(kind, "en").iloc[:, 0])
        header = "Finansētājs" if lang == "lv" else "funder_name"
        assert header in templates.template_csv(kind, lang).decode("utf-8-sig").splitlines()[0]


NATIONAL, PRIVATE = "national_budget", "private"


@pytest.mark.parametrize(("budget_rows", "spent_rows", "expected"), [
    ([(NATIONAL, None), (PRIVATE, None)], [(PRIVATE, None)], {}),
    ([(NATIONAL, "Ekonomikas ministrija"), (PRIVATE, " ")], [], {NATIONAL: "Ekonomikas ministrija"}),
    ([(NATIONAL, "Ekonomikas ministrija")], [(NATIONAL, "Ekonomikas ministrija"), (PRIVATE, "SIA Sponsors")],
     {NATIONAL: "Ekonomikas ministrija", PRIVATE: "SIA Sponsors"}),
    ([(NATIONAL, "A"), (PRIVATE, "B")], [(PRIVATE, "C"), (PRIVATE, "B")], {NATIONAL: "A", PRIVATE: "B, C"}),
])
def test_funder_names_per_category(budget_rows, spent_rows, expected):
    columns = ["funding_source", "funder_name"]
    lines, spent = pd.DataFrame(budget_rows, columns=columns), pd.DataFrame(spent_rows, columns=columns)
    assert budget.funder_names(lines, spent) == expected
