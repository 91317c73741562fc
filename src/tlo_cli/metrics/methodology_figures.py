"""The methodology entries of the figures, the projection, the risk rules and the score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tlo_cli.metrics.methodology import (
    ALS,
    BACKTEST,
    DOC,
    JUDGMENT,
    MEXT,
    TC,
    Entry,
    _pct,
)

if TYPE_CHECKING:
    from tlo_cli.metrics.assess import Settings


def figure_entries(settings: Settings) -> list[Entry]:
    """Statement figures, trend, projection, risk, score and vulnerability."""
    return statement_entries(settings) + verdict_entries(settings)


def statement_entries(settings: Settings) -> list[Entry]:
    """Statement figures, usable years, trend and projection."""
    t = settings.thresholds
    s, r = "Statement figures", "Trend and projection"
    mat = _pct(t.materiality)
    return [
        Entry(
            s,
            "revenue",
            "licensing + membership + contract + subsidy + other income + operating grant + one-off income",
            "—",
            DOC,
        ),
        Entry(
            s, "expenses", "personnel + patent + distribution + admin + other expenses", "—", DOC
        ),
        Entry(
            s,
            "ordinary profit (経常利益)",
            "revenue − expenses (当期経常増減額 for a 財団), as stated",
            "—",
            MEXT,
        ),
        Entry(
            s,
            "one-off income",
            "gains on the sale of shares, securities or fixed assets, insurance received, debt forgiven: never recurring",
            "—",
            DOC,
        ),
        Entry(
            s,
            "recurring ordinary profit",
            "ordinary profit − one-off income; ex subsidy: − subsidy income too (what the rules, runway, break-even and score read)",
            "—",
            DOC,
        ),
        Entry(
            s,
            "subsidy dependence",
            "subsidy income / (revenue − one-off income); null when that is 0",
            "—",
            DOC,
        ),
        Entry(
            s,
            "margin; margin ex subsidy",
            "recurring ordinary profit / (revenue − one-off); ex subsidy: recurring profit ex subsidy / (revenue − one-off − subsidy)",
            "—",
            DOC,
        ),
        Entry(
            s,
            "payout ratio",
            "Σ distribution cost / Σ licensing income over the last up to 3 usable years, clipped to [0, 1]",
            "—",
            DOC,
        ),
        Entry(
            s,
            "self-sustainability",
            "(licensing − distributions) / (personnel + patent + admin + other expenses); ≥ 1 is self-sustaining",
            "—",
            ALS,
        ),
        Entry(
            s,
            "cost coverage",
            "(revenue − subsidy − operating grant − one-off income) / expenses",
            "—",
            DOC,
        ),
        Entry(
            s,
            "productivity",
            "licensing income per licence executed and per staff member; patent cost per licence (when the counts are given)",
            "—",
            DOC,
        ),
        Entry(s, "cash months", "cash / (expenses / 12)", "—", DOC),
        Entry(
            s,
            "subsidy window",
            "approved_fy … approved_fy + subsidy_years − 1 (approval year counts as the first)",
            "5 fiscal years unless the profile says otherwise",
            MEXT,
        ),
        Entry(
            s,
            "usable years",
            "fiscal years with data after the approval year (a partial year), up to as-of; all years when approval is unknown",
            "—",
            DOC,
        ),
        Entry(
            s,
            "deficit",
            f"a profit below −{mat} of that year's (projected) expenses; a smaller loss is break-even",
            mat,
            JUDGMENT,
        ),
        Entry(
            r,
            "window",
            "fiscal years of licensing trend up to as-of (usable years only)",
            f"{t.window}",
            DOC,
        ),
        Entry(
            r,
            "licensing CAGR",
            "(last positive / first positive)^(1 / fiscal years between) − 1; null with fewer than 3 usable years of positive licensing (insufficient history)",
            "3 years",
            DOC,
        ),
        Entry(
            r,
            "licensing trend",
            "exp(least-squares slope of ln licensing income on fiscal year) − 1 over the same points; same null rule",
            "3 years",
            DOC,
        ),
        Entry(
            r, "licensing slope", "least-squares yen per fiscal year within the window", "—", DOC
        ),
        Entry(
            r,
            "peak and drawdown",
            "fiscal year of the window's maximum (earliest on a tie); 1 − as-of / peak",
            "—",
            DOC,
        ),
        Entry(
            r,
            "runway (outside universities)",
            "net assets / −recurring ordinary profit ex subsidy when that is negative; unlimited without a loss; unknown without net assets; not applicable inside a university",
            "—",
            DOC,
        ),
        Entry(
            r,
            "break-even licensing income",
            "max(0, (run-rate costs other than distributions − other recurring revenue) / (1 − payout ratio)); null when the payout ratio is 1",
            "—",
            DOC,
        ),
        Entry(
            r,
            "horizon",
            "projected fiscal years after as-of; while the subsidy runs, the projection always reaches the cliff year (the first without it)",
            f"{t.horizon}",
            DOC,
        ),
        Entry(
            r,
            "projected licensing",
            f"mean of the last up to {t.base_years} usable years × (1 + g)^k, g = licensing trend clipped to ±{_pct(t.growth_clip)} (0 when null)",
            f"±{_pct(t.growth_clip)}",
            DOC,
        ),
        Entry(
            r,
            "young TLOs",
            f"with fewer than {t.young_years} usable years, g for each projected year = the median yearly licensing growth of the cohort's TLOs at that age, when at least {t.reference_min} exist; else 0",
            f"{t.reference_min} TLOs",
            BACKTEST,
        ),
        Entry(
            r,
            "projected costs and other items",
            "costs other than distributions at the as-of run-rate; distributions = payout ratio × projected licensing; other recurring revenue = mean of the last up to 3 usable years; one-off income 0; subsidy = as-of subsidy while fy ≤ subsidy end, else 0 (or the profile's continuing_subsidy, echoed in the reasons)",
            "—",
            DOC,
        ),
        Entry(
            r,
            "approval year",
            "judged with no usable year: bases = that year scaled to twelve months by the months since approval when the approval date is known; otherwise no rule reads the projection (insufficient history)",
            "—",
            DOC,
        ),
        Entry(
            r,
            "as-of default",
            "one TLO: its latest year; a cohort: the year most TLOs have data for (later on a tie)",
            "—",
            DOC,
        ),
    ]


def verdict_entries(settings: Settings) -> list[Entry]:
    """Risk rules, score and vulnerability."""
    t, w = settings.thresholds, settings.weights
    k, v = "Risk level", "Score and vulnerability"
    return [
        Entry(
            k,
            "high",
            f"a recurring deficit in the as-of year, or a projected deficit in the cliff year, while short: runway under {t.runway_years:g} years or unknown (outside universities) / cost coverage under {t.coverage_high:g} (inside)",
            f"runway < {t.runway_years:g}; coverage < {t.coverage_high:g}",
            JUDGMENT,
        ),
        Entry(
            k,
            "medium: subsidy cliff",
            f"while the subsidy runs (whatever its end year): dependence > {_pct(t.subsidy_dependence)} and a loss ex subsidy",
            _pct(t.subsidy_dependence),
            MEXT,
        ),
        Entry(
            k,
            "medium: projected deficit",
            "a deficit in any projected year, when no high rule fired",
            "—",
            DOC,
        ),
        Entry(
            k,
            "medium: licensing decline",
            f"licensing trend < {_pct(t.licensing_decline)} while margin ex subsidy < {_pct(t.margin_ex_subsidy)}",
            f"{_pct(t.licensing_decline)} / {_pct(t.margin_ex_subsidy)}",
            JUDGMENT,
        ),
        Entry(
            k,
            "medium: low coverage",
            f"inside a university, after the subsidy: cost coverage under {t.coverage_low:g}",
            f"{t.coverage_low:g}",
            JUDGMENT,
        ),
        Entry(
            k,
            "level and at-risk",
            "the highest rule that fires; every rule that fired is listed with its figures and years; at risk = high or medium",
            "—",
            DOC,
        ),
        Entry(
            k,
            "measured",
            "`tlo backtest` replays every as-of year against what followed: recall, precision and base rate per level",
            "—",
            BACKTEST,
        ),
        Entry(
            v,
            "score",
            "100 × weighted mean of percentile ranks within the peer group (external / internal; a group under 5 against the whole cohort); a missing component counts 0.5",
            f"weights margin {w.margin_ex_subsidy:g}, sustainability {w.self_sustainability:g}, trend {w.licensing_trend:g}, coverage {w.coverage:g}",
            DOC,
        ),
        Entry(
            v,
            "score components",
            "margin ex subsidy on recurring profit, self-sustainability, licensing trend, and runway capped at 10 years (external) / cost coverage (internal); higher is better on each",
            "cap 10 years",
            ALS,
        ),
        Entry(
            v,
            "too young to score",
            f"fewer than {t.young_years} fiscal years after approval: listed apart with its verdict, not scored",
            f"{t.young_years} years",
            DOC,
        ),
        Entry(
            v,
            "rank ties",
            "by group, then score, then ordinary profit (higher first), then id",
            "—",
            DOC,
        ),
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
        Entry(
            v,
            "operating margin",
            "recurring ordinary profit / revenue (low is vulnerable)",
            "—",
            TC,
        ),
        Entry(
            v,
            "vulnerability flags",
            "worst quintile of the cohort on a ratio (20th / 80th percentile, linear); all four = severely vulnerable",
            "20%",
            TC,
        ),
    ]
