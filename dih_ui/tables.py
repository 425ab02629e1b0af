"""Tables of text that fit the page: an HTML table wraps long cells and headers within the page's width,
where the data grid (``st.dataframe``) cut them or ran columns off its right edge until scrolled."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dih_ui import plain


def cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` ready for ``st.table``, which renders Markdown in every cell and header: each text through
    ``plain.md`` (text from files and editors must never become links or images)."""
    return frame.rename(columns=plain.md).map(lambda cell: plain.md(cell) if isinstance(cell, str) else cell)


def show(frame: pd.DataFrame, numbers: Sequence[str] = ()) -> None:
    """``frame`` as an HTML table as wide as its column. The ``numbers`` columns (formatted numbers, possibly
    "not stated") are right-aligned on one line like numbers in the data grid, not left as text, and so are their
    headers. The style's
    element ids are named after the headers, not drawn at random, so every session is sent the same page."""
    # "nav norādīts" on one line: a no-break space (the cell's own text element wraps, whatever its cell says)
    shown = cells(frame.assign(**{column: frame[column].map(
        lambda cell: cell.replace(" ", "\u00a0") if isinstance(cell, str) else cell) for column in numbers}))
    numbers = [plain.md(column) for column in numbers]
    styler = shown.style.set_uuid(hashlib.sha256("|".join(shown.columns).encode()).hexdigest()[:8])
    if numbers:
        styler = styler.set_properties(subset=numbers, **{"text-align": "right !important"})
        # and their headers over them (the table's id scopes the rule; Streamlit's <th> says "inherit" inline)
        styler = styler.set_table_styles({column: [{"selector": "th", "props": "text-align: right !important"}]
                                          for column in numbers}, overwrite=False)
    # Long text keeps a readable width on a phone: the table then scrolls sideways in its box, instead of a
    # source's title squeezed to a word a line making every row ~340 px tall.
    long = [shown_column for column, shown_column in zip(frame.columns, shown.columns, strict=True)
            if shown_column not in numbers and frame[column].astype(str).str.len().max() > 40]
    if long:
        styler = styler.set_properties(subset=long, **{"min-width": "11em"})
    st.table(styler, hide_index=True)
