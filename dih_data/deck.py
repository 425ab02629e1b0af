"""The slide sequence as PowerPoint and PDF, made offline in the stage's own layout (``stage``):
the same boxes, type sizes, numbers and typeface (``fonts``: Source Sans) the Present page shows."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from . import fonts, palette, stage
from .slides import Slide

EMU_PER_PX = 12_192_000 // stage.WIDTH  # a 13.333 in wide 16:9 slide is 1920 design px
PT_PER_PX = 0.5  # 13.333 in × 72 pt / 1920 px


def _blocks(slide: Slide) -> list[tuple[stage.Box, str, str, int]]:
    """Where each key number goes and its size, as on stage: a column beside the chart, or on the figures slide
    ``stage.kpi_boxes`` in one shared size (``stage.number_sizes``)."""
    shown = stage.numbers_shown(slide)
    sizes = stage.number_sizes(slide, shown)
    if slide.chart is not None:
        box, height = stage.NUMBERS, stage.NUMBERS.h // stage.MAX_NUMBERS
        boxes = [stage.Box(box.x, box.y + i * height, box.w, height) for i in range(len(shown))]
    else:
        boxes = stage.kpi_boxes(shown)
    return [(box, label, value, size) for box, (label, value), size in zip(boxes, shown, sizes, strict=True)]


def _baseline(font, top: float, line: float) -> float:
    """Where a browser puts the baseline of a ``line`` px tall line box at ``top``: the font's ascent below the
    half of the leading (line height less ascent and descent)."""
    ascent, descent = font.getmetrics()
    return top + (line - ascent - descent) / 2 + ascent


def slide_png(slide: Slide, footer: str) -> bytes:
    """The slide as a 1920 × 1080 picture, laid out as on stage."""
    page = Image.new("RGB", (stage.WIDTH, stage.HEIGHT), "white")
    draw = ImageDraw.Draw(page)
    draw.text((stage.TITLE.x, stage.TITLE.y + 10), slide.title,
              font=fonts.pillow(stage.title_size(slide.title), True), fill=palette.TEXT)
    if slide.chart is not None:
        chart = Image.open(io.BytesIO(stage.chart_png(slide))).convert("RGB")
        chart.thumbnail((stage.CHART.w, stage.CHART.h))
        page.paste(chart, (stage.CHART.x, stage.CHART.y))
    centred = slide.chart is None  # the figures slide's figures stand centred in their boxes, as on stage
    anchor = "ms" if centred else "ls"  # middle or left, on the baseline
    label_font, label_line = fonts.pillow(stage.LABEL_SIZE), stage.LABEL_SIZE * stage.LABEL_LINE
    for box, label, value, value_size in _blocks(slide):
        x = box.x + box.w / 2 if centred else box.x
        value_font, value_line = fonts.pillow(value_size, True), value_size * stage.VALUE_LINE
        draw.text((x, _baseline(value_font, box.y, value_line)), value, font=value_font, fill="#08519C",
                  anchor=anchor)
        top = box.y + value_line + (stage.LABEL_GAP if centred else 0)
        for i, line in enumerate(stage.wrapped(label, stage.LABEL_SIZE, box.w)[:3]):
            draw.text((x, _baseline(label_font, top + i * label_line, label_line)), line, font=label_font,
                      fill=palette.TEXT, anchor=anchor)
    footer_font = fonts.pillow(stage.FOOTER_SIZE)
    for i, line in enumerate(stage.wrapped(footer, stage.FOOTER_SIZE, stage.FOOTER.w)[:2]):
        draw.text((stage.FOOTER.x, stage.FOOTER.y + i * stage.FOOTER_SIZE * 1.3), line, font=footer_font,
                  fill=palette.MUTED_TEXT)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    return buffer.getvalue()


def pptx_bytes(slides: list[Slide], footer: Callable[[Slide], str]) -> bytes:
    """16:9 PowerPoint in the stage layout: title, chart picture, key numbers and source line as text (each
    slide's own: ``footer(slide)``), speaker notes holding every key number."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in, 16:9
    blank = deck.slide_layouts[6]
    for slide in slides:
        page = deck.slides.add_slide(blank)
        _text(page, slide.title, stage.TITLE, stage.title_size(slide.title), bold=True)
        if slide.chart is not None:
            png = stage.chart_png(slide, scale=2)
            box = stage.CHART
            page.shapes.add_picture(io.BytesIO(png), _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
        align = PP_ALIGN.CENTER if slide.chart is None else None  # the figures slide's, as on stage
        for box, label, value, value_size in _blocks(slide):
            value_height = int(value_size * 1.3)  # Office's line is taller than the stage's 1.05 em
            _text(page, value, stage.Box(box.x, box.y, box.w, value_height), value_size, bold=True, colour="08519C",
                  align=align, wrap=False)  # a number in one line, even where a wider face stands in for the stage's
            _text(page, label, stage.Box(box.x, box.y + value_height, box.w,
                                         max(box.h - value_height, 2 * stage.LABEL_SIZE)), stage.LABEL_SIZE,
                  align=align)
        _text(page, footer(slide), stage.FOOTER, stage.FOOTER_SIZE, colour=palette.MUTED_TEXT.lstrip("#"))
        page.notes_slide.notes_text_frame.text = slide.speaker_notes()
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _emu(px: int) -> Emu:
    return Emu(px * EMU_PER_PX)


def _text(page, text: str, box: stage.Box, size_px: int, bold: bool = False, colour: str | None = None,
          align: PP_ALIGN | None = None, wrap: bool = True) -> None:
    """A text box; the type is set on each run (``a:rPr``), which PowerPoint takes as the text's own and lets
    the user change (a paragraph's default, ``a:defRPr``, snapped back when edited)."""
    frame = page.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h)).text_frame
    frame.word_wrap = wrap
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.name = fonts.OFFICE_FAMILY  # shown where it is installed, else the viewer's substitute
        run.font.size = Pt(size_px * PT_PER_PX)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour or palette.TEXT.lstrip("#"))


def pdf_bytes(slides: list[Slide], footer: Callable[[Slide], str]) -> bytes:
    """One 16:9 page per slide, each the stage picture with its own source line (``footer(slide)``)."""
    pages = [Image.open(io.BytesIO(slide_png(slide, footer(slide)))).convert("RGB") for slide in slides]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=144)
    return buffer.getvalue()
