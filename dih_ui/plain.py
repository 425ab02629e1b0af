"""Text from data shown where Streamlit renders markdown: the literal characters, never markup.

Streamlit renders markdown — links, images (fetched from wherever they point), colours, LaTeX, emoji
and icon shortcodes, and bare addresses turned into links — in ``st.markdown``/``caption``/``write``,
in ``info``/``success``/``warning``/``error``, in widget labels, in ``st.table`` cells and headers, and in
the options of ``radio``, ``segmented_control`` and ``pills``. Every text that comes from a file, an editor
or a sign-in and is shown in one of those places goes through :func:`md`. ``selectbox``/``multiselect`` options,
``st.text``, ``st.dataframe`` cells and chart text are plain already: they must not (the escape would
show).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"  # invisible; stops "http://", "www." and "a@b.c" from becoming links
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character
_AUTOLINK = re.compile(r"(?<=[:@])|(?<=www)(?=\.)", re.IGNORECASE)


_BREAKS = re.compile(r"[^\S\u00a0\u202f]+")  # whitespace but the no-break spaces in "7 013" and "47,4 %"


def md(text: object) -> str:
    """``text`` on one line, every markdown character written as a character reference (``*`` → ``&#42;``);
    the no-break spaces numbers are written with stay, so a number never breaks across lines."""
    line = _AUTOLINK.sub(WORD_JOINER, _BREAKS.sub(" ", str(text)).strip())
    return _PUNCTUATION.sub(lambda match: f"&#{ord(match.group())};", line)


_BLOCK_START = re.compile(r"^( {0,3}\d{1,9})([.)])(?=\s|$)", re.MULTILINE)


def sentence(text: str) -> str:
    """A message for a markdown place that starts a line with a number and a full stop ("2019. gada …"):
    kept a sentence, not made a numbered list starting at 2019. Markdown elsewhere in it stays."""
    return _BLOCK_START.sub(r"\1\\\2", text)
