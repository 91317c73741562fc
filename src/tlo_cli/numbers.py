"""Small helpers on numbers shared by the records."""

from __future__ import annotations


def finite_or_none(value: float | None) -> float | None:
    """None for NaN or infinity (how JSON shows an undefined figure)."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return float(value)
