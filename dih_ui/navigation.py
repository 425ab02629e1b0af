"""The app's pages in menu order: app.py registers exactly these, and the browser tests visit each one."""

from __future__ import annotations

from pathlib import Path

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
