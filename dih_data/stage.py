"""A slide's layout on a 1920 × 1080 design canvas, shared by the Present page's stage, the PDF and the PPTX.

Every size is in design pixels: on a 1920 × 1080 projector one design pixel is one screen pixel, on
1280 × 720 everything scales by 2/3 (the same physical size on the wall). Sizes follow what a hall
can read: the message in one line (≥ 44 px), key numbers ≥ 96 px, anything else the audience reads
≥ 28 px, chart axis labels ≥ 20 px, the source line ≥ 18 px.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass

import altair as alt

from . import charts, fonts, palette
from .slides import Slide

WIDTH, HEIGHT = 1920, 1080


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int


TITLE = Box(64, 30, 1600, 110)
CHART = Box(64, 160, 1160, 790)
NUMBERS = Box(1280, 170, 576, 770)
BODY = Box(64, 190, 1792, 740)  # the headline-figures slide: numbers only, in a grid
FOOTER = Box(64, 985, 1290, 70)  # the presenter's buttons sit to its right
NAV = Box(1362, 990, 540, 76)  # ◀ Previous, Next ▶, Exit: read by the presenter, off the slide's content
COUNTER = Box(1676, 40, 180, 60)
QR = Box(1476, 560, 380, 380)

TITLE_MAX, TITLE_MIN = 64, 44
VALUE_SIZE, KPI_VALUE_SIZE, LABEL_SIZE, FOOTER_SIZE, NAV_SIZE = 104, 120, 30, 20, 24
VALUE_LINE, LABEL_LINE, LABEL_GAP = 1.05, 1.2, 8  # a key number's line and its label's, in em; px between them
MAX_NUMBERS = 3
KPI_COLUMNS, KPI_COLUMN_GAP, KPI_ROW_GAP = 3, 48, 72  # the headline figures: at most three a row


def title_size(text: str) -> int:
    """The largest size (64 → 44 px) at which ``text`` fits the title line (bold sans ≈ 0.56 em a letter)."""
    fitting = int(TITLE.w / (0.56 * max(1, len(text))))
    return max(TITLE_MIN, min(TITLE_MAX, fitting))


def value_size(text: str, width: int, largest: int = VALUE_SIZE) -> int:
    """The key number's size: ``largest``, smaller (never under 96 px) when a long number would not fit. Reckoned
    at 0.62 em a character, about DejaVu Sans Bold's digits: Source Sans sets them at ~0.45 em, but the PPTX
    cannot carry its face and must fit where PowerPoint or LibreOffice substitutes a wider one."""
    return max(96, min(largest, int(width / (0.62 * max(1, len(text))))))


def kpi_rows(count: int) -> list[int]:
    """How many headline figures stand in each row: at most three, the rows as even as they can be and the
    fuller first (5 → 3 + 2, 4 → 2 + 2), each row centred, so no row ends in an empty cell."""
    rows = -(-count // KPI_COLUMNS)
    return [count // rows + (row < count % rows) for row in range(rows)]


def kpi_width(count: int) -> int:
    """A headline figure's cell width: the body shared by the fullest row's cells and the gaps between them."""
    columns = max(kpi_rows(count), default=1)
    return (BODY.w - (columns - 1) * KPI_COLUMN_GAP) // columns


def kpi_value_size(values: list[str]) -> int:
    """One size for all headline figures, so the numbers and their labels line up row by row."""
    width = kpi_width(len(values))
    return min((value_size(v, width, KPI_VALUE_SIZE) for v in values), default=KPI_VALUE_SIZE)


def wrapped(text: str, size: int, width: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` in the stage face at ``size`` px."""
    font, lines, line = fonts.pillow(size), [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def kpi_boxes(shown: list[tuple[str, str]]) -> list[Box]:
    """Where each headline figure (number above label) stands, for the stage and the exports alike: rows of
    ``kpi_rows`` centred across the body, equally tall (the most label lines of any), the block at the body's
    optical centre (2/5 of the free height above it: in the middle the line boxes' leading made it read low)."""
    width, size = kpi_width(len(shown)), kpi_value_size([value for _, value in shown])
    label_lines = max((len(wrapped(label, LABEL_SIZE, width)) for label, _ in shown), default=1)
    height = round(size * VALUE_LINE + LABEL_GAP + label_lines * LABEL_SIZE * LABEL_LINE)
    rows = kpi_rows(len(shown))
    top = BODY.y + (BODY.h - len(rows) * height - (len(rows) - 1) * KPI_ROW_GAP) * 2 // 5
    boxes = []
    for row, count in enumerate(rows):
        left = BODY.x + (BODY.w - count * width - (count - 1) * KPI_COLUMN_GAP) // 2
        boxes += [Box(left + column * (width + KPI_COLUMN_GAP), top + row * (height + KPI_ROW_GAP), width, height)
                  for column in range(count)]
    return boxes


def number_sizes(slide: Slide, shown: list[tuple[str, str]]) -> list[int]:
    """Each shown key number's size, for the stage and the exports alike: beside a chart each its own
    (one above another); on the headline-figures slide one shared size, the largest that fits them all."""
    if slide.chart is not None:
        return [value_size(value, NUMBERS.w) for _, value in shown]
    size = kpi_value_size([value for _, value in shown])
    return [size] * len(shown)


def numbers_shown(slide: Slide, qr: bool = False) -> list[tuple[str, str]]:
    """The key numbers the audience sees (all of them are in the speaker notes)."""
    if slide.chart is None:
        return slide.numbers
    return slide.numbers[: 1 if qr else MAX_NUMBERS]


def chart_box(slide: Slide) -> Box:
    return CHART


def chart_spec(slide: Slide) -> dict:
    """The slide's chart sized to its box (legend and axes inside) in the stage theme."""
    box = chart_box(slide)
    sized = slide.chart.properties(width=box.w, height=box.h,
                                   autosize=alt.AutoSizeParams(type="fit", contains="padding"))
    return charts.themed(sized, charts.STAGE).to_dict()


def chart_svg(slide: Slide) -> str:
    """The chart as SVG, its text measured and placed in Source Sans."""
    import vl_convert as vlc

    fonts.register()
    return vlc.vegalite_to_svg(chart_spec(slide))


def chart_png(slide: Slide, scale: float = 1) -> bytes:
    import vl_convert as vlc

    fonts.register()
    return vlc.vegalite_to_png(chart_spec(slide), scale=scale)


def picture_svg(slide: Slide) -> str:
    """The chart's SVG for an ``<img>``, carrying its own Source Sans: a picture cannot use the page's fonts,
    so without it the browser drew the labels in whatever the machine had installed (``fonts.svg_style``)."""
    return re.sub(r"^(<svg [^>]*>)", lambda tag: tag.group(1) + fonts.svg_style(), chart_svg(slide), count=1)


def description(slide: Slide) -> str:
    """The chart's text alternative: the message and every key number."""
    return ". ".join([slide.title, *(f"{label}: {value}" for label, value in slide.numbers)])


def _px(value: float) -> str:
    return f"calc(var(--u) * {value:g})"


def _place(box: Box) -> str:
    return f"position:absolute;left:{_px(box.x)};top:{_px(box.y)};width:{_px(box.w)};height:{_px(box.h)};"


def css(title: str = "") -> str:
    """Stage CSS: the 16:9 canvas fills the window (letterboxed), Streamlit's chrome is hidden."""
    return (
        ":root{--u:calc(min(100vw, 100vh * 16 / 9) / 1920);--title:" + _px(title_size(title)) + "}"
        "[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl],header,[data-testid=stToolbar],"
        "[data-testid=stDecoration],[data-testid=stElementToolbar]{display:none!important}"
        ".block-container{padding:0!important;max-width:100%!important}"
        ".dih-stage{position:fixed;z-index:1;background:#fff;color:" + palette.TEXT + ";"
        "left:calc((100vw - var(--u) * 1920) / 2);top:calc((100vh - var(--u) * 1080) / 2);"
        "width:calc(var(--u) * 1920);height:calc(var(--u) * 1080);overflow:hidden;"
        "font-family:'Source Sans',sans-serif}"  # Streamlit's bundled face, as the title: one family, no download
        ".dih-stage img.chart{object-fit:contain}"
        ".dih-stage .number{margin-bottom:" + _px(34) + "}"
        ".dih-stage .value{font-size:" + _px(VALUE_SIZE) + ";font-weight:700;line-height:" + f"{VALUE_LINE:g}"
        + ";color:#08519C;white-space:nowrap}"
        ".dih-stage .label{font-size:max(18px, " + _px(LABEL_SIZE) + ");line-height:" + f"{LABEL_LINE:g}"
        + ";overflow-wrap:anywhere}"
        ".dih-stage .kpis .number{margin:0;text-align:center}"
        ".dih-stage .kpis .label{margin-top:" + _px(LABEL_GAP) + "}"
        ".dih-stage .footer,.dih-stage .counter{font-size:max(14px, " + _px(FOOTER_SIZE) + ");color:"
        + palette.MUTED_TEXT + ";line-height:1.3;display:flex;align-items:flex-end}"
        ".dih-stage .counter{justify-content:flex-end;align-items:flex-start}"
        ".dih-stage .qr img{width:100%;height:auto}.dih-stage .qr p{font-size:" + _px(22) + ";margin:0}"
        ".dih-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
        # the slide title is Streamlit's own heading, placed on the canvas
        ".st-key-stage_title{position:fixed;z-index:2;left:calc((100vw - var(--u) * 1920) / 2 + var(--u) * 64);"
        "top:calc((100vh - var(--u) * 1080) / 2 + var(--u) * 30);width:" + _px(TITLE.w) + "}"
        ".st-key-stage_title h1{padding:0!important;line-height:1.15!important;white-space:nowrap;"
        "font-size:var(--title)!important}"
        ".st-key-stage_title [data-testid=stHeaderActionElements]{display:none}"
        ".st-key-present_nav{position:fixed;z-index:3;left:calc((100vw - var(--u) * 1920) / 2 + " + _px(NAV.x) + ");"
        "top:calc((100vh - var(--u) * 1080) / 2 + " + _px(NAV.y) + ");width:" + _px(NAV.w) + "!important;"
        "height:" + _px(NAV.h) + ";justify-content:flex-end;align-items:center;flex-wrap:nowrap;gap:" + _px(12) + "}"
        ".st-key-present_nav button{min-height:" + _px(60) + ";padding:0 " + _px(14) + ";white-space:nowrap}"
        ".st-key-present_nav button *{font-size:max(16px, " + _px(NAV_SIZE) + ")!important;line-height:1.2}"
    )


def html_view(slide: Slide, footer: str, counter: str, qr_png: bytes | None = None, qr_caption: str = "") -> str:
    """The stage for the browser: chart (SVG image with its description), key numbers, source line,
    slide counter and an optional QR code, placed as on the PDF page. Every text is escaped."""
    shown = numbers_shown(slide, qr=qr_png is not None)
    sizes = number_sizes(slide, shown)
    parts = [f"<div class='dih-stage' role='region' "
             f"aria-label='{html.escape(slide.title, quote=True)}'>"]
    if slide.chart is not None:
        svg = base64.b64encode(picture_svg(slide).encode("utf-8")).decode("ascii")
        parts.append(f"<img class='chart' style='{_place(chart_box(slide))}' src='data:image/svg+xml;base64,{svg}' "
                     f"alt='{html.escape(description(slide), quote=True)}'>")
        parts.append(f"<div class='numbers' style='{_place(NUMBERS)}'>")
        parts += [_number(label, value, size) for (label, value), size in zip(shown, sizes, strict=True)]
    else:  # each figure placed on the canvas where the exports place it
        parts.append("<div class='kpis'>")
        parts += [_number(label, value, size, _place(box))
                  for (label, value), size, box in zip(shown, sizes, kpi_boxes(shown), strict=True)]
    parts.append("</div>")
    if qr_png is not None:
        code = base64.b64encode(qr_png).decode("ascii")
        parts.append(f"<div class='qr' style='{_place(QR)}'><img src='data:image/png;base64,{code}' "
                     f"alt='{html.escape(qr_caption, quote=True)}'><p>{html.escape(qr_caption)}</p></div>")
    parts.append(f"<div class='footer' style='{_place(FOOTER)}'>{html.escape(footer)}</div>")
    parts.append(f"<div class='counter' style='{_place(COUNTER)}'>{html.escape(counter)}</div>")
    parts.append("</div>")
    return "".join(parts)


def _number(label: str, value: str, size: int, place: str = "") -> str:
    return (f"<div class='number' style='{place}'><div class='value' style='font-size:{_px(size)}'>"
            f"{html.escape(value)}</div>"
            f"<div class='label'>{html.escape(label)}</div></div>")
