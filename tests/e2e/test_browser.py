"""Every registered page in real headless Chromium, in both languages: no errors, charts drawn."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dih_data import clock, i18n, maps
from dih_ui import drawn_width, navigation
from tests.e2e.conftest import SCREENSHOTS, open_option, sign_in

pytestmark = pytest.mark.browser

CHARTED = {  # pages that draw charts: at least this many, and the demo badge; URL → page height to screenshot
    # Regions: the ranking; its static map is the report PNG (an image, so the boundaries travel once)
    "overview": (2, 2600), "regions": (1, 2600), "attendance": (2, 3400), "budget": (2, 3000),
    "barriers": (2, 3600),
}
PAGES = [navigation.name(script) for script, _, _ in navigation.PAGES]  # every page app.py registers
FINISHED = "[data-testid=stApp][data-test-script-state=notRunning]"


def _watch(page) -> tuple[list[str], list[str]]:
    """Collect page errors, console errors, failed responses and requests that leave the machine."""
    errors, foreign = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A deep link first probes <page>/_stcore/… before finding the server root: Streamlit's own 404s, not ours.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and "/_stcore/" not in response.url else None)
    page.on("request", lambda request: foreign.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", "localhost") and
            not request.url.startswith(("data:", "blob:")) else None)
    return errors, foreign


def test_the_menu_lists_exactly_the_registered_pages(page, app_url):
    page.goto(f"{app_url}/?lang=en", wait_until="load")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_selector(FINISHED, timeout=60_000)  # the menu st.navigation sends, not the pages/ folder's
    links = page.locator("[data-testid=stSidebarNav] a")
    paths = [urlparse(link.get_attribute("href")).path.strip("/") for link in links.all()]
    assert paths == [navigation.url_path(script) for script, _, _ in navigation.PAGES]
    labels = [text.splitlines()[-1] for text in links.all_inner_texts()]  # after the icon's ligature name
    assert labels == [i18n.t(title, "en") for _, title, _ in navigation.PAGES]


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_renders_without_errors(page, app_url, name, lang):
    errors, foreign = _watch(page)
    script = next(script for script, _, _ in navigation.PAGES if navigation.name(script) == name)
    charts, height = CHARTED.get(name, (0, 2400))
    page.goto(f"{app_url}/{navigation.url_path(script)}?lang={lang}", wait_until="load")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_selector(FINISHED, timeout=60_000)
    if charts:  # every expected chart drawn (a fixed pause counted 1 of 2 on a loaded machine)
        page.wait_for_function("n => document.querySelectorAll('[data-testid=stVegaLiteChart] svg').length >= n",
                               arg=charts, timeout=60_000)
    page.wait_for_timeout(1500)  # let the charts finish drawing before the screenshot

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1600, "height": height})  # Streamlit scrolls inside; show the whole page
    page.wait_for_timeout(800)
    page.screenshot(path=SCREENSHOTS / f"{name}_{lang}.png")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("h1").first.inner_text().strip() == i18n.t(f"{name}_title", lang)
    assert page.locator("[data-testid=stVegaLiteChart] svg").count() >= charts
    if charts:
        badge = re.compile(re.escape(i18n.t("demo_badge", lang)) + "$")  # case-sensitive: the badge, not the caption
        assert page.get_by_text(badge).count() >= 1
    assert errors == []
    assert foreign == []


def _screen_point(lon: float, lat: float, box: dict) -> tuple[float, float]:
    """Where (lon, lat) is drawn on the Regions map: the view is fitted to the map's drawn width (as the
    browser reported it, in ``drawn_width.STEP`` px) and height, and centred."""
    view = maps.fit_view(round(box["width"] / drawn_width.STEP) * drawn_width.STEP, round(box["height"]))
    scale = 512 * 2 ** view.zoom
    dx = (lon - view.longitude) / 360 * scale
    dy = -(maps._mercator_y(lat) - maps._mercator_y(view.latitude)) / (2 * np.pi) * scale
    return box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy


def test_map_click_on_latgale_filters_the_drill_down(page, app_url):
    """The pydeck map draws its polygons, and clicking Latgale shows Latgale's events and organisations."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{app_url}/regions?lang=en", wait_until="load")
    canvas = page.locator("[data-testid=stDeckGlJsonChart] canvas").first
    canvas.wait_for(timeout=60_000)
    page.wait_for_timeout(2500)
    pixels = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB"))
    blue = (pixels[..., 2] > pixels[..., 0] + 20).mean()  # the Blues palette: polygons, not background
    assert blue > 0.25, f"the map drew almost nothing ({blue:.0%} blue pixels)"

    box = canvas.bounding_box()
    x, y = _screen_point(27.0, 56.45, box)  # inside Latgale, placed with the page's own fitted view
    heading = page.get_by_role("heading", name=i18n.t("drill_title", "en", name="Latgale"))
    for _ in range(3):  # a click while the map is still settling can be lost on a loaded machine
        page.mouse.click(x, y)
        try:
            heading.wait_for(timeout=15_000)
            break
        except PlaywrightTimeout:
            continue
    heading.wait_for(timeout=15_000)
    assert "sel=Latgale" in page.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1600, "height": 3200})
    page.wait_for_timeout(1500)
    page.screenshot(path=SCREENSHOTS / "regions_latgale_en.png")
    assert errors == []


