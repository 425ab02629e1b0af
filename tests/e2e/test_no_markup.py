"""Text from data is never markup: markdown and HTML in every text field of every kind, and in file
names, show literally in the browser, and the browser asks nothing of any host but the app's.

The server gets its own database, filled through the importer with payloads in every text column of
every kind (files named with payloads too); every page is opened with every request off 127.0.0.1
intercepted and refused.
"""

from __future__ import annotations

import io
from urllib.parse import urlparse

import pandas as pd
import pytest

from dih_data import i18n, importer, store
from dih_ui.plain import WORD_JOINER
from tests.e2e.conftest import EDITOR_PASSWORD, SCREENSHOTS, serve_app

pytestmark = pytest.mark.browser

PAYLOADS = [  # each fits the shortest text column (32 characters)
    "**bold**",
    "[x](http://example.invalid)",
    "![i](http://example.invalid/i)",
    "<img src=http://example.invalid>",
    "<script>pwned=1</script>",
    "www.example.invalid",
    ":red[red] $x$ :smile:",
]
N = 24  # rows per kind; payloads cycle through them


def _cycle(offset: int = 0) -> list[str]:
    return [PAYLOADS[(i + offset) % len(PAYLOADS)] for i in range(N)]


def _files() -> dict[str, pd.DataFrame]:
    orgs = [f"O{i}{p}" for i, p in enumerate(_cycle())]
    events = [f"E{i}{p}" for i, p in enumerate(_cycle(1))]
    dates = [f"2024-{1 + i % 12:02d}-10" for i in range(N)]
    places = ["Cēsu novads", "Rīga", "Talsu novads", "Daugavpils"]
    # sector, funding_source and kind are vocabulary codes (checked on import), not free text
    return {
        "organisations": pd.DataFrame({"org_id": orgs, "name": _cycle(2), "kind": "sme", "sector": "C",
                                       "size": "small", "municipality": [places[i % 4] for i in range(N)]}),
        "events": pd.DataFrame({"event_id": events, "event_type": ["workshop", "meetup", "hackathon"] * (N // 3),
                                "title": _cycle(2), "start_date": dates,
                                "municipality": [places[i % 4] for i in range(N)], "sector": "C",
                                "participants": [str(10 + i) for i in range(N)], "actual_cost_eur": "500",
                                "funding_source": "erdf", "notes": _cycle(5)}),
        "participations": pd.DataFrame({"event_id": events, "org_id": orgs, "people": "2", "role": _cycle(6)}),
        "budget": pd.DataFrame({"programme": _cycle(1)[:4], "funding_source": "erdf", "year": "2024",
                                "planned_eur": "20000"}),
        "expenditures": pd.DataFrame({"date": dates, "programme": _cycle(1), "funding_source": "erdf",
                                      "amount_eur": "150", "description": _cycle(3)}),
        "survey": pd.DataFrame({"response_id": [f"S{i}{p}" for i, p in enumerate(_cycle())],
                                "date": dates, "wave": [PAYLOADS[i % 3] for i in range(N)], "org_id": orgs,
                                "municipality": [places[i % 4] for i in range(N)], "sector": "C",
                                "size": "small", "barriers": "motivation; workforce", "other_barrier": _cycle(2),
                                "agree_disruption": "4", "maturity_strategy": "40", "maturity_data": "55"}),
    }


@pytest.fixture(scope="module")
def payload_app(tmp_path_factory):
    """A server whose every text — and every import's file name — is a markdown/HTML payload."""
    data_dir = tmp_path_factory.mktemp("payload-data")
    engine = store.make_engine(f"sqlite:///{data_dir / 'dih_insight.sqlite'}")
    store.init_db(engine)
    for number, (kind, frame) in enumerate(_files().items()):
        result = importer.import_file(engine, kind, f"{kind}.csv", data=frame.to_csv(index=False, sep=";").encode(),
                                      file_name=f"{PAYLOADS[number % len(PAYLOADS)]}.csv")
        assert result.written, [str(p) for p in result.errors]
    engine.dispose()
    yield from serve_app(data_dir, tmp_path_factory)


@pytest.fixture
def guarded(page):
    """The page with every request off the machine refused and recorded."""
    foreign = []

    def refuse(route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", refuse)
    yield page, foreign


def _assert_nothing_became_markup(page, foreign: list[str]) -> None:
    assert foreign == []
    assert page.locator("a[href*='example.invalid'], img[src*='example.invalid']").count() == 0
    assert page.locator("strong", has_text="bold").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("[data-testid=stException]").count() == 0


@pytest.mark.parametrize("path", ["", "regions", "attendance", "budget", "barriers", "present", "present?show=1"])
def test_every_page_shows_payloads_as_text_and_fetches_nothing_foreign(guarded, payload_app, path):
    page, foreign = guarded
    page.set_viewport_size({"width": 1440, "height": 3000})
    separator = "&" if "?" in path else "?"
    page.goto(f"{payload_app}/{path}{separator}lang=en&from=2024&to=2024", wait_until="load")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_timeout(2500)
    name = path.replace("?", "_").replace("=", "") or "overview"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"payload_{name}.png")
    _assert_nothing_became_markup(page, foreign)


def test_survey_waves_show_literally_on_the_barriers_page(guarded, payload_app):
    page, foreign = guarded
    page.set_viewport_size({"width": 1440, "height": 3000})
    page.goto(f"{payload_app}/barriers?lang=en&from=2024&to=2024", wait_until="load")
    page.wait_for_selector("h1", timeout=60_000)
    # the wave selector by its own option (not the page's first button group: on a loaded machine the group
    # selector further down was once the first one in the page when this looked)
    selector = page.locator("[data-testid=stMain] [data-testid=stButtonGroup]",
                            has_text=i18n.t("all_waves", "en")).first
    selector.wait_for(timeout=90_000)
    shown = selector.inner_text().replace(WORD_JOINER, "")
    assert all(wave in shown for wave in PAYLOADS[:3]), shown  # the wave selector's options
    caption = i18n.t("change_caption", "en", first="§", second="§", n=0).split("§")[0]
    change_caption = page.locator("[data-testid=stCaptionContainer]", has_text=caption.strip()[:20])
    change_caption.wait_for(timeout=90_000)  # drawn below the charts: slow on a loaded machine
    change = change_caption.inner_text()
    assert PAYLOADS[2] in change.replace(WORD_JOINER, "") and PAYLOADS[1] in change.replace(WORD_JOINER, "")
    _assert_nothing_became_markup(page, foreign)


def test_an_uploaded_file_name_shows_literally_on_the_data_page(guarded, payload_app):
    page, foreign = guarded
    page.set_viewport_size({"width": 1440, "height": 2600})
    page.goto(f"{payload_app}/data?lang=en", wait_until="load")
    page.get_by_label(i18n.t("editor_name", "en")).fill("**Anna** ![i](http://example.invalid/a)")
    page.get_by_label(i18n.t("editor_password", "en")).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name=i18n.t("editor_unlock", "en")).click()
    page.locator("input[type=file]").wait_for(state="attached", timeout=30_000)
    name = "**b** [x](http:example.invalid) ![i](http:example.invalid) <img src=x>.csv"
    body = _files()["events"].head(2).assign(event_id=["NEW1", "NEW2"]).to_csv(index=False, sep=";").encode()
    page.locator("input[type=file]").set_input_files({"name": name, "mimeType": "text/csv", "buffer": body})
    signed_in = page.locator("[data-testid=stAlertContentSuccess]", has_text="Anna").inner_text()
    assert "**Anna** ![i](http://example.invalid/a)" in signed_in.replace(WORD_JOINER, "")
    verdict = page.locator("[data-testid=stAlertContentSuccess]", has_text=".csv")
    verdict.wait_for(timeout=30_000)
    assert name in verdict.inner_text().replace(WORD_JOINER, "")
    page.wait_for_timeout(1000)
    page.screenshot(path=SCREENSHOTS / "payload_data_upload.png")
    _assert_nothing_became_markup(page, foreign)


def test_the_payload_files_are_what_the_test_says(payload_app):
    """Guard against a test that proves nothing: every kind imported, every payload in some text column."""
    files = _files()
    text = io.StringIO()
    for frame in files.values():
        frame.to_csv(text)
    assert all(payload in text.getvalue() for payload in PAYLOADS)
