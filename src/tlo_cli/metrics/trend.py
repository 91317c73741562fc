"""The licensing-income trend over a window of fiscal years, one TLO per row.

Each function takes ``values`` shaped (TLOs, window) — NaN where a TLO has no usable data for a
year (no data, or its partial approval year) — and ``years``, the window's fiscal years, and
returns one number per TLO (NaN when undefined).
"""

from __future__ import annotations

import numpy as np


def _rows(values: np.ndarray) -> np.ndarray:
    return np.atleast_2d(np.asarray(values, dtype=float))


MIN_POINTS = 3  # fewer usable years with positive licensing income: "insufficient history"


def positive_points(values: np.ndarray) -> np.ndarray:
    """How many values per row are positive (the points growth is measured on)."""
    return (np.nan_to_num(_rows(values), nan=0.0) > 0).sum(axis=1)


def licensing_cagr(
    values: np.ndarray, years: np.ndarray, min_points: int = MIN_POINTS
) -> np.ndarray:
    """Compound annual growth from the first to the last positive value in the window.

    cagr = (last / first) ** (1 / (fy_last − fy_first)) − 1, the exponent being the number of
    fiscal years between the two values. NaN with fewer than ``min_points`` (3) positive values.
    """
    v = _rows(values)
    fys = np.asarray(years, dtype=float)
    positive = np.nan_to_num(v, nan=0.0) > 0
    count = positive.sum(axis=1)
    first = positive.argmax(axis=1)
    last = v.shape[1] - 1 - positive[:, ::-1].argmax(axis=1)
    out = np.full(v.shape[0], np.nan)
    ok = count >= max(2, min_points)
    idx = np.arange(v.shape[0])
    span = fys[last] - fys[first]
    ratio = v[idx, last] / np.where(ok, v[idx, first], 1.0)
    out[ok] = ratio[ok] ** (1.0 / span[ok]) - 1.0
    return out


def licensing_trend(
    values: np.ndarray, years: np.ndarray, min_points: int = MIN_POINTS
) -> np.ndarray:
    """Log-linear growth: trend = exp(b) − 1, b the least-squares slope of ln(licensing income)
    on fiscal year over the positive values; NaN with fewer than ``min_points`` (3) of them.

    Less swayed than the CAGR by an odd first or last year.
    """
    v = _rows(values)
    positive = np.nan_to_num(v, nan=0.0) > 0
    logs = np.where(positive, np.log(np.where(positive, v, 1.0)), np.nan)
    slope = licensing_slope(logs, years)
    return np.where(positive.sum(axis=1) >= min_points, np.expm1(slope), np.nan)


def licensing_slope(values: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Least-squares slope of licensing income on fiscal year (yen per year); NaN with < 2 points."""
    v = _rows(values)
    x = np.broadcast_to(np.asarray(years, dtype=float), v.shape)
    mask = np.isfinite(v)
    n = mask.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean = np.where(mask, x, 0).sum(axis=1) / n
        y_mean = np.where(mask, v, 0).sum(axis=1) / n
        dx = np.where(mask, x - x_mean[:, None], 0)
        dy = np.where(mask, v - y_mean[:, None], 0)
        slope = (dx * dy).sum(axis=1) / (dx * dx).sum(axis=1)
    return np.where(n >= 2, slope, np.nan)


def peak_fiscal_year(values: np.ndarray, years: np.ndarray) -> np.ndarray:
    """The fiscal year of the highest value in the window (the earliest on a tie); NaN if none."""
    v = _rows(values)
    filled = np.where(np.isfinite(v), v, -np.inf)
    idx = filled.argmax(axis=1)  # argmax returns the first, i.e. earliest, maximum
    out = np.asarray(years, dtype=float)[idx]
    return np.where(np.isfinite(v).any(axis=1), out, np.nan)


def drawdown_from_peak(values: np.ndarray, current: np.ndarray) -> np.ndarray:
    """drawdown = 1 − current / peak, the peak being the window's maximum; NaN when the peak ≤ 0."""
    v = _rows(values)
    peak = np.where(np.isfinite(v), v, -np.inf).max(axis=1)
    cur = np.asarray(current, dtype=float)
    out = np.full(v.shape[0], np.nan)
    ok = (peak > 0) & np.isfinite(cur)
    out[ok] = 1.0 - cur[ok] / peak[ok]
    return out
