"""The app's pages in menu order: app.py registers exactly these, and the browser tests visit each one."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from streamlit.runtime.scriptrunner import get_script_run_ctx

PAGES = (  # script, menu title key, icon; the first is the default page
    ("pages/overview.py", "nav_overview", ":material/dashboard:"),
    ("pages/regions.py", "nav_regions", ":material/map:"),
    ("pages/attendance.py", "nav_attendance", ":material/groups:"),
    ("pages/budget.py", "nav_budget", ":material/euro:"),
    ("pages/barriers.py", "nav_barriers", ":material/report:"),
    ("pages/present.py", "nav_present", ":material/co_present:"),
    ("pages/data.py", "nav_data", ":material/database:"),
)


def name(script: str) -> str:
    return Path(script).stem


def url_path(script: str) -> str:
    """The page's address below the app's root, as Streamlit derives it ('' for the default page)."""
    return "" if script == PAGES[0][0] else name(script)


def take_unknown_address(known: Collection[str]) -> str | None:
    """The address the browser asked for when it names no page (a mistyped ``/nav-tads``), else None.

    Streamlit answers such an address with the default page under its own "Page not found" dialog, in English
    whatever the page's language, and has no setting for its text. Called just before ``st.navigation``, this
    takes the request back (Streamlit sets it anew each run), so the default page runs without the dialog and
    the app says what happened in the page's language. ``known``: the registered pages' ``url_path``s."""
    ctx = get_script_run_ctx()
    manager = ctx.pages_manager if ctx is not None else None
    if manager is None or manager.intended_page_script_hash or not manager.intended_page_name:
        return None  # a page chosen in the app (by its hash), or the root address
    if manager.intended_page_name in known:
        return None
    address = manager.intended_page_name
    manager.set_script_intent("", "")  # no page asked for: st.navigation resolves the default one
    return address
