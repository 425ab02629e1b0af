"""Slide snapshots on a phone-sized Chromium: readable at 390×844, no request beyond the page itself."""

from __future__ import annotations

import datetime as dt

import pytest

from dih_data import demo, i18n, metrics, slides, snapshots, store
from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    engine = store.make_engine("sqlite://")
    store.init_db(engine)
    demo.load_demo(engine)
    frames = {"events": metrics.load_events(engine), "participations": metrics.load_participations(engine),
              "budget": metrics.load_budget(engine), "expenditures": metrics.load_expenditures(engine),
              "survey": metrics.load_survey(engine), "context": metrics.load_context(engine)}
    target = tmp_path_factory.mktemp("snapshots")
    filters = metrics.Filters(dt.date(2018, 1, 1), dt.date(2026, 12, 31))
    snapshots.write(target, frames, filters, list(slides.SLIDES), lambda lang, provenances: i18n.t("source_demo", lang))
    return target


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("key", slides.SLIDES)
def test_snapshot_fits_a_phone_and_fetches_nothing(page, folder, lang, key):
    index = slides.SLIDES.index(key)
    path = folder / lang / snapshots.file_name(index, key)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path.as_uri(), wait_until="load")
    assert requests == [path.as_uri()]  # no script, style, font or image from anywhere
    assert page.get_by_role("heading", level=1).inner_text() == i18n.t(f"slide_{key}", lang)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the side
    if key != "kpis":
        box = page.locator("figure svg").bounding_box()
        assert box and 300 <= box["width"] <= 390 and box["height"] > 150  # the chart, drawn at phone width
    next_link = page.get_by_role("link", name=f"{i18n.t('next', lang)} →")
    assert next_link.count() == (0 if index == len(slides.SLIDES) - 1 else 1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"snapshot_{lang}_{index + 1}-{key}_390x844.png"), full_page=True)
