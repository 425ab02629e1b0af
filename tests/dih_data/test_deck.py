"""Slides and their PPTX/PDF exports, built without the UI from the demo data."""

from __future__ import annotations

import datetime as dt
import io
import re

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from dih_data import deck, demo, fonts, i18n, metrics, slides, stage, store

DAY = dt.date(2026, 11, 22)  # the demo's "today", given through the clock input; the filters cover all of it
FILTERS = metrics.Filters(dt.date(2018, 1, 1), dt.date(DAY.year, 12, 31))


@pytest.fixture(scope="module")
def frames():
    engine = store.make_engine("sqlite://")
    store.init_db(engine)
    demo.load_demo(engine, today=DAY)
    return {"events": metrics.load_events(engine), "participations": metrics.load_participations(engine),
            "budget": metrics.load_budget(engine), "expenditures": metrics.load_expenditures(engine),
            "survey": metrics.load_survey(engine), "context": metrics.load_context(engine)}


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("key", slides.SLIDES)
def test_every_slide_builds_with_a_chart_and_key_numbers(frames, key, lang):
    slide = slides.build(key, frames, FILTERS, lang, public=True)
    assert slide.title and slide.numbers and (slide.chart is None) == (key == "kpis")
    notes = slide.speaker_notes()
    assert all(value in notes for _, value in slide.numbers)


def test_the_kpi_slide_states_the_recorded_totals(frames):
    slide = slides.build("kpis", frames, FILTERS, "en", public=False)
    numbers = dict(slide.numbers)
    assert numbers["Participants"] == f"{frames['events']['participants'].sum():,}"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_budget_slide_labels_do_not_repeat_the_currency_of_their_euro_values(frames, lang):
    """"€68 — EUR per participant" said the currency twice under the number on stage."""
    labels = [label for label, value in slides.build("budget", frames, FILTERS, lang, public=True).numbers
              if "€" in value]
    assert len(labels) == 3 and not any("EUR" in label for label in labels)


@pytest.mark.parametrize(("lang", "cents"), [("lv", r"\d+,\d\d\xa0€"), ("en", r"€\d+\.\d\d")],
                         ids=["lv", "en"])
def test_the_budget_slide_and_its_exports_state_the_cost_per_participant_to_the_cent(frames, lang, cents):
    """As the Overview does ("68,30 €"; the slide said "68 €"), still at the full key-number size."""
    slide = slides.build("budget", frames, FILTERS, lang, public=True)
    figures = metrics.kpis(metrics.filter_events(frames["events"], FILTERS), frames["participations"],
                           frames["budget"], frames["expenditures"], FILTERS)
    value = dict(slide.numbers)[i18n.t("kpi_cost_per_participant", lang)]
    assert value == i18n.fmt_cost_per_participant(figures["cost_per_participant"], lang)
    assert re.fullmatch(cents, value) and stage.value_size(value, stage.NUMBERS.w) == stage.VALUE_SIZE
    page = Presentation(io.BytesIO(deck.pptx_bytes([slide], lambda slide: "Source"))).slides[0]
    assert value in [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]


def test_pptx_has_one_slide_per_view_with_picture_source_and_notes(frames):
    chosen = [slides.build(key, frames, FILTERS, "en", public=True) for key in ("kpis", "map", "budget")]
    footer = slides.footer("Source: demo data", FILTERS, "en", DAY)
    presentation = Presentation(io.BytesIO(deck.pptx_bytes(chosen, lambda slide: footer)))
    assert len(presentation.slides) == 3
    assert presentation.slide_width * 9 == presentation.slide_height * 16  # 16:9
    for page, slide in zip(presentation.slides, chosen, strict=True):
        texts = [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]
        assert texts[0] == slide.title and footer in texts
        assert any(shape.shape_type == 13 for shape in page.shapes) == (slide.chart is not None)  # a picture
        assert page.notes_slide.notes_text_frame.text == slide.speaker_notes()


