"""Run corpus cases through the real import and classify each outcome (no pytest needed).

Outcomes: ``accepted`` (written), ``rejected`` (a report with errors, nothing changed), and the
failures the issue counts: ``traceback`` (an exception escaped ``import_file``), ``unexpected`` (the
import's last-resort guard had to catch an exception — a traceback the user was spared, still a
bug), ``changed`` (a rejected file changed a table) and ``slow`` (over SLOW_SECONDS).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dih_data import importer, store

from .corpus import Case

SLOW_SECONDS = 10.0
TODAY = dt.date(2026, 11, 23)  # fixed, so outcomes do not depend on the day the probe runs
FAILURES = ("traceback", "unexpected", "changed", "slow")


def checksums(engine: Engine) -> dict[str, str]:
    """One hash per table of everything in it, in primary-key order."""
    sums = {}
    with Session(engine) as session:
        for table in store.Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            sums[table.name] = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
    return sums


@dataclass
class Outcome:
    case: Case
    outcome: str
    seconds: float
    detail: str = ""


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(outcome.outcome for outcome in self.outcomes)

    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.outcome in FAILURES]


def probe_case(engine: Engine, case: Case) -> Outcome:
    data = case.data
    before = checksums(engine)
    started = time.perf_counter()
    try:
        result = importer.import_file(engine, case.kind, case.name, data=data, file_name=f"{case.name}.file",
                                      today=TODAY)
    except Exception as error:  # noqa: BLE001 — counting escapes is the point
        return Outcome(case, "traceback", time.perf_counter() - started, f"{type(error).__name__}: {error}")
    seconds = time.perf_counter() - started
    if any("could not be checked (" in problem.message for problem in result.errors):
        return Outcome(case, "unexpected", seconds, result.errors[0].message)
    if seconds > SLOW_SECONDS:
        return Outcome(case, "slow", seconds)
    if not result.written:
        changed = [name for name, digest in checksums(engine).items() if before[name] != digest]
        if changed or not result.errors:
            return Outcome(case, "changed", seconds, f"tables changed: {changed}; errors: {len(result.errors)}")
        return Outcome(case, "rejected", seconds, str(result.errors[0])[:160])
    return Outcome(case, "accepted", seconds, f"{result.rows} rows")


def run(cases, engine: Engine, report=None) -> Summary:
    summary = Summary()
    for case in cases:
        outcome = probe_case(engine, case)
        summary.outcomes.append(outcome)
        if report:
            report(outcome)
    return summary
