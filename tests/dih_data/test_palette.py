"""One visual system: colours that mean different things never look alike."""

from __future__ import annotations

import pytest

from dih_data import palette


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour, for a perceptual distance."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c / 255) for c in palette.hex_to_rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return sum((i - j) ** 2 for i, j in zip(_lab(a), _lab(b), strict=True)) ** 0.5


MEASURE_OR_REGION = [*palette.MEASURE.values(), *palette.REGION.values()]


@pytest.mark.parametrize("colour", [*palette.WAVE.values(), *(palette.SERIES[k] for k in (
    "seeing", "preparing", "first_time", "returning")), *palette.CATEGORICAL])
def test_waves_series_and_open_categories_do_not_look_like_a_measure_or_a_region(colour):
    assert min(_distance(colour, other) for other in MEASURE_OR_REGION) >= 20


def test_open_categories_are_told_apart_from_each_other():
    pairs = [(a, b) for i, a in enumerate(palette.CATEGORICAL) for b in palette.CATEGORICAL[i + 1:]]
    assert min(_distance(a, b) for a, b in pairs) >= 20


def test_a_sector_never_gets_a_measure_colour():
    colours = palette.colours_for([f"sector_{c}" for c in "ABCDEFGHIJ"])
    assert not set(colours.values()) & set(palette.MEASURE.values())