def test_downloads_are_built_on_click(page, app_url):
    """The table's CSV and the static map's PNG and SVG are made when clicked, and are what they say they are."""
    page.goto(f"{app_url}/regions?lang=en&level=municipality", wait_until="load")
    csv_button = page.get_by_role("button", name=i18n.t("download_csv", "en"))
    csv_button.first.wait_for(timeout=60_000)
    with page.expect_download(timeout=30_000) as csv_download:
        csv_button.first.click()
    text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert text[0].split(",")[:2] == [i18n.t("name", "en"), i18n.t("planning_region", "en")]
    assert len(text) == 1 + 42 + 1 + 1  # header, every municipality, the online row, the source line
    assert text[-1].startswith("# ")
    assert csv_download.value.suggested_filename == "dih_regions_municipality_participants.csv"
    with page.expect_download(timeout=60_000) as png_download:
        page.get_by_role("button", name=i18n.t("download_png", "en")).first.click()
    image = Image.open(png_download.value.path())
    assert image.format == "PNG" and image.width > 600  # rendered at 2× scale
    shown = page.locator("[data-testid=stImage] img").first  # the page shows that same PNG, loaded over HTTP
    assert shown.evaluate("img => img.complete && img.naturalWidth") == image.width
    with page.expect_download(timeout=60_000) as svg_download:  # rebuilt from the units table when clicked
        page.get_by_role("button", name=i18n.t("download_svg", "en")).first.click()
    svg = Path(svg_download.value.path()).read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and i18n.t("metric_participants", "en") in svg


@pytest.mark.parametrize(("server", "database"), [("app_url", "app_database_url"),
                                                  ("postgres_app_url", "postgres_database_url")])
def test_an_editor_uploads_a_file_with_three_errors_then_a_good_one(page, request, tmp_path, server, database):
    """The upload flow end to end, on SQLite and on PostgreSQL: every error listed, nothing written; a valid
    file commits as a batch and shows in the history."""
    from dih_data import batches, store

    app_url, engine = request.getfixturevalue(server), store.make_engine(request.getfixturevalue(database))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    bad = tmp_path / "events_with_errors.csv"
    bad.write_text("event_id;event_type;start_date;municipality;participants\n"
                   "X1;party;05.03.2019;Talsi;12\nX2;workshop;31.02.2019;Rīga;30\n"
                   "X3;meetup;06.03.2019;Atlantīda;7\n", encoding="utf-8")
    good = tmp_path / "events_fixed.csv"
    good.write_text("event_id;event_type;start_date;municipality;participants\n"
                    "X1;workshop;05.03.2019;Talsi;12\nX2;workshop;28.02.2019;Rīga;30\n"
                    "X3;meetup;06.03.2019;Cēsu novads;7\n", encoding="utf-8")
    page.set_viewport_size({"width": 1600, "height": 2400})
    sign_in(page, app_url)
    batches_before = len(batches.history(engine))
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text(i18n.t("import_rejected", "en", n=3, file=bad.name)).wait_for(timeout=30_000)
    assert page.get_by_role("button", name=i18n.t("commit", "en")).count() == 0
    assert len(batches.history(engine)) == batches_before
    page.wait_for_timeout(1000)
    page.screenshot(path=SCREENSHOTS / f"data_upload_errors_{server}_en.png")
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name=i18n.t("commit", "en")).click()
    committed = page.get_by_text(re.compile(r"Batch \d+: 3 rows added, 0 updated, 0 unchanged"))
    committed.wait_for(timeout=30_000)
    batch = int(re.search(r"\d+", committed.inner_text()).group())
    newest = batches.history(engine).iloc[0]
    assert (newest["id"], newest["file_name"], newest["row_count"], newest["user"]) == (
        batch, good.name, 3, "Anna Bērziņa (password)")
    # The history offers the new batch for rollback (the table itself is drawn on a canvas).
    open_option(page, i18n.t("rollback_pick", "en"), f"{batch}: {good.name}")
    page.keyboard.press("Escape")
    page.wait_for_timeout(1000)
    page.screenshot(path=SCREENSHOTS / f"data_upload_committed_{server}_en.png")
    assert errors == []


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_presenting_with_the_keyboard_sends_nothing_off_the_machine(page, app_url, lang):
    """Every slide at 1920×1080, moved with the arrow keys; not one request leaves localhost."""
    from dih_data import slides

    foreign, errors = [], []
    page.on("request", lambda request: foreign.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", "localhost")
            and not request.url.startswith(("data:", "blob:")) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/present?lang={lang}&show=1", wait_until="load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for number, key in enumerate(slides.SLIDES, start=1):
        page.get_by_role("heading", name=i18n.t(f"slide_{key}", lang)).wait_for(timeout=60_000)
        page.get_by_text(i18n.t("slide_of", lang, i=number, n=len(slides.SLIDES)), exact=True).wait_for()
        page.wait_for_selector(".dih-stage", timeout=30_000)
        page.wait_for_timeout(1200)
        page.screenshot(path=SCREENSHOTS / f"slide_{number}_{key}_{lang}.png")
        assert page.locator("[data-testid=stSidebar]").is_hidden()
        page.keyboard.press("ArrowRight")
    page.get_by_role("heading", name=i18n.t("slide_kpis", lang)).wait_for(timeout=30_000)  # wrapped round
    page.keyboard.press("Escape")
    page.get_by_role("heading", name=i18n.t("present_title", lang)).wait_for(timeout=30_000)
    # The server (a separate process) dates the source line by the same clock as the tests, faked or not.
    page.get_by_text(i18n.fmt_date(clock.today(), lang), exact=False).first.wait_for(timeout=30_000)
    assert foreign == [] and errors == []
