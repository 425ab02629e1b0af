"""The Latvian pages and slides as a reader sees them at 1440×900: no English word from the interface or
the data vocabularies. Data-grid cells (drawn on a canvas) are not part of the check; HTML tables' cells are,
the published record's sentences included."""

from __future__ import annotations

import re

import pytest

from dih_data import i18n, slides, vocabularies
from tests.e2e.conftest import SCREENSHOTS, sign_in

pytestmark = pytest.mark.browser

PAGES = ("", "regions", "attendance", "budget", "barriers", "present", "data")
SAME_IN_BOTH = {"DIH Insight", "SKILLS+", "Interreg", "IT"}  # names, written alike in Latvian


def english_vocabulary() -> list[str]:
    """Every English interface label of up to three words, and every English vocabulary label, that differs
    from its Latvian text."""
    words = {i18n.t(key, "en") for key in i18n.message_keys()
             if i18n.t(key, "en") != i18n.t(key, "lv") and "{" not in i18n.t(key, "en")
             and len(i18n.t(key, "en").split()) <= 3}
    words |= {vocabularies.label(name, code, "en") for name, codes in vocabularies.VOCABULARIES.items()
              for code in codes if vocabularies.label(name, code, "en") != vocabularies.label(name, code, "lv")}
    words |= {"Source", "Download", "Filters", "Demo", "demo"}
    return sorted(word for word in words if word not in SAME_IN_BOTH and re.search(r"[A-Za-z]{3}", word))


def english_found(text: str) -> list[str]:
    return [word for word in english_vocabulary()
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


def test_the_audit_finds_english_and_passes_latvian():
    assert english_found("Avots: demonstrācijas dati. Dalībnieki 1 234") == []
    assert {"Source", "demo"} <= set(english_found("Source: demo data"))
    assert "ERDF" in english_found("ERDF 40 %") and "Micro" in english_found("Micro")


def _visible_text(page) -> str:
    """The page's text (HTML tables' cells included: the published record shows its Latvian rendering, not the
    English seed's quote) and the charts' texts."""
    charts = page.locator("svg text").all_text_contents()
    return page.evaluate("() => document.body.innerText") + "\n" + "\n".join(charts)


@pytest.mark.parametrize("path", PAGES)
def test_a_latvian_page_shows_no_english(page, app_url, path):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/{path}?lang=lv", wait_until="load")
    page.wait_for_selector("h1", timeout=60_000)
    if path not in ("data", "present"):
        page.wait_for_selector("[data-testid=stVegaLiteChart] svg", timeout=60_000)
    page.wait_for_timeout(1500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"audit_{path or 'overview'}_lv_1440.png", full_page=True)
    assert english_found(_visible_text(page)) == []


def test_latvian_slides_show_no_english(page, app_url):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/present?lang=lv&show=1", wait_until="load")
    found = {}
    for number, key in enumerate(slides.SLIDES, start=1):
        page.get_by_role("heading", name=i18n.t(f"slide_{key}", "lv")).wait_for(timeout=60_000)
        page.get_by_text(i18n.t("slide_of", "lv", i=number, n=len(slides.SLIDES)), exact=True).wait_for()
        page.wait_for_selector(".dih-stage", timeout=30_000)
        page.wait_for_timeout(1500)  # the stage draws its chart as an image: its numbers are checked in test_stage
        page.screenshot(path=SCREENSHOTS / f"audit_slide_{key}_lv.png")
        found[key] = english_found(_visible_text(page))
        page.keyboard.press("ArrowRight")
    assert found == {key: [] for key in slides.SLIDES}


def test_the_latvian_uploader_reads_latvian(page, app_url):
    """Streamlit draws the uploader's button and size note in English; what a Latvian editor sees is the
    page's own words drawn over them (the English is sized to nothing)."""
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, app_url)
    page.locator("[data-testid=stSidebar]").get_by_text("Latviešu", exact=True).click()
    page.get_by_text(i18n.t("upload", "lv"), exact=True).wait_for(timeout=60_000)
    shown = page.evaluate("""() => ['[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p',
                                    '[data-testid=stFileUploaderDropzoneInstructions] span'].map(selector => {
        const element = document.querySelector(selector);
        return [getComputedStyle(element).fontSize, getComputedStyle(element, '::after').content];
    })""")
    limit = i18n.t("uploader_limit", "lv", size=25, types="CSV, XLSX, TXT")
    assert shown == [["0px", f'"{i18n.t("uploader_button", "lv")}"'], ["0px", f'"{limit}"']]
    page.locator("[data-testid=stFileUploader]").screenshot(path=SCREENSHOTS / "audit_uploader_lv.png")
