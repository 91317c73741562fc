"""The deterministic generator of the 47-TLO synthetic sample in ``data/sample``.

Calibrated to MEXT (2009), section (8), on approved TLOs: 47 approved, 4 of them in FY1998;
33 external TLOs surveyed in FY2005 and FY2006 and 32 in FY2007, of which 11 had a negative
ordinary profit, up each year from FY2005; royalty income peaking in FY2005 and technology
transfers in FY2006; the METI subsidy paid for each TLO's first five fiscal years.

The sector totals of licensing income and transfers are fixed by year and shared out among
the TLOs by seeded weights. Costs follow each TLO's subsidy and size, and shrink after the
subsidy ends; in FY2005–FY2007 the external TLOs with the weakest margins are the ones in
deficit, as many as ``EXTERNAL_DEFICITS`` says. Every amount is a whole number of thousands of
yen, so each unit (円, 千円, 百万円 to three decimals) states it exactly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from tlo_cli.model import EXPENSE_ITEMS, REVENUE_ITEMS, Form
from tlo_cli.render.ledger_rows import income_taxes, round_thousand, split
from tlo_cli.render.workbook import SheetFormat
from tlo_cli.sample.roster import NO_NET_ASSETS, ROSTER, Entry

#: The seed of the committed sample.
SAMPLE_SEED = 20090501
FIRST_FY, LAST_FY = 1998, 2008
YEARS = tuple(range(FIRST_FY, LAST_FY + 1))

#: Sector licensing income (yen) by fiscal year, all TLOs: the peak is FY2005.
LICENSING_TOTAL: dict[int, float] = {
    1998: 5e6, 1999: 40e6, 2000: 110e6, 2001: 200e6, 2002: 300e6, 2003: 390e6,
    2004: 480e6, 2005: 600e6, 2006: 555e6, 2007: 510e6, 2008: 490e6,
}  # fmt: skip
#: Sector technology transfers (licenses executed) by fiscal year: the peak is FY2006.
TRANSFERS_TOTAL: dict[int, int] = {
    1998: 2, 1999: 25, 2000: 90, 2001: 200, 2002: 330, 2003: 450,
    2004: 560, 2005: 640, 2006: 700, 2007: 655, 2008: 620,
}  # fmt: skip
#: External TLOs with a negative ordinary profit (MEXT: rising each year to 11 of 32 in FY2007).
#: Other years are as the figures fall.
EXTERNAL_DEFICITS: dict[int, int] = {2005: 7, 2006: 10, 2007: 11}
SUBSIDY_CAP = 30e6
#: Costs after the subsidy, as a share of costs before it, once a TLO has adjusted (two years).
ADAPT_LOW, ADAPT_HIGH = 0.4, 0.8
CORPORATE_FORMS = frozenset({Form.KABUSHIKI, Form.YUGEN, Form.GODO})


@dataclass(frozen=True, slots=True)
class SampleTlo:
    """One generated TLO: its roster entry, profile values, years and amounts in yen."""

    entry: Entry
    profile: dict[str, Any]
    years: tuple[int, ...]
    amounts: dict[str, dict[int, float]]

    @property
    def fmt(self) -> SheetFormat:
        """How its workbook is written."""
        return self.entry.sheet_format()

    def ordinary_profit(self, fy: int) -> float:
        """Revenue − expenses in yen."""
        revenue = sum(self.amounts[i][fy] for i in REVENUE_ITEMS if i in self.amounts)
        return revenue - sum(self.amounts[i][fy] for i in EXPENSE_ITEMS if i in self.amounts)


def _approval_date(entry: Entry, rng: np.random.Generator) -> dt.date:
    if entry.approved_fy == FIRST_FY:
        return dt.date(1998, 12, 4)  # the first approvals under the 1998 Act
    start = dt.date(entry.approved_fy, 4, 1)
    return start + dt.timedelta(days=int(rng.integers(0, 365)))


def _first_year_share(date: dt.date) -> float:
    """The share of its first fiscal year a TLO was approved for (whole months, at least one)."""
    return ((3 - date.month) % 12 + 1) / 12.0


@dataclass(slots=True)
class _Draft:
    entry: Entry
    date: dt.date
    size: float
    subsidy: float
    cost_base: float
    membership: float
    contract: float
    distribution_share: float
    cost_shares: tuple[float, float, float]
    adapt: float
    first: float
    years: tuple[int, ...]

    def ramp(self, fy: int, scale: float) -> float:
        """How far the TLO has grown into its size (0 → 1), scaled down in a part first year."""
        age = fy - self.entry.approved_fy
        share = self.first if age == 0 else 1.0
        return share * (1.0 - math.exp(-(age + self.first) / scale))


_SIZE = {Form.KABUSHIKI: 1.0, Form.ZAIDAN: 0.9, Form.SHADAN: 0.7, Form.YUGEN: 0.45,
         Form.GODO: 0.5, Form.INTERNAL: 0.5}  # fmt: skip


def _draft(entry: Entry, rng: np.random.Generator) -> _Draft:
    date = _approval_date(entry, rng)
    early = 1.6 if entry.approved_fy <= 1999 else 1.2 if entry.approved_fy <= 2001 else 1.0
    size = float(rng.lognormal(0.0, 0.6)) * _SIZE[entry.form] * early
    internal = entry.internal
    subsidy = float(rng.uniform(6e6, 15e6) if internal else rng.uniform(10e6, 26e6))
    covered = float(rng.uniform(0.65, 0.85))
    mature_licensing = LICENSING_TOTAL[2005] * size / 40.0
    has_fees = entry.form in (Form.ZAIDAN, Form.SHADAN) or rng.uniform() < 0.5
    membership = 0.0 if internal or not has_fees else float(rng.uniform(2e6, 12e6))
    contract = float(rng.uniform(0.5e6, 5e6) if internal else rng.uniform(1e6, 14e6))
    raw = rng.dirichlet([45.0, 30.0, 3.0, 22.0])
    return _Draft(
        entry=entry,
        date=date,
        size=size,
        subsidy=subsidy,
        cost_base=subsidy / covered + 0.2 * mature_licensing,
        membership=membership,
        contract=contract,
        distribution_share=float(rng.uniform(0.5, 0.6)),
        cost_shares=(float(raw[0]), float(raw[1]), float(raw[2])),
        adapt=float(rng.uniform(ADAPT_LOW, ADAPT_HIGH)),
        first=_first_year_share(date),
        years=tuple(range(entry.approved_fy, entry.last_fy + 1)),
    )


def _share_out(total: float, weights: Mapping[str, float]) -> dict[str, float]:
    """``total`` shared out in proportion to ``weights``, in whole thousands of yen."""
    whole = sum(weights.values())
    return {key: round_thousand(total * w / whole) for key, w in weights.items()}


def _share_counts(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """``total`` shared out in whole numbers by largest remainder (ties by key)."""
    whole = sum(weights.values())
    exact = {key: total * w / whole for key, w in weights.items()}
    counts = {key: math.floor(v) for key, v in exact.items()}
    left = total - sum(counts.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - counts[k]), k))
    for key in order[:left]:
        counts[key] += 1
    return counts


def _revenue(d: _Draft, fy: int, licensing: float, rng: np.random.Generator) -> dict[str, float]:
    share = d.first if fy == d.entry.approved_fy else 1.0
    ramp = d.ramp(fy, 2.0) / share
    in_window = fy < d.entry.approved_fy + 5
    subsidy = min(SUBSIDY_CAP, d.subsidy * float(rng.uniform(0.92, 1.04))) * share
    revenue = {
        "licensing_income": licensing,
        "contract_income": d.contract * (0.4 + 0.6 * ramp) * float(rng.lognormal(0, 0.25)) * share,
        "subsidy_income": subsidy if in_window else 0.0,
        "other_income": float(rng.uniform(5e3, 4e5)) * share,
    }
    if d.membership:
        fees = d.membership * (0.5 + 0.5 * ramp) * float(rng.lognormal(0, 0.08)) * share
        revenue["membership_income"] = fees
    return {item: round_thousand(v) for item, v in revenue.items()}


def _natural_cost(d: _Draft, fy: int, rng: np.random.Generator) -> float:
    """Personnel, patent, admin and other costs as the TLO would spend them (before calibration)."""
    share = d.first if fy == d.entry.approved_fy else 1.0
    ramp = d.ramp(fy, 2.0) / share
    after = fy - (d.entry.approved_fy + 4)  # years since the subsidy ended
    cut = 1.0 - (1.0 - d.adapt) * min(1.0, after / 2.0) if after > 0 else 1.0
    return d.cost_base * (0.6 + 0.4 * ramp) * float(rng.lognormal(0, 0.05)) * share * cut


def _target_profit(
    revenue: float, margin: float, deficit: bool | None, floor: float, rng: np.random.Generator
) -> float:
    """Ordinary profit in whole thousands: negative when ``deficit``, positive when it is False.

    With ``deficit`` None the margin stands, no lower than ``floor``; high margins are damped
    smoothly toward 25% (0.25 · tanh(margin / 0.25)).
    """
    if deficit is True:
        margin = min(margin, -float(rng.uniform(0.03, 0.12)))
    elif deficit is False:
        margin = max(margin, float(rng.uniform(0.01, 0.05)))
    margin = max(margin, floor) if margin < 0 else 0.25 * math.tanh(margin / 0.25)
    profit = round_thousand(margin * revenue)
    if deficit is True or (deficit is None and profit < 0):
        return min(profit, -1000.0)
    return max(profit, 1000.0)


def _deficits(margins: dict[str, dict[int, float]], drafts: list[_Draft]) -> dict[int, set[str]]:
    """The external TLOs in deficit each year: the weakest margins, as many as the schedule says."""
    chosen: dict[int, set[str]] = {}
    for fy in EXTERNAL_DEFICITS:
        external = [d.entry.id for d in drafts if not d.entry.internal and fy in d.years]
        order = sorted(external, key=lambda i: (margins[i][fy], i))
        chosen[fy] = set(order[: EXTERNAL_DEFICITS[fy]])
    return chosen


_CAPITAL = {Form.KABUSHIKI: (10e6, 50e6), Form.YUGEN: (3e6, 8e6), Form.GODO: (1e6, 5e6),
            Form.ZAIDAN: (30e6, 100e6), Form.SHADAN: (10e6, 40e6)}  # fmt: skip


def _net_assets(d: _Draft, profits: dict[int, float], rng: np.random.Generator) -> dict[int, float]:
    """Net assets at each year end: capital plus profits after taxes, never below ¥2 million."""
    corporate = d.entry.form in CORPORATE_FORMS
    low, high = _CAPITAL[d.entry.form]
    capital = round_thousand(float(rng.uniform(low, high)))
    running, path = 0.0, {}
    for fy in d.years:
        running += profits[fy] - (income_taxes(profits[fy]) if corporate else 0.0)
        path[fy] = running
    lowest = min(path.values())
    if capital + lowest < 2e6:
        capital = round_thousand(-lowest + float(rng.uniform(2e6, 12e6)))
    return {fy: capital + v for fy, v in path.items()}


def generate_sample(rng: np.random.Generator) -> list[SampleTlo]:
    """The 47 TLOs of the sample, drawn from ``rng`` (pass a Generator seeded with SAMPLE_SEED)."""
    drafts = [_draft(entry, rng) for entry in ROSTER]
    by_id = {d.entry.id: d for d in drafts}
    licensing: dict[str, dict[int, float]] = {i: {} for i in by_id}
    transfers: dict[str, dict[int, float]] = {i: {} for i in by_id}
    luck = dict.fromkeys(by_id, 0.0)  # persistent licensing luck, AR(1) in logs
    for fy in YEARS:
        present = [d for d in drafts if fy in d.years]
        for d in present:
            luck[d.entry.id] = 0.75 * luck[d.entry.id] + 0.2 * float(rng.standard_normal())
        weights = {d.entry.id: d.size * d.ramp(fy, 2.5) * math.exp(luck[d.entry.id])
                   for d in present}  # fmt: skip
        for tlo_id, value in _share_out(LICENSING_TOTAL[fy], weights).items():
            licensing[tlo_id][fy] = value
        activity = {i: w + 0.05 * float(rng.uniform(0.5, 1.5)) for i, w in weights.items()}
        for tlo_id, count in _share_counts(TRANSFERS_TOTAL[fy], activity).items():
            transfers[tlo_id][fy] = float(count)
    revenues: dict[str, dict[int, dict[str, float]]] = {i: {} for i in by_id}
    distributions: dict[str, dict[int, float]] = {i: {} for i in by_id}
    margins: dict[str, dict[int, float]] = {i: {} for i in by_id}
    for d in drafts:
        tlo_id = d.entry.id
        for fy in d.years:
            revenue = _revenue(d, fy, licensing[tlo_id][fy], rng)
            distribution = round_thousand(d.distribution_share * revenue["licensing_income"])
            other_costs = _natural_cost(d, fy, rng)
            total = sum(revenue.values())
            revenues[tlo_id][fy] = revenue
            distributions[tlo_id][fy] = distribution
            margins[tlo_id][fy] = (total - distribution - other_costs) / total
    in_deficit = _deficits(margins, drafts)
    return [_finish(d, revenues[d.entry.id], distributions[d.entry.id], margins[d.entry.id],
                    transfers[d.entry.id], in_deficit, rng) for d in drafts]  # fmt: skip


def _finish(
    d: _Draft,
    revenues: dict[int, dict[str, float]],
    distributions: dict[int, float],
    margins: dict[int, float],
    transfers: dict[int, float],
    in_deficit: dict[int, set[str]],
    rng: np.random.Generator,
) -> SampleTlo:
    e = d.entry
    amounts: dict[str, dict[int, float]] = {}
    profits: dict[int, float] = {}
    for fy in d.years:
        revenue = revenues[fy]
        for item, value in revenue.items():
            amounts.setdefault(item, {})[fy] = value
        total = sum(revenue.values())
        deficit = None if e.internal or fy not in in_deficit else e.id in in_deficit[fy]
        floor = -6.0 if e.internal else -1.5
        profits[fy] = _target_profit(total, margins[fy], deficit, floor, rng)
        distribution = distributions[fy]
        rest = total - profits[fy] - distribution
        personnel, patent, other, admin = (
            part[fy] or 0.0 for part in split({fy: rest}, d.cost_shares)
        )
        share = d.first if fy == e.approved_fy else 1.0
        figures = {
            "personnel_cost": personnel, "patent_cost": patent, "distribution_cost": distribution,
            "admin_cost": admin, "other_expenses": other,
            "licenses_executed": transfers[fy],
            "patent_applications": float(round(d.size * d.ramp(fy, 2.0) / share * 30
                                               * float(rng.lognormal(0, 0.25)))),
            "staff": float(max(1, round(personnel / share / 4.5e6))),
        }  # fmt: skip
        for item, value in figures.items():
            amounts.setdefault(item, {})[fy] = value
    if not e.internal and e.id not in NO_NET_ASSETS:
        amounts["net_assets"] = _net_assets(d, profits, rng)
        if e.style.value == "corporate":
            amounts["cash"] = {
                fy: round_thousand(v * float(rng.uniform(0.6, 1.1)))
                for fy, v in amounts["net_assets"].items()
            }
    return SampleTlo(e, e.profile(d.date), d.years, amounts)
