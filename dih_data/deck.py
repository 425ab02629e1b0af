"""The slide sequence as PowerPoint and PDF, made offline in the stage's own layout (``stage``):
the same boxes, type sizes, numbers and typeface (``fonts``: Source Sans) the Present page shows."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from . import fonts, palette, stage
from .slides import Slide

EMU_PER_PX = 12_192_000 // stage.WIDTH  # a 13.333 in wide 16:9 slide is 1920 design px
PT_PER_PX = 0.5  # 13.333 in × 72 pt / 1920 px


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _blocks(slide: Slide) -> list[tuple[stage.Box, str, str, int]]:
    """Where each key number goes (a column beside the chart, or a 3-wide grid on the figures slide) and
    its size, as on stage (``stage.number_sizes``: one shared size on the figures slide)."""
    shown = stage.numbers_shown(slide)
    sizes = stage.number_sizes(slide, shown)
    if slide.chart is not None:
        box, height = stage.NUMBERS, stage.NUMBERS.h // stage.MAX_NUMBERS
        return [(stage.Box(box.x, box.y + i * height, box.w, height), label, value, sizes[i])
                for i, (label, value) in enumerate(shown)]
    box, rows = stage.BODY, -(-len(shown) // 3)
    width, height = box.w // 3, box.h // max(rows, 1)
    return [(stage.Box(box.x + (i % 3) * width, box.y + (i // 3) * height, width - 48, height), label, value, sizes[i])
            for i, (label, value) in enumerate(shown)]


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
    for box, label, value, value_size in _blocks(slide):
        draw.text((box.x, box.y), value, font=fonts.pillow(value_size, True), fill="#08519C")
        label_font = fonts.pillow(stage.LABEL_SIZE)
        for i, line in enumerate(_wrap(draw, label, label_font, box.w)[:3]):
            draw.text((box.x, box.y + value_size * 1.15 + i * stage.LABEL_SIZE * 1.25), line, font=label_font,
                      fill=palette.TEXT)
    footer_font = fonts.pillow(stage.FOOTER_SIZE)
    for i, line in enumerate(_wrap(draw, footer, footer_font, stage.FOOTER.w)[:2]):
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
        for box, label, value, value_size in _blocks(slide):
            _text(page, value, stage.Box(box.x, box.y, box.w, int(value_size * 1.3)), value_size, bold=True,
                  colour="08519C")
            _text(page, label, stage.Box(box.x, box.y + int(value_size * 1.3), box.w, box.h - int(value_size * 1.3)),
                  stage.LABEL_SIZE)
        _text(page, footer(slide), stage.FOOTER, stage.FOOTER_SIZE, colour=palette.MUTED_TEXT.lstrip("#"))
        page.notes_slide.notes_text_frame.text = slide.speaker_notes()
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _emu(px: int) -> Emu:
    return Emu(px * EMU_PER_PX)


def _text(page, text: str, box: stage.Box, size_px: int, bold: bool = False, colour: str | None = None) -> None:
    """A text box; the type is set on each run (``a:rPr``), which PowerPoint takes as the text's own and lets
    the user change (a paragraph's default, ``a:defRPr``, snapped back when edited)."""
    frame = page.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h)).text_frame
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        run = (frame.paragraphs[0] if index == 0 else frame.add_paragraph()).add_run()
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
