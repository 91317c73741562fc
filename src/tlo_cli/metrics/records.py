"""Records of an assessment built from the cohort's arrays: the statement years of one TLO and
the Tuckman–Chang vulnerability of every TLO."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from tlo_cli.metrics import vulnerability
from tlo_cli.model import ITEMS, Ledger, Vulnerability, YearFigures, finite_or_none

if TYPE_CHECKING:
    from tlo_cli.metrics.assess import Figures


def vulnerabilities(
    items: dict[str, np.ndarray], fig: Figures, j: int, has_assets: np.ndarray
) -> list[Vulnerability]:
    """Tuckman–Chang ratios in the as-of year and the cohort's worst-quintile flags."""
    net_assets = np.where(has_assets, items["net_assets"][:, j], np.nan)
    ratios = {
        "equity_ratio": vulnerability.equity_ratio(net_assets, fig.revenue[:, j]),
        "revenue_concentration": vulnerability.revenue_concentration(
            {name: items[name][:, j] for name in ITEMS}
        ),
        "admin_share": vulnerability.admin_share(items["admin_cost"][:, j], fig.expenses[:, j]),
        "margin": fig.margin[:, j],
    }
    flags = vulnerability.vulnerable_flags(ratios)
    ratios_l = {name: values.tolist() for name, values in ratios.items()}
    flags_l = {name: values.tolist() for name, values in flags.items()}
    return [
        Vulnerability(
            equity_ratio=finite_or_none(ratios_l["equity_ratio"][k]),
            revenue_concentration=finite_or_none(ratios_l["revenue_concentration"][k]),
            admin_share=finite_or_none(ratios_l["admin_share"][k]),
            margin=finite_or_none(ratios_l["margin"][k]),
            flags=tuple(name for name in ratios if flags_l[name][k]),
        )
        for k in range(len(has_assets))
    ]


def ledger_span(years: Sequence[int]) -> str:
    return f"FY{years[0]} only" if years[0] == years[-1] else f"FY{years[0]}–FY{years[-1]}"


def years_of(
    ledger: Ledger,
    col: dict[int, int],
    k: int,
    items: dict[str, list[list[float]]],
    figs: dict[str, list[list[float]]],
    as_of: int,
    *,
    only: int | None = None,
) -> tuple[YearFigures, ...]:
    listed = [(name, items[name][k]) for name in ITEMS if name in ledger.amounts]
    rev, exp = figs["revenue"][k], figs["expenses"][k]
    op, opx = figs["ordinary_profit"][k], figs["ordinary_profit_ex_subsidy"][k]
    dep, mar, marx = figs["subsidy_dependence"][k], figs["margin"][k], figs["margin_ex_subsidy"][k]
    out = []
    for fy in ledger.years if only is None else (only,):
        if fy > as_of:
            break
        j = col[fy]
        out.append(
            YearFigures(
                fy,
                {name: row[j] for name, row in listed},
                rev[j],
                exp[j],
                op[j],
                opx[j],
                None if dep[j] != dep[j] else dep[j],  # NaN (undefined ratio) → None
                None if mar[j] != mar[j] else mar[j],
                None if marx[j] != marx[j] else marx[j],
            )
        )
    return tuple(out)
