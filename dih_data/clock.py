"""The one place that asks what day it is: every date-dependent figure gets ``today`` from here.

The core never reads the system date itself; the UI layer and the CLI call :func:`today` and pass
the date down (demo history, slide footers, export source lines, budget burn-up, the sidebar's
year range). ``DIH_TODAY=YYYY-MM-DD`` sets the day explicitly — for a rehearsal of a future
conference, or for components that cannot run under ``faketime``.
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "DIH_TODAY"


def today() -> dt.date:
    """``DIH_TODAY`` when set, else the system date (which ``faketime`` also moves)."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{ENV}={value!r} is not a date: write it as YYYY-MM-DD, e.g. {ENV}=2027-01-05") from None
