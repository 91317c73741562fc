"""The methodology entries of the consolidation scenarios and the simulation, with their
default assumptions (the scenarios' own modules hold the values)."""

from __future__ import annotations

from tlo_cli.metrics.methodology import (
    DOC_SCENARIOS,
    DOC_SIMULATION,
    MEXT_REVIEW,
    Entry,
    _pct,
)


def scenario_entries() -> list[Entry]:
    """The consolidation scenarios and the simulation, with their default assumptions."""
    from tlo_cli.scenarios.alliance import AllianceAssumptions
    from tlo_cli.scenarios.growth import PRIOR_DEGREES, SIGMA_FLOOR
    from tlo_cli.scenarios.internalize import InternalizeAssumptions
    from tlo_cli.scenarios.merge import INTEGRATION_COST_SHARE, MergeAssumptions
    from tlo_cli.scenarios.spread import MIN_CLIFFS, SPREAD_FLOOR

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
        Entry(sm, "admin savings", "admin cost × (1 − s)", _pct(m.admin_savings), DOC_SCENARIOS),
        Entry(
            sm,
            "personnel savings",
            "personnel cost × (1 − s)",
            _pct(m.personnel_savings),
            DOC_SCENARIOS,
        ),
        Entry(
            sm,
            "integration cost",
            "one-off, in the first projected year; default a share of the members' combined admin cost",
            _pct(INTEGRATION_COST_SHARE),
            DOC_SCENARIOS,
        ),
        Entry(
            sm,
            "phase-in",
            "share of the savings in each projected year (the last share holds after)",
            phase,
            DOC_SCENARIOS,
        ),
        Entry(
            si, "membership kept", "membership income × k", _pct(i.keep_membership), DOC_SCENARIOS
        ),
        Entry(
            si,
            "admin savings",
            "admin cost × (1 − s), shared university services",
            _pct(i.admin_savings),
            DOC_SCENARIOS,
        ),
        Entry(
            si,
            "university share",
            "that share of distributions stays inside the university; its change in position = unit net result − distributions it received before − admin its services absorb (admin moved × --marginal-cost, default 50%); a one-off --transition-cost (default 25% of personnel)",
            _pct(i.university_share),
            DOC_SCENARIOS,
        ),
        Entry(
            sa,
            "patent savings",
            "patent cost × (1 − s), shared patent management",
            _pct(a.patent_savings),
            DOC_SCENARIOS,
        ),
        Entry(sa, "admin savings", "admin cost × (1 − s)", _pct(a.admin_savings), DOC_SCENARIOS),
        Entry(
            sa,
            "licensing uplift",
            "licensing income × (1 + u), joint marketing",
            _pct(a.licensing_uplift),
            DOC_SCENARIOS,
        ),
        Entry(
            sa,
            "fee",
            "paid by each member but the hub to the hub (--hub, default the largest by revenue), yen a year; the hub bears --secretariat-cost (default the fees); distributions follow a licensing uplift at each payout ratio",
            f"¥{a.fee:,.0f}",
            DOC_SCENARIOS,
        ),
        Entry(
            mc,
            "licensing growth",
            "yearly log-growth = μ + common yearly shock + Student-t noise (ν 4): μ shrunk toward the sector's recent value-weighted growth by the empirical-Bayes weight and drawn per path from its uncertainty (the sector growth's standard error, the TLO's posterior spread); σ pooled with the cohort's; distributions at the payout ratio",
            f"σ ≥ {SIGMA_FLOOR:g}; prior worth {PRIOR_DEGREES:g} years",
            DOC_SIMULATION,
        ),
        Entry(
            mc,
            "other revenue",
            "membership, contract, other income and operating grants: a random walk in logs, a common yearly shock plus Normal noise, both spreads estimated from the cohort's yearly log-changes up to as-of (pooled)",
            f"σ ≥ {SPREAD_FLOOR:g}",
            DOC_SIMULATION,
        ),
        Entry(
            mc,
            "costs",
            "grow at --cost-growth a year plus a common yearly shock and Normal noise estimated like other revenue's; in the first year without the subsidy they change by the cohort's mean log-change at past cliffs (beyond the other TLOs' that year)",
            f"σ ≥ {SPREAD_FLOOR:g}; growth 0; cliff change from ≥ {MIN_CLIFFS} past cliffs",
            DOC_SIMULATION,
        ),
        Entry(
            mc,
            "deficit",
            "ordinary profit below −1% of expenses, as in the backtest",
            "materiality 1%",
            DOC_SIMULATION,
        ),
        Entry(
            mc,
            "paths, years, seed",
            "vectorised, in chunks of bounded memory; the same seed gives the same output",
            "10,000 paths, 5 years, seed 0",
            DOC_SIMULATION,
        ),
    ]
