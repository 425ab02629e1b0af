"""The page scripts' folder: Streamlit runs a server's first request in its legacy mode when the app has a
``pages/`` folder (the page alone, without the router; an unknown address gets an English dialog)."""

from __future__ import annotations

from pathlib import Path

from dih_ui import navigation

ROOT = Path(__file__).resolve().parents[2]


def test_the_pages_live_outside_a_pages_folder():
    assert not (ROOT / "pages").exists(), "put page scripts in app_pages/ (see dih_ui/navigation.py)"
    assert all((ROOT / script).is_file() for script, _, _ in navigation.PAGES)
