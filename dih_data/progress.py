"""Where an import has got to, for the crash-safety tests: silent unless ``DIH_IMPORT_PROGRESS`` is set.

With ``DIH_IMPORT_PROGRESS=<file>`` every stage an import reaches is appended to the file as one JSON
line, so a test that kills the process knows which window the kill landed in. With also
``DIH_IMPORT_HOLD_AT=<stage>`` the import waits there (``DIH_IMPORT_HOLD_SECONDS``, default 120) the
first time it reaches that stage, so the kill can land exactly in that window.
"""

from __future__ import annotations

import json
import os
import time

STAGES = ("validated", "rows_written", "committed")
"""validated: the file passed, nothing written yet; rows_written: rows are in the open transaction
(after each insert chunk); committed: the transaction is committed."""


def enabled() -> bool:
    return bool(os.environ.get("DIH_IMPORT_PROGRESS"))


def reached(stage: str, **details) -> None:
    """Record ``stage`` (and ``details``) if progress reporting is on; hold there if asked to."""
    path = os.environ.get("DIH_IMPORT_PROGRESS")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"stage": stage, "at": time.time(), **details}) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    if os.environ.get("DIH_IMPORT_HOLD_AT") == stage:
        os.environ.pop("DIH_IMPORT_HOLD_AT")  # hold once
        time.sleep(float(os.environ.get("DIH_IMPORT_HOLD_SECONDS", "120")))
