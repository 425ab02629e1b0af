"""A language is a catalog: a generated pseudo-locale catalog, dropped in next to the shipped ones, renders every page.

Each pseudo message is the English text with accented letters inside ⟦…⟧, so a label that did not come
from the catalog (hard-coded, or fallen back to English) shows up without the brackets.
"""

from __future__ import annotations

import html
import json
import shutil

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from streamlit.testing.v1 import AppTest

from dih_data import i18n, importer, messages
from tests import html_tables
from tests.dih_data.test_import_messages import BAD_FILES
from tests.test_app import ROOT, data_dir, navigation_mode  # noqa: F401  (fixtures)

PSEUDO = "eo"  # any language Babel knows and the app does not ship
ACCENTS = str.maketrans("aceginorsuyzACEGINORSUYZ", "áčéğīñøŕšüýžÁČÉĞĪÑØŔŠÜÝŽ")
PAGES = ("overview", "regions", "attendance", "budget", "barriers", "present", "data")


def pseudo(text: str) -> str:
    """Accent every letter outside ``{placeholders}`` and `code`, and bracket the whole message."""
    out, depth, code = [], 0, False
    for char in text:
        depth += (char == "{") - (char == "}")
        code ^= char == "`"
        out.append(char if depth or code else char.translate(ACCENTS))
    return "⟦" + "".join(out) + "⟧"


@pytest.fixture
def pseudo_locale(tmp_path, monkeypatch):
    for lang in i18n.LANGS:
        shutil.copytree(i18n.LOCALE_DIR / lang, tmp_path / lang)
    with (i18n.LOCALE_DIR / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    catalog = Catalog(locale=PSEUDO)
    for message in template:
        if message.id:
            catalog.add(message.id, pseudo(message.id), context=message.context)
    (tmp_path / PSEUDO / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / PSEUDO / "LC_MESSAGES" / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.reload()
    yield
    monkeypatch.undo()
    i18n.reload()


def _elements(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


def _labels(at: AppTest) -> list[str]:
    """Every interface label on the page: headings, widget and metric labels, table headers, chart titles."""
    labels = []
    for element in (*_elements(at.main), *_elements(at.sidebar)):
        kind, proto = getattr(element, "type", ""), getattr(element, "proto", None)
        if kind in ("title", "header", "subheader"):
            labels.append(element.value)
        elif kind in ("dataframe", "table"):  # the data grids and the charts' tables (their text escaped for Markdown)
            labels += [html.unescape(str(column)) for column in element.value.columns]
        elif kind == "html":  # the HTML tables (published results, costs, funding, the data dictionary)
            labels += [header for table in html_tables.parse(proto.body) for header in table.headers]
        elif kind == "arrow_vega_lite_chart" or kind == "vega_lite_chart":
            labels += _chart_titles(json.loads(proto.spec))
        elif proto is not None and getattr(proto, "label", "") and kind != "expandable":
            labels.append(proto.label)
    return labels


def _chart_titles(spec) -> list[str]:
    titles = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "title" and isinstance(value, str) and value:
                titles.append(value)
            else:
                titles += _chart_titles(value)
    elif isinstance(spec, list):
        for item in spec:
            titles += _chart_titles(item)
    return titles


@pytest.mark.usefixtures("data_dir", "pseudo_locale")
@pytest.mark.parametrize("page", PAGES)
def test_a_pseudo_locale_catalog_renders_every_page_without_a_missing_string(page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = PSEUDO
    at.run()
    at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
    assert not at.exception
    assert at.segmented_control(key="sidebar_lang").value == PSEUDO
    assert not {key for lang, key in i18n.untranslated if lang == PSEUDO}
    labels = _labels(at)
    assert len(labels) > 3
    assert [label for label in labels if label.strip() and "⟦" not in label] == []


@pytest.mark.usefixtures("pseudo_locale")
@pytest.mark.parametrize("name", BAD_FILES)
def test_every_import_problem_and_fix_comes_from_the_catalog(engine, name):
    """The validation report of each bad file, said in the pseudo language: every message and fix is a catalog
    message, so a problem text nobody put in the catalog (said as it is, noted in ``unsaid``) fails here."""
    messages.unsaid.clear()
    kind, data = BAD_FILES[name]
    result = importer.import_file(engine, kind, "fails.csv", data=data, file_name="fails.csv", dry_run=True)
    problems = [*result.errors, *result.warnings]
    assert problems
    for problem in problems:
        for text in problem.said(PSEUDO):
            assert text.startswith("⟦") and text.endswith("⟧"), text
    assert messages.unsaid == set()
    assert not {key for lang, key in i18n.untranslated if lang == PSEUDO}