def test_pdf_has_one_page_per_slide(frames):
    chosen = [slides.build(key, frames, FILTERS, "lv", public=True) for key in ("attendance", "published")]
    pdf = deck.pdf_bytes(chosen, lambda slide: slides.footer("demo", FILTERS, "lv", DAY))
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 2


def test_the_footer_carries_filters_and_date():
    footer = slides.footer("demo data", metrics.Filters(dt.date(2019, 1, 1), dt.date(2020, 12, 31), ("workshop",),
                                                        ("Latgale",)), "en", DAY)
    assert "2019–2020" in footer and "Digital workshops" in footer and "Latgale" in footer and "22 Nov 2026" in footer


def test_share_url_opens_the_same_view_and_needs_a_base():
    params = {"lang": "lv", "from": "2019", "to": "2020", "r": "Latgale,Rīga", "show": "1", "slides": "map"}
    assert slides.share_url("", "map", params) is None
    url = slides.share_url("https://dih.example.lv/", "map", params)
    assert url == "https://dih.example.lv/regions?lang=lv&from=2019&to=2020&r=Latgale,R%C4%ABga"
    assert slides.share_url("https://dih.example.lv", "kpis", {}) == "https://dih.example.lv/"


def test_libreoffice_renders_every_slide_of_the_pptx(frames, tmp_path):
    import shutil
    import subprocess

    from tests.conftest import require_or_skip

    if shutil.which("soffice") is None:
        require_or_skip("DIH_REQUIRE_LIBREOFFICE", "LibreOffice not installed (apt-get install libreoffice-impress)")
    chosen = [slides.build(key, frames, FILTERS, "lv", public=True) for key in slides.SLIDES]
    source = tmp_path / "slides.pptx"
    source.write_bytes(deck.pptx_bytes(chosen, lambda slide: slides.footer("Avots: demo", FILTERS, "lv", DAY)))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pdf = (tmp_path / "slides.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(slides.SLIDES)


@pytest.mark.parametrize(("lang", "label"), [("lv", "Dalībnieki {}. gadā"), ("en", "Participants in {}")])
def test_the_attendance_slide_says_what_its_yearly_numbers_count(frames, lang, label):
    """A bare year ("2026") under a big number does not tell the hall that it counts participants."""
    slide = slides.build("attendance", frames, FILTERS, lang, public=True)
    years = sorted(frames["events"]["year"].unique())[::-1][:3]
    assert [name for name, _ in slide.numbers] == [label.format(year) for year in years]


FIGURES = [("Events", "129"), ("Participants", "7 013"), ("Spend", "1 234 567 890 123")]  # the last one shrinks
FIVE = [("Pasākumi", "129"), ("Dalībnieki", "7 013"), ("Sasniegtās organizācijas", "160"),
        ("Sasniegtās pašvaldības", "31 no 42"), ("Izlietots pret budžetu", "663 403 €")]


def test_the_pptx_gives_the_headline_figures_one_size_in_the_stage_face():
    """As on stage: one size for all headline figures, the largest at which all fit (was: each its own)."""
    slide = slides.Slide("kpis", "Figures", None, FIGURES)
    page = Presentation(io.BytesIO(deck.pptx_bytes([slide], lambda slide: "Source"))).slides[0]
    runs = [run for shape in page.shapes if shape.has_text_frame for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs]
    values = [run for run in runs if run.text in dict(FIGURES).values()]
    assert len(values) == 3 and {run.font.size for run in values} == {Pt(stage.kpi_value_size(
        [value for _, value in FIGURES]) * deck.PT_PER_PX)}
    assert stage.kpi_value_size([value for _, value in FIGURES]) < stage.KPI_VALUE_SIZE
    assert {run.font.name for run in runs} == {fonts.OFFICE_FAMILY}


def test_the_pptx_places_the_headline_figures_in_the_stage_boxes_centred():
    """The PPTX's figures stood in a grid from the top-left (rows at 190 and 560 px, the second row under the
    first two); now in the stage's boxes (``stage.kpi_boxes``: 3 + 2, each row centred), centred in them, each
    number in one line (no wrap: where PowerPoint or LibreOffice substitutes a wider face, "663 403 €" had
    broken before its €)."""
    slide = slides.Slide("kpis", "Centra darbs skaitļos", None, FIVE)
    page = Presentation(io.BytesIO(deck.pptx_bytes([slide], lambda slide: "Avots"))).slides[0]
    shapes = {shape.text_frame.text: shape for shape in page.shapes if shape.has_text_frame}
    for (label, value), box in zip(FIVE, stage.kpi_boxes(FIVE), strict=True):
        number, name = shapes[value], shapes[label]
        assert (number.left, number.top, number.width) == (box.x * deck.EMU_PER_PX, box.y * deck.EMU_PER_PX,
                                                           box.w * deck.EMU_PER_PX)
        assert (name.left, name.width) == (number.left, number.width) and name.top > number.top
        assert {p.alignment for shape in (number, name) for p in shape.text_frame.paragraphs} == {PP_ALIGN.CENTER}
        assert number.text_frame.word_wrap is False and name.text_frame.word_wrap is True


def _ink_columns(pixels: np.ndarray, box: stage.Box) -> np.ndarray:
    """The columns of ``box`` (on the 1920 × 1080 page) holding the figures' blue."""
    crop = pixels[box.y:box.y + box.h, box.x:box.x + box.w]
    return box.x + np.flatnonzero((abs(crop - (0x08, 0x51, 0x9C)).sum(axis=2) < 60).any(axis=0))


def test_the_pdf_page_centres_the_headline_figures_as_on_stage():
    """The PDF's second row stood at the left under the first two figures; each figure now stands centred in
    its stage box, so each row is centred on the page."""
    slide = slides.Slide("kpis", "Centra darbs skaitļos", None, FIVE)
    pixels = np.asarray(Image.open(io.BytesIO(deck.slide_png(slide, "Avots"))).convert("RGB")).astype(int)
    boxes = stage.kpi_boxes(FIVE)
    assert boxes[3].x - stage.BODY.x == stage.BODY.x + stage.BODY.w - boxes[4].x - boxes[4].w  # the row of two
    for box in boxes:
        ink = _ink_columns(pixels, box)
        assert ink.size and abs((ink[0] + ink[-1]) / 2 - (box.x + box.w / 2)) <= 2, (box, ink[0], ink[-1])


def test_the_pdf_page_draws_the_headline_figures_in_one_size_in_source_sans():
    """The figures' digits stand equally tall (was: the long one smaller), and the title is as wide as
    Source Sans Bold sets it (DejaVu Sans Bold is ~20 % wider)."""
    slide = slides.Slide("kpis", "Centra darbs skaitļos", None, FIGURES)
    pixels = np.asarray(Image.open(io.BytesIO(deck.slide_png(slide, "Avots"))).convert("RGB")).astype(int)
    blue = (abs(pixels - (0x08, 0x51, 0x9C)).sum(axis=2) < 60)
    heights = []
    for box in stage.kpi_boxes(FIGURES):
        rows = np.flatnonzero(blue[box.y:box.y + box.h, box.x:box.x + box.w].any(axis=1))
        heights.append(rows[-1] - rows[0])
    assert max(heights) - min(heights) <= 1, heights
    title = pixels[stage.TITLE.y:stage.TITLE.y + stage.TITLE.h, :stage.TITLE.x + stage.TITLE.w].sum(axis=2) < 300
    drawn = np.flatnonzero(title.any(axis=0))
    left, _, right, _ = fonts.pillow(stage.title_size(slide.title), bold=True).getmask(slide.title).getbbox()
    assert fonts.pillow(20).getname()[0] == fonts.FAMILY
    assert abs((drawn[-1] - drawn[0] + 1) - (right - left)) <= 2
