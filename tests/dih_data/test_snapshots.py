"""Slide snapshots for phones: self-contained pages with the figures, escaped text and working links."""

from __future__ import annotations

import datetime as dt
import html
import re

import altair as alt
import pandas as pd
import pytest

from dih_data import clock, demo, i18n, metrics, slides, snapshots, store

FILTERS = metrics.Filters(dt.date(2018, 1, 1), dt.date(2026, 12, 31))
SOURCES = {"lv": "Avots: demonstrācijas dati", "en": "Source: demo data"}


def source(lang: str, provenances: tuple[str, ...]) -> str:
    return SOURCES[lang]


@pytest.fixture(scope="module")
def frames():
    engine = store.make_engine("sqlite://")
    store.init_db(engine)
    demo.load_demo(engine)
    return {"events": metrics.load_events(engine), "participations": metrics.load_participations(engine),
            "budget": metrics.load_budget(engine), "expenditures": metrics.load_expenditures(engine),
            "survey": metrics.load_survey(engine), "context": metrics.load_context(engine)}


@pytest.fixture(scope="module")
def written(frames, tmp_path_factory):
    folder = tmp_path_factory.mktemp("snapshots")
    paths = snapshots.write(folder, frames, FILTERS, list(slides.SLIDES), source, "../../../..", {"from": "2018"})
    return folder, paths


def _addresses(page: str) -> tuple[list[str], list[str]]:
    """(every src/href, every http(s) address anywhere) — SVG namespace declarations are names, not requests."""
    page = re.sub(r'xmlns(:\w+)?="[^"]*"', "", page)
    return re.findall(r'(?:src|href)="([^"]*)"', page), re.findall(r"https?://[^\s\"'<>)]+", page)


def test_every_slide_is_written_in_both_languages_in_stage_order(written):
    folder, paths = written
    assert [p.relative_to(folder).as_posix() for p in paths] == [
        f"{lang}/{i + 1}-{key}.html" for lang in i18n.LANGS for i, key in enumerate(slides.SLIDES)]


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("key", slides.SLIDES)
def test_a_snapshot_carries_the_slide_figures_source_and_date_and_nothing_from_elsewhere(frames, written, lang, key):
    folder, _ = written
    index = slides.SLIDES.index(key)
    page = (folder / lang / snapshots.file_name(index, key)).read_text(encoding="utf-8")
    slide = slides.build(key, frames, FILTERS, lang, public=True)
    assert f"<h1>{html.escape(slide.title)}</h1>" in page
    for label, value in slide.numbers:
        assert f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" in page
    assert html.escape(slides.footer(SOURCES[lang], FILTERS, lang, clock.today())) in page  # source, filters, date
    assert ("<svg" in page) == (key != "kpis")  # the headline slide is its numbers
    assert "<script" not in page.lower() and "<link" not in page.lower() and "<img" not in page.lower()
    links, absolute = _addresses(page)
    assert absolute == [] and "url(" not in page and "@import" not in page
    live = f"../../../../{slides.PAGE_OF[key]}?lang={lang}&amp;from=2018"
    allowed = {live} | {snapshots.file_name(i, k) for i, k in enumerate(slides.SLIDES)}
    assert set(links) <= allowed, set(links) - allowed
    assert live in links  # on to the live dashboard, same language and filters


def test_public_view_is_always_on(frames, tmp_path):
    tiny = {**frames, "survey": frames["survey"].head(3)}  # 3 respondents: every count is under 5
    snapshots.write(tmp_path, tiny, FILTERS, ["barriers"], source, langs=("en",))
    page = (tmp_path / "en" / "1-barriers.html").read_text(encoding="utf-8")
    assert "&lt;5 / 3" in page  # the chart's count labels, as on the stage with the public view


def test_text_from_data_is_escaped_never_markup(tmp_path):
    hostile = "<script>alert(1)</script>"
    chart = alt.Chart(pd.DataFrame({"label": [hostile, "<img src=x onerror=alert(2)>"], "value": [3, 4]})
                      ).mark_bar().encode(y="label:N", x="value:Q")
    slide = slides.Slide("attendance", f"Title {hostile}", chart, [(hostile, "<b>7</b>")], note=f"note {hostile}")
    page = snapshots.page_html(slide, lang="en", footer=f"Source: {hostile}", index=0, count=1, keys=["attendance"],
                               live_url='https://dih.example.lv/?a="><script>x</script>')
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # title, number, note, source — and the SVG
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_a_shorter_sequence_removes_the_pages_of_the_longer_one(frames, tmp_path):
    snapshots.write(tmp_path, frames, FILTERS, ["kpis", "map", "budget"], source, langs=("lv",))
    snapshots.write(tmp_path, frames, FILTERS, ["budget"], source, langs=("lv",))
    assert sorted(p.name for p in (tmp_path / "lv").iterdir()) == ["1-budget.html"]


@pytest.mark.parametrize(("base", "expected"), [
    ("", None),
    ("https://dih.example.lv", "https://dih.example.lv/app/static/snapshots/lv/2-map.html"),
    ("https://dih.example.lv/", "https://dih.example.lv/app/static/snapshots/lv/2-map.html"),
])
def test_snapshot_url_follows_the_public_address(base, expected):
    assert snapshots.snapshot_url(base, "lv", 1, "map") == expected
