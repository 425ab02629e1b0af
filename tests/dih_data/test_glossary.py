"""The Latvian catalog follows the repository's glossary (docs/glossary-lv.md): no word it says to avoid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dih_data import i18n

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary-lv.md"


def _avoided() -> list[str]:
    rows = [line.split("|")[1:-1] for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| English")]
    return [word.strip() for row in rows for word in row[2].split(",") if word.strip()]


def _latvian_messages() -> dict[str, str]:
    with (i18n.LOCALE_DIR / "lv" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {message.context: re.sub(r"\{\w*\}", "", message.string)  # placeholders are code, not words
                for message in read_po(handle) if message.id}


def test_the_glossary_lists_terms_to_avoid():
    assert len(_avoided()) >= 20


@pytest.mark.parametrize("word", _avoided())
def test_no_latvian_message_uses_an_avoided_word(word):
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    assert [key for key, text in _latvian_messages().items() if pattern.search(text)] == []


def test_latvian_quotes_open_low():
    """Latvian typography quotes „so”, not “so” (the English opening quote); straight quotes stay where a
    message names the character itself (the CSV quote ")."""
    assert [key for key, text in _latvian_messages().items() if "“" in text] == []
    assert [key for key, text in _latvian_messages().items() if text.count("„") != text.count("”")] == []
