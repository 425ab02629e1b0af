"""Seeded random values for the tests that compare a new path with its reference on random data."""

from __future__ import annotations

import numpy as np


def maybe(rng: np.random.Generator, values, blank_share: float):
    """One of ``values``, or None with probability ``blank_share`` (as a Python value the drivers accept)."""
    if rng.random() < blank_share:
        return None
    value = values[rng.integers(len(values))]
    return value.item() if isinstance(value, np.generic) else value


def two_batches(connection, kind: str, rows: int, created) -> tuple[int, int]:
    """Ids of a kept (demo) batch and a rolled-back (real) one of ``kind``: rows of the second must never count."""
    from sqlalchemy import insert

    from dih_data.model import ImportBatch

    return tuple(connection.execute(insert(ImportBatch).values(
        kind=kind, file_name=f"{name}.csv", sha256=name, row_count=rows, provenance=provenance,
        user="test", created_at=created, rolled_back_at=rolled_back).returning(ImportBatch.id)).scalar_one()
        for name, provenance, rolled_back in (("kept", "demo", None), ("dropped", "real", created)))
