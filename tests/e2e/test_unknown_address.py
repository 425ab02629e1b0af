"""A mistyped address (``/nav-tads``) opens the default page with a note in the page's language, not
Streamlit's own "Page not found" dialog, which is English whatever the page's language."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from dih_data import i18n
from dih_ui import plain
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_latvian_audit import english_found

pytestmark = pytest.mark.browser

FINISHED = "[data-testid=stApp][data-test-script-state=notRunning]"


def _notes(page) -> list[str]:
    alerts = page.locator("[data-testid=stAlert]").all_inner_texts()
    return [text.replace(plain.WORD_JOINER, "").strip() for text in alerts]


def _opens_the_overview_saying_so(page, app_url: str, lang: str, shot: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/?lang={lang}", wait_until="load")  # not the process's first session: README, Architecture
    page.wait_for_selector(FINISHED, timeout=60_000)
    page.goto(f"{app_url}/nav-tads?lang={lang}", wait_until="load")
    page.wait_for_selector(FINISHED, timeout=60_000)
    page.wait_for_timeout(1500)  # the dialog, had it come, comes with the run's first messages
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"unknown_address_{shot}.png")
    assert page.locator("[role=dialog]").count() == 0
    assert page.locator("h1").first.inner_text().strip() == i18n.t("overview_title", lang)
    assert i18n.t("page_not_found", lang, address="/nav-tads", page=i18n.t("nav_overview", lang)) in _notes(page)
    assert urlparse(page.url).path.rstrip("/") == urlparse(app_url).path.rstrip("/")  # the address now names it
    if lang == "lv":
        assert english_found(page.evaluate("() => document.body.innerText")) == []


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_mistyped_address_opens_the_overview_saying_so_in_the_pages_language(page, app_url, lang):
    _opens_the_overview_saying_so(page, app_url, lang, lang)


def test_a_page_address_shows_no_such_note(page, app_url):
    page.goto(f"{app_url}/regions?lang=lv", wait_until="load")
    page.wait_for_selector(FINISHED, timeout=60_000)
    assert page.locator("h1").first.inner_text().strip() == i18n.t("regions_title", "lv")
    assert not any(note.startswith(i18n.t("page_not_found", "lv").split("„")[0]) for note in _notes(page))
