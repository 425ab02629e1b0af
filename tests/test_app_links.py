"""Hostile page links (AppTest): every parameter every page reads, fed values nobody should send.

Each run sets all of a page's parameters to the same hostile value (repeated keys as a list) and
asserts the page draws without an exception; the viewer is told which settings were ignored.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dih_data import i18n
from tests.test_app import data_dir, navigation_mode  # noqa: F401 — shared fixtures

ROOT = Path(__file__).resolve().parent.parent
SIDEBAR = ("lang", "from", "to", "m", "r")
# Pages that read parameters of their own; the sidebar's are read by the router before every page.
PAGES = {
    "overview": (),
    "regions": ("level", "metric", "sel"),
    "attendance": ("grain",),
    "present": ("slides", "public", "auto", "i", "show"),
}
HOSTILE = {
    "superscript_two": "²",
    "full_width_digits": "１２",
    "huge": "9" * 40,
    "empty": "",
    "markdown": "**b** [x](http://example.invalid) ![i](http://example.invalid/i.png)",
    "html": "<img src=http://example.invalid/i.png><script>alert(1)</script>",
    "very_long": "1" * 100_000,
    "nul_and_newline": "1\x00\n2",
    "repeated": ["1", "²", "en"],
}


def _open(page: str, value) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for name in (*SIDEBAR, *PAGES[page]):
        at.query_params[name] = value
    at.run()
    if page != "overview":
        at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
    return at


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("page", PAGES)
def test_no_hostile_link_value_raises(data_dir, page, value):  # noqa: F811
    at = _open(page, value)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page drew nothing"


def test_the_stage_survives_a_hostile_slide_number_and_delay(data_dir):  # noqa: F811
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for name, value in {"show": "1", "i": "²", "auto": "9" * 40, "slides": "map,<b>"}.items():
        at.query_params[name] = value
    at.run().switch_page(str(ROOT / "pages" / "present.py")).run()
    assert not at.exception
    assert at.title[0].value == i18n.t("slide_map", "lv")


def test_the_viewer_is_told_which_settings_were_ignored(data_dir):  # noqa: F811
    at = _open("present", "²")
    notes = [toast.value for toast in at.toast]
    assert any(i18n.t("link_ignored", "lv", names="")[:30] in note and "auto" in note for note in notes), notes


def test_viewers_are_never_shown_a_traceback():
    """An unexpected error shows Streamlit's generic message; type, text and file paths go to the log only."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
