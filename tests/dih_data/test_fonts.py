"""The stage's one typeface: Source Sans made from Streamlit's own file, drawn by vl-convert and Pillow."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from dih_data import fonts

ROOT = Path(__file__).resolve().parents[2]


def test_the_static_faces_are_made_once_into_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DIH_DATA_DIR", str(tmp_path / "var"))
    folder = fonts.folder()
    assert folder is not None and folder.parent == tmp_path / "var" / "fonts"
    for style, weight in fonts.WEIGHTS.items():
        face = TTFont(folder / f"SourceSans-{style}.ttf")
        assert face["name"].getDebugName(1) == fonts.FAMILY and face["name"].getDebugName(2) == style
        assert face["OS/2"].usWeightClass == weight and "fvar" not in face  # static: resvg ignores the axis
        assert {ord(c) for c in "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ€–−…"} <= set(face.getBestCmap())
        assert TTFont(folder / f"SourceSans-{style}.woff2").flavor == "woff2"
    made = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert fonts.folder() == folder and {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == made


def _ink(png: bytes) -> tuple[int, int]:
    """Width of the drawn text and its number of dark pixels."""
    dark = np.asarray(Image.open(io.BytesIO(png)).convert("L")) < 128
    columns = np.flatnonzero(dark.any(axis=0))
    return (int(columns[-1] - columns[0] + 1) if len(columns) else 0), int(dark.sum())


def _text_png(weight: str) -> bytes:
    import vl_convert as vlc

    fonts.register()
    return vlc.vegalite_to_png({"data": {"values": [{}]}, "width": 900, "height": 80, "mark": {
        "type": "text", "text": TEXT, "font": fonts.CSS, "fontSize": 48, "fontWeight": weight, "align": "left",
        "x": 0}})


TEXT = "Dalībnieki 2026. gadā: 1 234 €"


def test_vl_convert_draws_source_sans_regular_and_bold_as_pillow_does():
    """The chart's text is as wide as Pillow measures it in the same face (DejaVu Sans is ~20 % wider), and
    bold is bold (the variable file's default instance, ExtraLight, drew both alike)."""
    (regular, regular_ink), (bold, bold_ink) = _ink(_text_png("normal")), _ink(_text_png("bold"))
    for width, is_bold in ((regular, False), (bold, True)):
        page = Image.new("L", (1000, 100), 255)
        ImageDraw.Draw(page).text((10, 10), TEXT, font=fonts.pillow(48, is_bold), fill=0)
        buffer = io.BytesIO()
        page.save(buffer, format="PNG")
        assert abs(width - _ink(buffer.getvalue())[0]) <= 3, (width, _ink(buffer.getvalue())[0], is_bold)
    assert bold_ink > regular_ink * 1.3


def test_without_the_faces_the_stage_still_draws_its_text(tmp_path):
    """A data folder that cannot be written: charts fall back to the renderer's sans-serif and the
    pictures to DejaVu Sans; nothing fails and no chart text goes missing."""
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    script = """
import io, json
import altair as alt, numpy as np, pandas as pd
from PIL import Image, ImageDraw
from dih_data import fonts, slides, stage
slide = slides.Slide("x", "x", alt.Chart(pd.DataFrame({"t": ["Rīga"]})).mark_text(fontSize=60).encode(text="t"))
dark = np.asarray(Image.open(io.BytesIO(stage.chart_png(slide))).convert("L")) < 128
print(json.dumps({"folder": str(fonts.folder()), "ink": int(dark.sum()), "style": fonts.svg_style(),
                  "pillow": fonts.pillow(20).getname()[0]}))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "DIH_DATA_DIR": str(blocked / "var")})
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["folder"] == "None" and outcome["style"] == "" and outcome["ink"] > 200
    assert "stage font not made" in result.stderr
    assert outcome["pillow"] in ("DejaVu Sans", "Aileron")  # Aileron: Pillow's own face, where DejaVu is missing
