"""The slide sequence as PowerPoint and PDF, made offline from the same slides the Present page shows."""

from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from . import charts
from .slides import Slide

PAGE = (1920, 1080)  # PDF page in pixels, 16:9


def slide_png(slide: Slide, footer: str) -> bytes:
    """The slide's chart with its title and the source/filters/date line, at 2× scale."""
    return charts.to_image(slide.chart, "png", slide.title, subtitle=footer, title_size=26)


def pptx_bytes(slides: list[Slide], footer: str) -> bytes:
    """16:9 PowerPoint: one slide per view with title, chart image, key numbers, source line and
    speaker notes holding the key numbers."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in, 16:9
    blank = deck.slide_layouts[6]
    for slide in slides:
        page = deck.slides.add_slide(blank)
        _text(page, slide.title, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9), Pt(32), bold=True)
        png = charts.to_image(slide.chart, "png", "")  # the slide's own title is above the picture
        image = Image.open(io.BytesIO(png))
        area_w, area_h = Inches(9.0), Inches(5.4)
        scale = min(area_w / image.width, area_h / image.height)
        page.shapes.add_picture(io.BytesIO(png), Inches(0.5),
                                Inches(1.3), width=Emu(int(image.width * scale)), height=Emu(int(image.height * scale)))
        numbers = "\n".join(f"{label}: {value}" for label, value in slide.numbers[:8])
        _text(page, numbers, Inches(9.7), Inches(1.4), Inches(3.3), Inches(5.2), Pt(16))
        _text(page, footer, Inches(0.5), Inches(6.9), Inches(12.3), Inches(0.4), Pt(10))
        page.notes_slide.notes_text_frame.text = slide.speaker_notes()
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _text(page, text: str, left, top, width, height, size, bold: bool = False) -> None:
    frame = page.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = size
        paragraph.font.bold = bold


def pdf_bytes(slides: list[Slide], footer: str) -> bytes:
    """One 16:9 page per slide: the slide image centred on a white page."""
    pages = []
    for slide in slides:
        image = Image.open(io.BytesIO(slide_png(slide, footer))).convert("RGB")
        image.thumbnail((PAGE[0] - 120, PAGE[1] - 120))
        page = Image.new("RGB", PAGE, "white")
        page.paste(image, ((PAGE[0] - image.width) // 2, (PAGE[1] - image.height) // 2))
        pages.append(page)
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=144)
    return buffer.getvalue()
