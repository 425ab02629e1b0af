"""What every page needs from the router: the language and filters chosen in the shared sidebar."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dih_data import i18n
from dih_data.metrics import Filters
from dih_ui import tables


def page_context() -> tuple[str, Filters]:
    """The sidebar's language and filters.

    On a server's very first run, Streamlit's legacy ``pages/`` mode may run a deep-linked page
    without the router. Switching that mode off (the same class flag ``st.navigation`` sets) and
    rerunning sends the run through the router, which draws the sidebar and runs this page again.
    """
    if "app_lang" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["app_lang"], st.session_state["app_filters"]


# Labels wrap instead of being cut with "…" (segmented controls, toggles, metrics; Latvian is long),
# and wide tables scroll inside themselves, never the page; the look of the project's HTML tables.
PAGE_CSS = (
    "<style>"
    "[data-testid=stButtonGroup]>div{flex-wrap:wrap;row-gap:4px}"
    "[data-testid=stButtonGroup] button{max-width:100%}"
    "[data-testid=stButtonGroup] button p,[data-testid=stWidgetLabel] *,[data-testid=stMetricLabel] *"
    "{white-space:normal!important;overflow:visible!important;text-overflow:clip!important}"
    "[data-testid=stMetricLabel]{height:auto!important}"
    "[data-testid=stDownloadButton] button p,[data-testid=stButton] button p{white-space:normal}"
    # Streamlit greys captions by opacity (≈ 3.9:1 on white); WCAG AA needs 4.5:1 for small text
    "[data-testid=stCaptionContainer]{color:#4A5560!important;opacity:1!important}"
    # a phone shows the page's headline numbers on its first screen, not three lines of page title
    "@media (max-width:640px){[data-testid=stHeading] h1{font-size:2rem!important;padding-top:0!important}"
    "[data-testid=stMainBlockContainer]{padding-top:3.5rem!important}}"
    + tables.CSS
    + "</style>"
)


def page_css() -> None:
    """The shared page CSS (every page calls it through the router)."""
    st.html(PAGE_CSS)


def uploader_texts(lang: str, types: list[str]) -> None:
    """Streamlit 1.67 draws the file uploader's button and size note in English and takes no parameter for
    them (streamlit/streamlit#13500): in other languages the page's own words are drawn over them by CSS."""
    if lang == "en":
        return
    limit = i18n.t("uploader_limit", lang, size=st.get_option("server.maxUploadSize"),
                   types=", ".join(t.upper() for t in types))
    button = "[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p"
    note = "[data-testid=stFileUploaderDropzoneInstructions] span"
    st.html(f"<style>{button},{note}{{font-size:0}}"
            f"{button}::after{{content:{_css_string(i18n.t('uploader_button', lang))};font-size:1rem}}"
            f"{note}::after{{content:{_css_string(limit)};font-size:.875rem}}</style>")


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (every character outside plain letters/digits/space escaped)."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def seed(key: str, value: object) -> None:
    """Give a widget its starting value unless it already has state (URL-seeded widgets use this)."""
    if key not in st.session_state:
        st.session_state[key] = value


NARROW_PX = 640  # below this drawn width a heatmap's columns are narrower than the numbers in them


def width_forms(key: str, narrow_px: int = NARROW_PX):
    """Two containers for two forms of one content: the first shows while the block is wider than
    ``narrow_px``, the second when it is not (a phone). The choice is a CSS container query on the
    block's drawn width — not the browser's user agent, which Streamlit would need to guess from."""
    outer = st.container(key=key)
    with outer:
        st.html(f"<style>.st-key-{key}{{container-type:inline-size}}.st-key-{key}_narrow{{display:none!important}}"
                f"@container (max-width:{narrow_px}px){{.st-key-{key}_wide{{display:none!important}}"
                f".st-key-{key}_narrow{{display:flex!important}}}}</style>")
    return outer.container(key=f"{key}_wide"), outer.container(key=f"{key}_narrow")
