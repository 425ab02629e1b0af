"""Seeded random values for the tests that compare a new path with its reference on random data."""

from __future__ import annotations

import numpy as np


def maybe(rng: np.random.Generator, values, blank_share: float):
    """One of ``values``, or None with probability ``blank_share`` (as a Python value the drivers accept)."""
    if rng.random() < blank_share:
        return None
    value = values[rng.integers(len(values))]
    return value.item() if isinstance(value, np.generic) else value
