"""The stage layout shared by the Present page, the PDF and the PPTX: sizes a hall can read, nothing
outside the canvas, the same numbers everywhere."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import itertools
import re

import pytest
from PIL import Image

from dih_data import deck, fonts, i18n, slides, stage
from tests.dih_data.test_deck import FILTERS, frames  # noqa: F401 (module fixture)

BOXES = {"title": stage.TITLE, "chart": stage.CHART, "numbers": stage.NUMBERS, "footer": stage.FOOTER,
         "counter": stage.COUNTER, "presenter's buttons": stage.NAV}


def _overlap(a: stage.Box, b: stage.Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_boxes_stay_on_the_canvas_and_apart():
    for box in [*BOXES.values(), stage.BODY, stage.QR]:
        assert box.x >= 0 and box.x + box.w <= stage.WIDTH and box.y >= 0 and box.y + box.h <= stage.HEIGHT
    for (name_a, a), (name_b, b) in itertools.combinations(BOXES.items(), 2):
        assert not _overlap(a, b), (name_a, name_b)


def test_type_sizes_for_the_back_of_the_hall():
    assert stage.VALUE_SIZE >= 96 and stage.KPI_VALUE_SIZE >= 96
    assert stage.LABEL_SIZE >= 28 and stage.FOOTER_SIZE >= 18 and stage.TITLE_MIN >= 44
    assert stage.NAV_SIZE >= 24  # the presenter's buttons, read from a step or two away (16 px at 720p)
    assert f"max(16px, calc(var(--u) * {stage.NAV_SIZE}))" in stage.css()


@pytest.mark.parametrize(("text", "size"), [("Budget", 64), ("x" * 60, 47), ("x" * 200, 44)])
def test_the_title_shrinks_to_one_line_but_not_below_44_px(text, size):
    assert stage.title_size(text) == size


@pytest.mark.parametrize(("value", "size"), [("128", 104), ("€727,900", 104), ("1 234 567 890 €", 96)])
def test_key_numbers_are_never_under_96_px(value, size):
    assert stage.value_size(value, stage.NUMBERS.w) == size


def test_headline_figures_share_one_size_so_their_labels_line_up():
    values = ["129", "31 no 42", "663 403 €", "1 234 567 890 €"]
    assert stage.kpi_value_size(values) == stage.value_size("1 234 567 890 €", stage.kpi_width(len(values)),
                                                            stage.KPI_VALUE_SIZE) < stage.KPI_VALUE_SIZE
    page = stage.html_view(slides.Slide("kpis", "Figures", None, [(v, v) for v in values]), "", "1 / 6")
    assert len(set(re.findall(r"class='value' style='font-size:([^']*)'", page))) == 1


@pytest.mark.parametrize("count", range(1, 8))
def test_the_headline_figures_fill_their_rows_evenly(count):
    """At most three a row and never a row with an empty cell at its end: 5 are 3 + 2, 4 are 2 + 2."""
    rows = stage.kpi_rows(count)
    assert sum(rows) == count and max(rows) <= stage.KPI_COLUMNS and max(rows) - min(rows) <= 1
    assert rows == sorted(rows, reverse=True)
    assert {5: [3, 2], 4: [2, 2], 3: [3]}.get(count, rows) == rows


def _placed(page: str) -> list[stage.Box]:
    """Each key number's box on the canvas, read back from the stage's HTML (design px)."""
    number = r"calc\(var\(--u\) \* ([\d.]+)\)"
    return [stage.Box(*(round(float(v)) for v in box)) for box in re.findall(
        rf"<div class='number' style='position:absolute;left:{number};top:{number};width:{number};height:{number};'",
        page)]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_figures_slide_centres_each_row_where_the_exports_put_it(frames, lang):  # noqa: F811
    """The 5 headline figures stood in a 3-wide grid from the left, the 2 of the second row under the first two
    with an empty cell at the right; now each row is centred on the canvas (3 + 2), each figure centred in its
    box, the block a little above the middle, and the PDF and PPTX place them in the same boxes."""
    slide = slides.build("kpis", frames, FILTERS, lang, public=True)
    shown = stage.numbers_shown(slide)
    boxes = _placed(stage.html_view(slide, "", "1 / 6"))
    assert boxes == stage.kpi_boxes(shown) == [box for box, *_ in deck._blocks(slide)]
    rows: dict[int, list[stage.Box]] = {}
    for box in boxes:
        rows.setdefault(box.y, []).append(box)
    assert [len(row) for row in rows.values()] == [3, 2]
    for row in rows.values():
        assert abs((row[0].x - stage.BODY.x) - (stage.BODY.x + stage.BODY.w - row[-1].x - row[-1].w)) <= 1, row
        assert all(a.x + a.w + stage.KPI_COLUMN_GAP == b.x for a, b in itertools.pairwise(row))
    above, below = boxes[0].y - stage.BODY.y, stage.BODY.y + stage.BODY.h - boxes[-1].y - boxes[-1].h
    assert 0 < above < below < 2 * above
    assert ".dih-stage .kpis .number{margin:0;text-align:center}" in stage.css()


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("key", slides.SLIDES)
def test_every_slide_chart_is_sized_to_its_box_in_the_stage_theme(frames, key, lang):  # noqa: F811
    slide = slides.build(key, frames, FILTERS, lang, public=True)
    if slide.chart is None:
        assert len(stage.numbers_shown(slide)) == len(slide.numbers)
        return
    spec = stage.chart_spec(slide)
    assert (spec["width"], spec["height"]) == (stage.CHART.w, stage.CHART.h)
    assert spec["autosize"]["type"] == "fit"
    assert spec["config"]["axis"]["labelFontSize"] >= 20 and spec["config"]["legend"]["labelFontSize"] >= 28
    page = stage.html_view(slide, "Source: <b>x</b>", "1 / 6")
    assert "&lt;b&gt;" in page and "<b>x" not in page  # text is never markup
    assert f"alt='{stage.description(slide)[:20]}" in page.replace("&#x27;", "'")


def test_the_published_slide_leads_with_the_conference_600(frames):  # noqa: F811
    slide = slides.build("published", frames, FILTERS, "en", public=True)
    label, value = stage.numbers_shown(slide)[0]
    assert value == "600" and i18n.measure_label("conference", "en") in label


def test_the_budget_slide_names_planned_actual_and_flagged(frames):  # noqa: F811
    spec = stage.chart_spec(slides.build("budget", frames, FILTERS, "lv", public=True))
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"][:2] == [i18n.t("planned", "lv"), i18n.t("actual", "lv")]
    assert colour["legend"] is not None and colour["scale"]["domain"][2].endswith("(!)")


def test_the_pdf_page_is_the_stage_at_1080p(frames):  # noqa: F811
    slide = slides.build("barriers", frames, FILTERS, "lv", public=True)
    image = Image.open(io.BytesIO(deck.slide_png(slide, slides.footer("demo", FILTERS, "lv", dt.date(2026, 1, 5)))))
    assert image.size == (stage.WIDTH, stage.HEIGHT)
    chart_area = image.crop((stage.CHART.x, stage.CHART.y + stage.CHART.h // 2, stage.CHART.x + stage.CHART.w,
                             stage.CHART.y + stage.CHART.h)).convert("L")
    assert chart_area.getextrema()[0] < 128  # the lower half of the chart box is drawn, not left blank


@pytest.mark.parametrize("key", [key for key in slides.SLIDES if key != "kpis"])  # the KPI slide has no chart
def test_stage_charts_draw_numbers_the_latvian_way(frames, key):  # noqa: F811
    """The stage's chart image (vl-convert SVG) in Latvian: no English number format in any drawn text."""
    from tests.test_app_latvian_formats import english_formats

    svg = stage.chart_svg(slides.build(key, frames, FILTERS, "lv", public=True))
    texts = [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert texts and {text: english_formats(text) for text in texts if english_formats(text)} == {}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_stage_map_names_every_planning_region_large_enough_for_the_hall(frames, lang):  # noqa: F811
    """The hall cannot hover for a tooltip: each region's name is written on the map, ≥ 28 px."""
    slide = slides.build("map", frames, FILTERS, lang, public=True)
    svg = stage.chart_svg(slide)
    drawn = {html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    regions = {i18n.region_label(r, lang) for r in ("Rīga", "Kurzeme", "Vidzeme", "Latgale", "Zemgale")}
    assert regions <= drawn
    names = [layer for layer in stage.chart_spec(slide)["layer"] if layer.get("mark", {}).get("type") == "text"]
    assert names and all(layer["mark"]["fontSize"] >= 28 for layer in names)


def test_the_stage_chart_is_laid_out_and_drawn_in_the_slides_face(frames):  # noqa: F811
    """One typeface on the slide: the chart's text is measured by vl-convert in Source Sans (was DejaVu Sans),
    and the picture carries that face, as a picture cannot use the page's Source Sans."""
    slide = slides.build("attendance", frames, FILTERS, "lv", public=True)
    families = set(re.findall(r'<text[^>]*font-family="([^"]*)"', stage.chart_svg(slide)))
    assert families == {fonts.CSS}
    page = stage.html_view(slide, "", "3 / 6")
    picture = base64.b64decode(re.search(r"src='data:image/svg\+xml;base64,([^']*)'", page).group(1)).decode()
    faces = re.findall(r'@font-face\{font-family:"Source Sans";font-weight:(\d+);src:url\(data:font/woff2;base64,',
                       picture)
    assert faces == ["400", "700"] and picture.index("@font-face") < picture.index("<text")
