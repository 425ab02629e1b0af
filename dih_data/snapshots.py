"""Static snapshots of the slide sequence for the audience's phones: one self-contained HTML page per slide.

A hall of 600 phones opening the live dashboard at once would each start a Streamlit session (a script
run, megabytes of JavaScript); a snapshot is one small file any static server hands out in
microseconds. Each page carries the slide's headline numbers, its chart as inline SVG (rendered
offline by vl-convert, like the PNG/SVG downloads), the source line with the date, links to the
previous and next slide and one to the live dashboard. No script, no stylesheet or font from
elsewhere; every text from data is HTML-escaped. The public view (counts under 5 hidden) is always on.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import charts, clock, i18n, metrics, slides

FOLDER = "snapshots"
"""Under the app's ``static/`` folder, which Streamlit serves at ``/app/static/`` (``server.enableStaticServing``)."""
URL_PREFIX = "app/static"
PHONE_WIDTH, PHONE_HEIGHT = 340, 260  # chart size in CSS pixels on a 390 px wide phone


def file_name(index: int, key: str) -> str:
    """``0, "kpis"`` → ``1-kpis.html`` (the position first, so a listing sorts in stage order)."""
    return f"{index + 1}-{key}.html"


def served_path(lang: str, index: int, key: str) -> str:
    """The snapshot's path on the dashboard's own server, e.g. ``/app/static/snapshots/lv/1-kpis.html``."""
    return f"/{URL_PREFIX}/{FOLDER}/{lang}/{file_name(index, key)}"


def snapshot_url(base: str, lang: str, index: int, key: str) -> str | None:
    """Where a phone opens slide ``index`` (None without a public base address, like the QR code)."""
    return f"{base.rstrip('/')}{served_path(lang, index, key)}" if base else None


def chart_svg(slide: slides.Slide) -> str:
    """The slide's chart as inline SVG at phone width (scaled by the browser, viewBox kept).

    Axis labels of horizontal bars sit outside the plot width, so the plot is narrowed by what they
    take (one more render) until the whole drawing fits the phone.
    """
    plot_width = PHONE_WIDTH
    for _ in range(2):
        chart = (slide.chart.properties(width=plot_width, height=PHONE_HEIGHT, padding={"left": 30, "right": 5})
                 .configure_legend(orient="bottom", direction="vertical", columns=2, labelLimit=160)
                 .configure_axisY(labelLimit=140))  # left padding: phone fonts run wider than vl-convert's
        svg = charts.to_image(chart, "svg", "").decode("utf-8")
        drawn = float(re.search(r'<svg [^>]*?width="([\d.]+)"', svg).group(1))
        if drawn <= PHONE_WIDTH * 1.15:
            break
        plot_width = max(140, int(plot_width - (drawn - PHONE_WIDTH)))
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    return re.sub(r'^<svg ([^>]*?)width="[\d.]+" height="[\d.]+"', r'<svg \1width="100%"', svg, count=1)


_STYLE = """
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1B2631;background:#fff}main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.2;margin:.2rem 0 1rem}.pos{color:#5D6D7E;font-size:.9rem}
.numbers{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.6rem;margin:0 0 1rem;padding:0}
.numbers div{background:#F1F4F8;border-radius:.5rem;padding:.6rem .7rem}.numbers dt{font-size:.85rem;color:#34495E}
.numbers dd{margin:0;font-size:1.45rem;font-weight:700;color:#08519C}figure{margin:0 0 1rem}svg{height:auto}
.note,.source{font-size:.85rem;color:#5D6D7E}nav{display:flex;justify-content:space-between;gap:.5rem;margin:1.2rem 0}
nav a,.live{display:inline-block;padding:.6rem .9rem;border-radius:.5rem;background:#0072B2;color:#fff;
text-decoration:none}nav span{flex:1}.live{background:#1B2631;margin-top:.4rem}
"""


def page_html(slide: slides.Slide, *, lang: str, footer: str, index: int, count: int, keys: list[str],
              live_url: str | None) -> str:
    """One slide as a phone-first HTML page; ``keys`` is the sequence, for the previous/next links."""
    e = html.escape
    numbers = "".join(f"<div><dt>{e(label)}</dt><dd>{e(value)}</dd></div>" for label, value in slide.numbers)
    previous = (f'<a href="{file_name(index - 1, keys[index - 1])}">← {e(i18n.t("previous", lang))}</a>'
                if index > 0 else "<span></span>")
    following = (f'<a href="{file_name(index + 1, keys[index + 1])}">{e(i18n.t("next", lang))} →</a>'
                 if index < count - 1 else "<span></span>")
    live = (f'<p><a class="live" href="{e(live_url)}">{e(i18n.t("snapshot_live", lang))}</a></p>'
            if live_url else "")
    note = f'<p class="note">{e(slide.note)}</p>' if slide.note else ""
    figure = ("" if slide.key == "kpis"  # the headline tiles are the numbers above
              else f'<figure role="img" aria-label="{e(slide.title)}">{chart_svg(slide)}</figure>')
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(slide.title)} · DIH Insight</title><style>{_STYLE}</style></head><body><main>"
        f'<p class="pos">DIH Insight · {e(i18n.t("slide_of", lang, i=index + 1, n=count))}</p>'
        f"<h1>{e(slide.title)}</h1><dl class=\"numbers\">{numbers}</dl>{figure}{note}"
        f'<p class="source">{e(footer)}</p><nav>{previous}{following}</nav>{live}</main></body></html>'
    )


def write(directory: Path, frames: dict[str, pd.DataFrame], filters: metrics.Filters, keys: list[str],
          source: Callable[[str, tuple[str, ...]], str], live_base: str = "", live_params: dict[str, str] | None = None,
          langs: tuple[str, ...] | None = None) -> list[Path]:
    """Write every slide of ``keys`` in ``langs`` (default: every language) under ``directory/<lang>/``, public view on.

    ``source(lang, provenances)`` gives a slide's source line's source part for the provenances its figures
    come from (``Slide.provenances``). Each file is replaced atomically, so a phone
    never reads half a page; pages of an earlier, longer sequence are removed.
    """
    written = []
    for lang in langs or i18n.LANGS:
        folder = directory / lang
        folder.mkdir(parents=True, exist_ok=True)
        params = {**(live_params or {}), "lang": lang}
        names = set()
        for index, key in enumerate(keys):
            slide = slides.build(key, frames, filters, lang, public=True)
            footer = slides.footer(source(lang, slide.provenances), filters, lang, clock.today())
            page = page_html(slide, lang=lang, footer=footer, index=index, count=len(keys), keys=keys,
                             live_url=slides.share_url(live_base, key, params))
            names.add(file_name(index, key))
            written.append(_replace(folder / file_name(index, key), page))
        for stale in folder.glob("*.html"):
            if stale.name not in names:
                stale.unlink()
    return written


def _replace(path: Path, text: str) -> Path:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
    return path
