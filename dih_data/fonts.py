"""One typeface for the stage: Streamlit's own Source Sans, also in the charts and the PNG/PDF/PPTX exports.

The browser draws the slide's text in Streamlit's bundled face (CSS family ``Source Sans``). The charts and
the exported pictures are drawn on the server, by vl-convert (resvg) and Pillow, which read only static
TrueType files. Streamlit ships the face as one variable WOFF2 (weights 200–900, default ExtraLight), and
resvg ignores the weight axis (bold came out ExtraLight), so static Regular and Bold are made from that very
file once, with fontTools, and kept in the data folder (``fonts/``), with a WOFF2 copy of each that the
stage's chart picture carries (a picture cannot use the page's fonts). The file comes with the installed
``streamlit`` package: nothing is fetched, on any operating system. Should that fail, the charts fall back
to the renderer's sans-serif and the pictures to DejaVu Sans (the stage stays readable, only the face differs).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import io
import logging
import os
import tempfile
import threading
from pathlib import Path

from . import access, config

FAMILY = "Source Sans"  # the family name Streamlit's stylesheet gives its bundled face, and the files made here
CSS = f"{FAMILY}, sans-serif"  # for Vega: the renderer's sans-serif if the files could not be made
OFFICE_FAMILY = "Source Sans 3"  # what an installed copy of the face is called (PowerPoint, LibreOffice)
WEIGHTS = {"Regular": 400, "Bold": 700}
# Latin (with Latvian and every other Latin-script language), punctuation, currency, arrows, maths and
# shapes: what slides write. Subsetting first keeps making the files to ~5 s instead of ~20 s for all glyphs;
# a letter outside (Cyrillic, say) is drawn from another installed font.
UNICODES = [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x2000, 0x2070), *range(0x20A0, 0x20D0),
            *range(0x2100, 0x2150), *range(0x2190, 0x2300), *range(0x25A0, 0x2600)]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

_lock = threading.Lock()
_state: tuple[Path | None, dict[str, bytes]] | None = None


def source() -> Path | None:
    """Streamlit's variable Source Sans (upright), found without importing Streamlit."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or not spec.submodule_search_locations:
        return None
    media = Path(next(iter(spec.submodule_search_locations))) / "static" / "static" / "media"
    return next(iter(sorted(media.glob("SourceSansVF-Upright.ttf.*.woff2"))), None)


def folder() -> Path | None:
    """The folder holding the static Regular and Bold, made on first use; None if they cannot be made."""
    woff2 = source()
    if woff2 is None:
        return None
    target = config.data_dir() / "fonts" / f"source-sans-{hashlib.sha256(woff2.read_bytes()).hexdigest()[:12]}"
    if all((target / f"SourceSans-{style}.{kind}").exists() for style in WEIGHTS for kind in ("ttf", "woff2")):
        return target
    try:
        access.make_private_dir(config.data_dir())
        target.mkdir(parents=True, exist_ok=True)
        for name, data in _static_faces(woff2).items():
            descriptor, temporary = tempfile.mkstemp(dir=target, suffix=".part")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, target / name)  # another process may write the same: either is whole
            finally:
                Path(temporary).unlink(missing_ok=True)
    except (OSError, ImportError) as error:
        logging.getLogger(__name__).warning("stage font not made, falling back to sans-serif: %s", error)
        return None
    return target


def _static_faces(woff2: Path) -> dict[str, bytes]:
    """Regular and Bold from the variable WOFF2, named ``Source Sans``, each as TrueType and WOFF2 (by file
    name; fontTools, and brotli for WOFF2)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(woff2)
    options = subset.Options(glyph_names=False, notdef_outline=True, name_IDs=["*"], name_languages=["*"])
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    faces = {}
    for style, weight in WEIGHTS.items():
        face = instancer.instantiateVariableFont(font, {"wght": weight})
        names = face["name"]
        for name_id in (1, 2, 3, 4, 6, 16, 17, 21, 22, 25):
            names.removeNames(nameID=name_id)
        for name_id, text in ((1, FAMILY), (2, style), (3, f"SourceSans-{style} (from Streamlit)"),
                              (4, f"{FAMILY} {style}"), (6, f"SourceSans-{style}")):
            names.setName(text, name_id, 3, 1, 0x409)
        face["OS/2"].usWeightClass = weight
        bold = weight >= 700
        face["OS/2"].fsSelection = (face["OS/2"].fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
        face["head"].macStyle = 1 if bold else 0
        for kind in ("ttf", "woff2"):
            face.flavor = None if kind == "ttf" else "woff2"
            buffer = io.BytesIO()
            face.save(buffer)
            faces[f"SourceSans-{style}.{kind}"] = buffer.getvalue()
    return faces


def _prepared() -> tuple[Path | None, dict[str, bytes]]:
    """The faces' folder and bytes, made or read once per process (vl-convert's font list is the process's)."""
    global _state
    with _lock:
        if _state is None:
            target = folder()
            _state = (target, {path.name: path.read_bytes() for path in target.glob("SourceSans-*.*")}
                              if target else {})
            if target is not None:
                import vl_convert as vlc

                vlc.register_font_directory(str(target))
        return _state


def register() -> None:
    """Let vl-convert draw ``Source Sans``: call before rendering a stage chart."""
    _prepared()


@functools.cache
def svg_style() -> str:
    """A ``<style>`` for an SVG picture: Regular and Bold as data, so the browser draws the chart in the face
    vl-convert measured it in, whatever the machine has installed; empty when the faces are unavailable."""
    faces = _prepared()[1]
    rules = "".join(
        f'@font-face{{font-family:"{FAMILY}";font-weight:{weight};src:url(data:font/woff2;base64,'
        f'{base64.b64encode(faces[name]).decode("ascii")}) format("woff2")}}'
        for style, weight in WEIGHTS.items() if (name := f"SourceSans-{style}.woff2") in faces)
    return f"<style>{rules}</style>" if rules else ""


def pillow(size: int, bold: bool = False):
    """Source Sans at ``size`` px for Pillow; DejaVu Sans, then Pillow's own face, when it is unavailable."""
    from PIL import ImageFont

    data = _prepared()[1].get(f"SourceSans-{'Bold' if bold else 'Regular'}.ttf")
    if data:
        return ImageFont.truetype(io.BytesIO(data), size)
    path = DEJAVU / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)
