"""What every page needs from the router: the language and filters chosen in the shared sidebar."""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st

from dih_data.metrics import Filters

ROUTER = Path(__file__).resolve().parent.parent / "app.py"


def page_context() -> tuple[str, Filters]:
    """The sidebar's language and filters.

    On a server's very first run, Streamlit's legacy ``pages/`` mode may run a deep-linked page
    without the router; then the router runs here (it draws the sidebar and runs this page) and
    this outer run stops.
    """
    if "app_lang" not in st.session_state:
        runpy.run_path(str(ROUTER), run_name="__main__")
        st.stop()
    return st.session_state["app_lang"], st.session_state["app_filters"]
