"""One visual system: a fixed colour per code (measure, planning region, online, series) for every chart,
map, slide and export, in both languages.

Colours are keyed by the *code* a row carries, never by its translated label, so "Rīga" is the same
blue in Latvian and English. Palettes are colour-blind safe (Okabe–Ito for measures, Paul Tol's
"bright" for planning regions; ColorBrewer Blues for ordered classes).
"""

from __future__ import annotations

MEASURE = {  # Okabe–Ito
    "hackathon": "#0072B2",
    "workshop": "#E69F00",
    "meetup": "#009E73",
    "expert_visit": "#CC79A7",
    "conference": "#56B4E9",
    "other": "#999999",
}
REGION = {  # Paul Tol "bright"; online is not a place, so it is the neutral dark grey
    "Rīga": "#4477AA",
    "Kurzeme": "#66CCEE",
    "Vidzeme": "#228833",
    "Latgale": "#AA3377",
    "Zemgale": "#CCBB44",
    "online": "#666666",
}
WAVE = {  # survey waves, ordered light → dark (ColorBrewer Purples), no measure's or region's colour
    "baseline": "#B4A7D6",
    "follow-up": "#54278F",
}
SERIES = {  # two-valued comparisons used across pages
    "planned": "#9ECAE1",
    "actual": "#2171B5",
    "flagged": "#D55E00",
    "recorded": "#6BAED6",
    "published": "#000000",
    "first_time": "#80CDC1",  # BrBG teals, light first-time and dark returning, no measure's colour
    "returning": "#003C30",
    "seeing": "#DFC27D",  # say–do: ColorBrewer BrBG browns, light "say" and dark "do", no measure's colour
    "preparing": "#8C510A",
    "selected": "#D55E00",
    "unselected": "#2171B5",
}
# Open-ended categories (sectors, sizes, funding sources): hues chosen to differ from every measure, region,
# wave and series colour (CIELAB ΔE ≥ 20, tests/dih_data/test_palette.py), so a sector never reads as a measure.
CATEGORICAL = ("#35978F", "#EE8866", "#A6D854", "#EE3377", "#FFD92F", "#543005", "#FFAABB", "#E31A1C", "#2D004B",
               "#B2DF8A")
SEQUENTIAL = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c")  # Blues, light → dark
NO_DATA = "#eeeeee"
TEXT = "#1B2631"
MUTED_TEXT = "#4A5560"  # ≥ 4.5:1 on white


def colours_for(codes, fixed: dict[str, str] | None = None) -> dict[str, str]:
    """A colour per code: the fixed one where known, else the categorical palette in sorted-code order,
    so an open-ended category (a sector) keeps its colour whichever language labels it."""
    fixed = fixed or {}
    spare = iter(c for c in CATEGORICAL if c not in fixed.values())
    out = {}
    for code in sorted({str(c) for c in codes}):
        out[code] = fixed.get(code) or next(spare, "#999999")
    return out


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def contrast(foreground: str, background: str = "#FFFFFF") -> float:
    """WCAG 2.1 contrast ratio of two colours."""
    def luminance(colour: str) -> float:
        channels = [c / 255 for c in hex_to_rgb(colour)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
