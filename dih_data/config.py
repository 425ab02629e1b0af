"""Where the data lives: one SQLite file by default, any SQLAlchemy URL when configured."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var"


def data_dir() -> Path:
    """Folder for the embedded database (``DIH_DATA_DIR``, default ``./var`` beside the app)."""
    return Path(os.environ.get("DIH_DATA_DIR", DEFAULT_DATA_DIR))


def database_url() -> str:
    """``DIH_DATABASE_URL`` (e.g. ``postgresql+psycopg2://…``) or the embedded SQLite file."""
    url = os.environ.get("DIH_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'dih_insight.sqlite'}"


def snapshot_dir() -> Path:
    """Where the slide snapshots for phones go (``DIH_SNAPSHOT_DIR``): by default ``static/snapshots`` beside
    app.py, the folder Streamlit serves at ``/app/static/snapshots/`` (``server.enableStaticServing``)."""
    return Path(os.environ.get("DIH_SNAPSHOT_DIR", DEFAULT_DATA_DIR.parent / "static" / "snapshots"))
