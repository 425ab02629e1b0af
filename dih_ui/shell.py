"""What every page needs from the router: the language and filters chosen in the shared sidebar."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dih_data.metrics import Filters


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


def seed(key: str, value: object) -> None:
    """Give a widget its starting value unless it already has state (URL-seeded widgets use this)."""
    if key not in st.session_state:
        st.session_state[key] = value
