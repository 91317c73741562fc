"""Every formula, threshold and default assumption in force, with its source.

`tlo methodology` prints it (after the options given), and docs/methodology.md embeds the
default version, checked by a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tlo_cli.render.tables import Column, TableData

if TYPE_CHECKING:
    from tlo_cli.metrics.assess import Settings

MEXT = "MEXT 2009, (8) 承認TLOについて"
MEXT_REVIEW = "MEXT 2009, (6) 中長期的な視点に立ったTLOの見直し"
TC = "Tuckman & Chang 1991"
SPEC = "tlo SPEC §4"
SPEC_SCENARIOS = "tlo SPEC §5 (see docs/scenarios.md)"
SPEC_SIMULATION = "tlo SPEC §6 (see docs/scenarios.md)"
JUDGMENT = "tlo default (analyst judgment; override with the option)"

SOURCES = {
    MEXT: "文部科学省 (MEXT), 2009: 産学官連携の現状, section (8) 承認TLOについて — 47 approved TLOs; "
    "the METI subsidy covering part of costs for five years from approval; of the 32 TLOs outside "
    "universities, 11 (34%) had negative ordinary profit (経常利益) in FY2007, rising each year "
    "FY2005–FY2007; royalty income peaked in FY2005 and transfers in FY2006.",
    MEXT_REVIEW: "文部科学省 (MEXT), 2009, (6): review options — wide-area TLOs, integration with "
    "the university's liaison office, alliances by field or region.",
    TC: "Tuckman, H. P. & Chang, C. F. (1991). A methodology for measuring the financial "
    "vulnerability of charitable nonprofit organizations. Nonprofit and Voluntary Sector "
    "Quarterly 20(4), 445–460.",
}


@dataclass(frozen=True, slots=True)
class Entry:
    section: str
    name: str
    rule: str
    value: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Methodology:
    """The entries in force, grouped by section in order."""

    entries: tuple[Entry, ...]
    sources: dict[str, str] = field(default_factory=lambda: dict(SOURCES))

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [e.to_dict() for e in self.entries], "sources": self.sources}

    def tables(self) -> list[TableData]:
        sections: list[str] = []
        for entry in self.entries:
            if entry.section not in sections:
                sections.append(entry.section)
        columns = [
            Column("name", "figure / threshold"),
            Column("rule", "rule"),
            Column("value", "in force"),
            Column("source", "source"),
        ]
        tables = [
            TableData(section, columns, [e.to_dict() for e in self.entries if e.section == section])
            for section in sections
        ]
        tables.append(
            TableData(
                "Sources",
                [Column("key", "cited as"), Column("reference", "reference")],
                [{"key": k, "reference": v} for k, v in self.sources.items()],
            )
        )
        return tables


def _pct(x: float) -> str:
    return f"{x:.0%}"


def figure_entries(settings: Settings) -> list[Entry]:
    """Statement figures, trend, projection, risk, score and vulnerability."""
    t, w = settings.thresholds, settings.weights
    s, r, k, v = (
        "Statement figures",
        "Trend and projection",
        "Risk level",
        "Score and vulnerability",
    )
    return [
        Entry(
            s, "revenue", "licensing + membership + contract + subsidy + other income", "—", SPEC
        ),
        Entry(
            s, "expenses", "personnel + patent + distribution + admin + other expenses", "—", SPEC
        ),
        Entry(
            s,
            "ordinary profit (経常利益)",
            "revenue − expenses (当期経常増減額 for a 財団)",
            "—",
            MEXT,
        ),
        Entry(s, "ordinary profit ex subsidy", "ordinary profit − subsidy income", "—", SPEC),
        Entry(
            s, "subsidy dependence", "subsidy income / revenue; null when revenue is 0", "—", SPEC
        ),
        Entry(s, "margin", "ordinary profit / revenue; null when revenue is 0", "—", SPEC),
        Entry(
            s,
            "margin ex subsidy",
            "ordinary profit ex subsidy / (revenue − subsidy income)",
            "—",
            SPEC,
        ),
        Entry(
            s,
            "subsidy window",
            "approved_fy … approved_fy + subsidy_years − 1 (approval year counts as the first)",
            "5 fiscal years unless the profile says otherwise",
            MEXT,
        ),
        Entry(s, "deficit", "ordinary profit < 0 in the fiscal year", "—", MEXT),
        Entry(r, "window", "fiscal years of licensing trend up to as-of", f"{t.window}", SPEC),
        Entry(
            r,
            "licensing CAGR",
            "(last positive / first positive)^(1 / fiscal years between) − 1 within the window; null with fewer than two",
            "—",
            SPEC,
        ),
        Entry(
            r, "licensing slope", "least-squares yen per fiscal year within the window", "—", SPEC
        ),
        Entry(
            r,
            "peak and drawdown",
            "fiscal year of the window's maximum (earliest on a tie); 1 − as-of / peak",
            "—",
            SPEC,
        ),
        Entry(
            r,
            "runway",
            "net assets / −ordinary profit ex subsidy when that is negative; unlimited without a loss; unknown without net assets",
            "—",
            SPEC,
        ),
        Entry(
            r,
            "break-even licensing income",
            "max(0, licensing − ordinary profit ex subsidy), other items held",
            "—",
            SPEC,
        ),
        Entry(r, "horizon", "projected fiscal years after as-of", f"{t.horizon}", SPEC),
        Entry(
            r,
            "projected licensing",
            f"mean of the last {t.base_years} years × (1 + g)^k, g = CAGR clipped to ±{_pct(t.growth_clip)} (0 when unknown)",
            f"±{_pct(t.growth_clip)}",
            SPEC,
        ),
        Entry(
            r,
            "projected other items",
            f"mean of the last {t.base_years} years; subsidy = as-of subsidy while fy ≤ subsidy end, else 0 (0 when approval is unknown)",
            "—",
            SPEC,
        ),
        Entry(
            r,
            "as-of default",
            "one TLO: its latest year; a cohort: the year most TLOs have data for (later on a tie)",
            "—",
            SPEC,
        ),
        Entry(
            k,
            "high",
            f"deficit in the as-of year, or in the first projected year after the subsidy ends, and runway under {t.runway_years:g} years or unknown",
            f"runway < {t.runway_years:g}",
            JUDGMENT,
        ),
        Entry(
            k,
            "medium: projected deficit",
            f"a projected deficit within the horizon with runway ≥ {t.runway_years:g} years (or no loss ex subsidy), or one the high rule does not cover",
            "—",
            SPEC,
        ),
        Entry(
            k,
            "medium: subsidy cliff",
            f"subsidy dependence > {_pct(t.subsidy_dependence)} in the as-of year and as-of ≤ subsidy end < as-of + horizon",
            _pct(t.subsidy_dependence),
            JUDGMENT,
        ),
        Entry(
            k,
            "medium: licensing decline",
            f"licensing CAGR < {_pct(t.licensing_decline)} while margin ex subsidy < {_pct(t.margin_ex_subsidy)}",
            f"{_pct(t.licensing_decline)} / {_pct(t.margin_ex_subsidy)}",
            JUDGMENT,
        ),
        Entry(
            k,
            "level and at-risk",
            "the highest rule that fires; every rule that fired is listed; at risk = high or medium",
            "—",
            SPEC,
        ),
        Entry(
            v,
            "score",
            "100 × weighted mean of cohort percentile ranks (0 worst … 1 best; ties share the average rank; unknown = 0; a cohort of one = 0.5)",
            f"weights margin {w.margin_ex_subsidy:g}, dependence {w.subsidy_dependence:g}, CAGR {w.licensing_cagr:g}, runway {w.runway:g}",
            SPEC,
        ),
        Entry(
            v,
            "score components",
            "margin ex subsidy (higher better), subsidy dependence (lower better), licensing CAGR (higher better), runway (higher better, capped at 10 years)",
            "cap 10 years",
            SPEC,
        ),
        Entry(v, "rank ties", "score, then ordinary profit (higher first), then id", "—", SPEC),
        Entry(v, "equity ratio", "net assets / revenue (low is vulnerable)", "—", TC),
        Entry(
            v,
            "revenue concentration",
            "Herfindahl index Σ (revenue item / revenue)² (high is vulnerable)",
            "—",
            TC,
        ),
        Entry(
            v,
            "administrative share",
            "admin cost / expenses (low is vulnerable: nothing left to cut)",
            "—",
            TC,
        ),
        Entry(v, "operating margin", "ordinary profit / revenue (low is vulnerable)", "—", TC),
        Entry(
            v,
            "vulnerability flags",
            "worst quintile of the cohort on a ratio (20th / 80th percentile, linear); all four = severely vulnerable",
            "20%",
            TC,
        ),
    ]


def scenario_entries() -> list[Entry]:
    """The consolidation scenarios and the simulation, with their default assumptions."""
    from tlo_cli.scenarios.alliance import AllianceAssumptions
    from tlo_cli.scenarios.growth import PRIOR_DEGREES, SIGMA_FLOOR
    from tlo_cli.scenarios.internalize import InternalizeAssumptions
    from tlo_cli.scenarios.merge import INTEGRATION_COST_SHARE, MergeAssumptions
    from tlo_cli.scenarios.montecarlo import COST_SIGMA

    m, i, a = MergeAssumptions(), InternalizeAssumptions(), AllianceAssumptions()
    sm, si, sa, mc = "Scenario: merge", "Scenario: internalize", "Scenario: alliance", "Simulation"
    phase = ", ".join(f"{p:g}" for p in m.phase_in)
    return [
        Entry(
            sm,
            "members",
            "line items add up; each member's subsidy runs to its own end; --region merges a region's external TLOs, --by-region every region's",
            "—",
            MEXT_REVIEW,
        ),
        Entry(sm, "admin savings", "admin cost × (1 − s)", _pct(m.admin_savings), SPEC_SCENARIOS),
        Entry(
            sm,
            "personnel savings",
            "personnel cost × (1 − s)",
            _pct(m.personnel_savings),
            SPEC_SCENARIOS,
        ),
        Entry(
            sm,
            "integration cost",
            "one-off, in the first projected year; default a share of the members' combined admin cost",
            _pct(INTEGRATION_COST_SHARE),
            SPEC_SCENARIOS,
        ),
        Entry(
            sm,
            "phase-in",
            "share of the savings in each projected year (the last share holds after)",
            phase,
            SPEC_SCENARIOS,
        ),
        Entry(
            si, "membership kept", "membership income × k", _pct(i.keep_membership), SPEC_SCENARIOS
        ),
        Entry(
            si,
            "admin savings",
            "admin cost × (1 − s), shared university services",
            _pct(i.admin_savings),
            SPEC_SCENARIOS,
        ),
        Entry(
            si,
            "university share",
            "that share of distributions stays inside the university; its change in position = unit net result − distributions it received before − admin its services absorb (admin moved × --marginal-cost, default 50%); a one-off --transition-cost (default 25% of personnel)",
            _pct(i.university_share),
            SPEC_SCENARIOS,
        ),
        Entry(
            sa,
            "patent savings",
            "patent cost × (1 − s), shared patent management",
            _pct(a.patent_savings),
            SPEC_SCENARIOS,
        ),
        Entry(sa, "admin savings", "admin cost × (1 − s)", _pct(a.admin_savings), SPEC_SCENARIOS),
        Entry(
            sa,
            "licensing uplift",
            "licensing income × (1 + u), joint marketing",
            _pct(a.licensing_uplift),
            SPEC_SCENARIOS,
        ),
        Entry(
            sa,
            "fee",
            "paid by each member but the hub to the hub (--hub, default the largest by revenue), yen a year; the hub bears --secretariat-cost (default the fees); distributions follow a licensing uplift at each payout ratio",
            f"¥{a.fee:,.0f}",
            SPEC_SCENARIOS,
        ),
        Entry(
            mc,
            "licensing growth",
            "yearly log-growth = μ + common yearly shock + Student-t noise (ν 4): μ shrunk toward the sector's recent value-weighted growth by the empirical-Bayes weight; σ pooled with the cohort's; distributions at the payout ratio",
            f"σ ≥ {SIGMA_FLOOR:g}; prior worth {PRIOR_DEGREES:g} years",
            SPEC_SIMULATION,
        ),
        Entry(
            mc,
            "costs",
            "grow at --cost-growth a year plus Normal noise",
            f"σ {COST_SIGMA:g}; growth 0",
            SPEC_SIMULATION,
        ),
        Entry(
            mc,
            "paths, years, seed",
            "vectorised, in chunks of bounded memory; the same seed gives the same output",
            "10,000 paths, 5 years, seed 0",
            SPEC_SIMULATION,
        ),
    ]


def methodology(settings: Settings, extra: Sequence[Entry] = ()) -> Methodology:
    """The methodology in force for ``settings``, then the scenarios and the simulation."""
    return Methodology(tuple(figure_entries(settings)) + tuple(scenario_entries()) + tuple(extra))


def default_methodology() -> Methodology:
    """The methodology with every default in force."""
    from tlo_cli.metrics.assess import Settings

    return methodology(Settings())
