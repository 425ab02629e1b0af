"""Tables of text that fit the page: an HTML table wraps long cells and headers within the page's width,
where the data grid (``st.dataframe``) cut them or ran columns off its right edge until scrolled.

The table is written as HTML once per view inside the cached view layer (``html``) and sent as it is
(``show``): a pandas Styler through ``st.table`` was formatted and marshalled again for every session
(~6.5 ms a table; issue 13). The look is ``st.table``'s, by the classes of ``CSS``."""

from __future__ import annotations

import html as markup
import numbers as numeric
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dih_data import i18n
from dih_ui import plain

# st.table's look in Streamlit 1.67 under .streamlit/config.toml's theme (text #1B2631): its border, radius,
# 14 px text, cell padding, faded header text, cells at most 25rem wide (same column widths measured in Chromium
# at 1440 and 390 px). Numbers right-aligned on one line; the caption for screen readers only (the heading
# above the table shows the same words).
CSS = (
    ".dih-table{border:1px solid rgba(27,38,49,.1);border-radius:.5rem;overflow:auto;width:100%;max-width:100%;"
    "overscroll-behavior-x:contain}"
    ".dih-table table{border-spacing:0;min-width:100%;font-size:.875rem;line-height:1.5;color:#1B2631;margin:0;"
    "border:none}"
    ".dih-table th,.dih-table td{border:none;border-bottom:1px solid rgba(27,38,49,.1);"
    "border-right:1px solid rgba(27,38,49,.1);padding:.25rem .375rem;vertical-align:middle;font-weight:400;"
    "text-align:left;white-space:nowrap}"
    ".dih-table thead th{color:rgba(27,38,49,.7);padding-left:.5rem;white-space:normal}"
    ".dih-table tr>:last-child{border-right:none}.dih-table tbody tr:last-child>*{border-bottom:none}"
    ".dih-table td>div{display:inline-block;width:fit-content;max-width:25rem;white-space:normal;vertical-align:top}"
    ".dih-table td.long{min-width:11em}.dih-table .num{text-align:right}.dih-table td.label>div{white-space:nowrap}"
    ".dih-table caption{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);"
    "white-space:nowrap}"
)


def cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` ready for ``st.table``, which renders Markdown in every cell and header: each text through
    ``plain.md`` (text from files and editors must never become links or images)."""
    return frame.rename(columns=plain.md).map(lambda cell: plain.md(cell) if isinstance(cell, str) else cell)


def html(frame: pd.DataFrame, lang: str, caption: str, numbers: Sequence[str] = (), labels: Sequence[str] = ()) -> str:
    """``frame`` as an HTML table, made once inside a cached view (``views.cached``) and sent by ``show``.

    Every header and cell is escaped (text from files is never markup); whole numbers are written in
    ``lang``'s format. The ``numbers`` columns (formatted numbers, possibly "not stated") are right-aligned,
    their headers too, each figure on one line. The ``labels`` columns (short row names: a measure) stay on one
    line too: beside ten figure columns the browser squeezed "Dīvāna ekspertu vizītes" to a word a line. Long
    text keeps a readable width on a phone (11em): the table then scrolls sideways in its box, instead of a
    source's title squeezed to a word a line making every row ~340 px tall. ``caption`` names the table (and
    its scrolling box) for screen readers."""
    kinds = ["num" if column in numbers else "label" if column in labels
             else "long" if frame[column].astype(str).str.len().max() > 40 else "" for column in frame.columns]
    head = "".join(f'<th scope="col"{_class("num" if kind == "num" else "")}>{markup.escape(str(column))}</th>'
                   for column, kind in zip(frame.columns, kinds, strict=True))
    rows = "".join("<tr>" + "".join(_cell(cell, kind, lang) for cell, kind in zip(row, kinds, strict=True)) + "</tr>"
                   for row in frame.itertuples(index=False, name=None))
    name = markup.escape(caption)
    return (f'<div class="dih-table" role="region" tabindex="0" aria-label="{name}"><table><caption>{name}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")


def _cell(cell: object, kind: str, lang: str) -> str:
    """One escaped cell; text in a box as wide as at most 25rem, as st.table wraps it."""
    text = markup.escape(i18n.fmt_int(cell, lang) if isinstance(cell, numeric.Integral) else str(cell))
    return f'<td class="num">{text}</td>' if kind == "num" else f"<td{_class(kind)}><div>{text}</div></td>"


def _class(name: str) -> str:
    return f' class="{name}"' if name else ""


def show(table: str) -> None:
    """Send a table made by ``html`` as it is (no Styler, nothing formatted per session)."""
    st.html(table)
