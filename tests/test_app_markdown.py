"""Text that pages send to the browser as markdown, parsed as the browser does (CommonMark): a Latvian
sentence that starts with a year ("2019. gada …") stays a sentence, never a numbered list."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dih_data import i18n
from dih_ui import plain
from tests.test_app import ROOT, data_dir, navigation_mode  # noqa: F401  (fixtures)

PAGES = ("overview", "regions", "attendance", "budget", "barriers", "present", "data")
MARKDOWN = MarkdownIt("commonmark")
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success")  # st.write/markdown/caption, alerts


def becomes_a_list(text: str) -> bool:
    return bool(re.search(r"<[ou]l\b", MARKDOWN.render(text)))


def _filled(message: str) -> str:
    """A catalog message with every placeholder given a number, the likeliest value to start a line."""
    return re.sub(r"\{[^{}]*\}", "2019", message)


def test_the_check_sees_the_trap():
    assert becomes_a_list("2019. gada darbnīcu dalībnieki")
    assert not becomes_a_list(plain.sentence("2019. gada darbnīcu dalībnieki"))
    assert plain.sentence("Dalībnieki **2019.** gadā") == "Dalībnieki **2019.** gadā"  # markdown inside stays


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_no_catalog_message_becomes_a_list_through_the_sentence_path(lang):
    assert [key for key in i18n.message_keys()
            if becomes_a_list(plain.sentence(_filled(i18n.t(key, lang))))] == []


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("page", PAGES)
def test_no_latvian_page_sends_a_sentence_that_becomes_a_list(page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "lv"
    at.run()
    at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
    sent = [element.value for kind in MARKDOWN_ELEMENTS for element in getattr(at, kind)]
    assert len(sent) > 1
    assert [text for text in sent if becomes_a_list(str(text))] == []
