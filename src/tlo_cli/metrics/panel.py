"""All TLOs at once: dense arrays TLO × fiscal year (the tidy table is ``tlo_cli.api.tidy_frame``).

In the arrays, a fiscal year for which a TLO has no ledger column is NaN in every item; an item
the TLO's ledger does not list is 0 in the years it has data (``has_item`` says which it listed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tlo_cli.model import ITEMS, Ledger

FloatArray = np.ndarray


@dataclass(frozen=True, slots=True)
class Panel:
    """Dense arrays of every item: ``items[name][i, j]`` for TLO ``ids[i]`` in ``years[j]``."""

    ids: tuple[str, ...]
    years: np.ndarray
    items: dict[str, FloatArray]
    present: np.ndarray
    has_item: dict[str, np.ndarray]

    @classmethod
    def from_ledgers(cls, ledgers: Sequence[Ledger]) -> Panel:
        all_years = sorted({fy for led in ledgers for fy in led.years})
        years = np.array(all_years, dtype=np.int64)
        col = {fy: j for j, fy in enumerate(all_years)}
        n, m = len(ledgers), len(all_years)
        nan = float("nan")
        present_rows: list[list[bool]] = []
        rows: dict[str, list[list[float]]] = {item: [] for item in ITEMS}
        has_item: dict[str, list[bool]] = {item: [] for item in ITEMS}
        for led in ledgers:
            cols = [col[fy] for fy in led.years]
            mask = [False] * m
            for j in cols:
                mask[j] = True
            present_rows.append(mask)
            for item in ITEMS:
                row = [nan] * m
                series = led.amounts.get(item)
                if series is None:
                    for j in cols:
                        row[j] = 0.0
                else:
                    for fy, j in zip(led.years, cols, strict=True):
                        row[j] = series[fy]
                rows[item].append(row)
                has_item[item].append(series is not None)
        shape = (n, m)
        return cls(
            tuple(led.id for led in ledgers),
            years,
            {item: np.array(rows[item], dtype=float).reshape(shape) for item in ITEMS},
            np.array(present_rows, dtype=bool).reshape(shape),
            {item: np.array(has_item[item], dtype=bool) for item in ITEMS},
        )

    def column(self, fiscal_year: int) -> int | None:
        """The index of a fiscal year in ``years``, or None."""
        hits = np.flatnonzero(self.years == fiscal_year)
        return int(hits[0]) if hits.size else None

    def window(self, item: str, end: int, length: int) -> tuple[np.ndarray, FloatArray]:
        """The fiscal years end−length+1 … end and the item's values in them (NaN when absent)."""
        fys = np.arange(end - length + 1, end + 1)
        out = np.full((len(self.ids), length), np.nan)
        for k, fy in enumerate(fys):
            j = self.column(int(fy))
            if j is not None:
                out[:, k] = self.items[item][:, j]
        return fys, out


def default_as_of(panel: Panel) -> int:
    """The fiscal year the most TLOs have data for; the later one on a tie."""
    counts = panel.present.sum(axis=0)
    best = counts.max()
    return int(panel.years[np.flatnonzero(counts == best)[-1]])
