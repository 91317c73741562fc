"""`tlo rank`: scored TLOs by peer group, the too-young ones apart, the cohort summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tlo_cli.model import Assessment, Reading, finite_or_none, profile_dict
from tlo_cli.render.explain import rank_footnotes
from tlo_cli.render.tables import Col, Column, TableData

if TYPE_CHECKING:
    from tlo_cli.ledger.load import Skipped
    from tlo_cli.metrics.assess import CohortAssessment, Settings

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """A tiny bar chart of a series (a space where a value is missing)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    return "".join(
        " "
        if v is None
        else SPARKS[0 if span == 0 else round((v - low) / span * (len(SPARKS) - 1))]
        for v in values
    )


def settings_dict(settings: Settings) -> dict[str, Any]:
    t, w = settings.thresholds, settings.weights
    return {
        "thresholds": {name: getattr(t, name) for name in t.__slots__},
        "weights": {name: getattr(w, name) for name in w.__slots__},
    }


def tlo_dict(a: Assessment) -> dict[str, Any]:
    p = profile_dict(a.profile)
    return {
        key: p[key]
        for key in ("id", "name", "form", "region", "internal", "approved_fy", "subsidy_end_fy")
    }


def ranked_dict(a: Assessment, rank: int | None) -> dict[str, Any]:
    """One TLO's row in rank's JSON (scored or too young)."""
    return {
        "rank": rank,
        **tlo_dict(a),
        "group": a.group,
        "score": a.score,
        "score_components": [c.to_dict() for c in a.score_components],
        "revenue": a.current.revenue,
        "ordinary_profit": a.current.ordinary_profit,
        "recurring_ordinary_profit": a.figures.get("recurring_ordinary_profit"),
        "ordinary_profit_ex_subsidy": a.current.ordinary_profit_ex_subsidy,
        "subsidy_dependence": finite_or_none(a.current.subsidy_dependence),
        "margin_ex_subsidy": finite_or_none(a.current.margin_ex_subsidy),
        "licensing_cagr": finite_or_none(a.trend.licensing_cagr),
        "licensing_trend": finite_or_none(a.trend.licensing_trend),
        "licensing_span": a.trend.span,
        "self_sustainability": a.figures.get("self_sustainability"),
        "cost_coverage": a.figures.get("cost_coverage"),
        "runway_years": finite_or_none(a.risk.runway_years),
        "usable_years": a.usable_years,
        "risk_level": a.risk.level.value,
        "at_risk": a.risk.at_risk,
        "reasons": [r.code for r in a.risk.reasons],
        "vulnerability_flags": list(a.vulnerability.flags),
        "severely_vulnerable": a.vulnerability.severely_vulnerable,
    }


@dataclass(frozen=True, slots=True)
class RankReport:
    """`tlo rank`: every TLO with data for as-of, best first, and the inputs left out."""

    cohort: CohortAssessment
    skipped: Sequence[Skipped] = field(default=())
    top: int | None = None
    readings: Mapping[str, Reading] = field(default_factory=dict)  # by TLO id

    def _reading(self, a: Assessment) -> dict[str, Any]:
        found = self.readings.get(a.profile.id)
        return {"reading": found.to_dict()} if found is not None else {}

    @property
    def scored(self) -> tuple[Assessment, ...]:
        """Scored TLOs, by group (external first), best first within each."""
        return tuple(a for a in self.cohort.assessments if not a.too_young)

    @property
    def ranked(self) -> tuple[Assessment, ...]:
        """The scored TLOs shown: the best ``top`` of each group with --top."""
        if not self.top:
            return self.scored
        return tuple(a for a, n in self._ranks() if n <= self.top)

    @property
    def too_young(self) -> tuple[Assessment, ...]:
        return tuple(a for a in self.cohort.assessments if a.too_young)

    def _ranks(self) -> list[tuple[Assessment, int]]:
        """Each scored TLO with its rank within its peer group."""
        seen: dict[str, int] = {}
        out = []
        for a in self.scored:
            seen[a.group] = seen.get(a.group, 0) + 1
            out.append((a, seen[a.group]))
        return out

    def summary(self) -> dict[str, int]:
        """Counts over every TLO with data for as-of, too-young ones included."""
        every = self.cohort.assessments
        return {
            "tlos": len(every),
            "external": sum(a.profile.internal is False for a in every),
            "deficit": sum(a.current.ordinary_profit < 0 for a in every),
            "deficit_external": sum(
                a.profile.internal is False and a.current.ordinary_profit < 0 for a in every
            ),
            "at_risk": sum(a.risk.at_risk for a in every),
            "high": sum(a.risk.level.value == "high" for a in every),
            "scored": len(self.scored),
            "too_young": len(self.too_young),
        }

    def to_dict(self) -> dict[str, Any]:
        shown = set(map(id, self.ranked))
        return {
            "as_of": self.cohort.as_of,
            "unit": "JPY",
            "tlos": [
                {**ranked_dict(a, n), **self._reading(a)}
                for a, n in self._ranks()
                if id(a) in shown
            ],
            "too_young": [
                {
                    "id": a.profile.id,
                    "name": a.profile.name,
                    "group": a.group,
                    "usable_years": a.usable_years,
                    "ordinary_profit": a.current.ordinary_profit,
                    "subsidy_dependence": finite_or_none(a.current.subsidy_dependence),
                    "risk_level": a.risk.level.value,
                    "at_risk": a.risk.at_risk,
                    "reasons": [r.to_dict() for r in a.risk.reasons],
                    **self._reading(a),
                }
                for a in self.too_young
            ],
            "summary": self.summary(),
            "skipped": [s.to_dict() for s in self.skipped],
            "not_ranked": [n.to_dict() for n in self.cohort.not_ranked],
            "settings": settings_dict(self.cohort.settings),
        }

    def _row(self, a: Assessment, rank: int | None) -> dict[str, Any]:
        return {
            "rank": rank,
            "group": a.group,
            "id": a.profile.id,
            "name": a.profile.name,
            "form": a.profile.form.value if a.profile.form else None,
            "region": a.profile.region.value if a.profile.region else None,
            "score": a.score,
            "ordinary_profit": a.current.ordinary_profit,
            "ordinary_profit_ex_subsidy": a.current.ordinary_profit_ex_subsidy,
            "subsidy_dependence": a.current.subsidy_dependence,
            "licensing_trend": a.trend.licensing_trend,
            "trend": sparkline(
                [
                    y.items.get("licensing_income")
                    for y in a.years
                    if y.fiscal_year > a.as_of - self.cohort.settings.thresholds.window
                ]
            ),
            "risk_level": a.risk.level.value,
        }

    def tables(self) -> list[TableData]:
        shown = set(map(id, self.ranked))
        rows = [self._row(a, n) for a, n in self._ranks() if id(a) in shown]
        s = self.summary()
        notes = [
            f"FY{self.cohort.as_of}: {s['tlos']} TLOs, {s['external']} external; "
            f"{s['deficit']} in deficit ({s['deficit_external']} external); {s['at_risk']} at risk "
            f"({s['high']} high); {s['scored']} scored within their peer group (external, "
            f"internal), {s['too_young']} too young to score.",
        ]
        notes += [f"Not ranked: {n.id} — {n.reason}" for n in self.cohort.not_ranked]
        notes += [f"Skipped: {sk.error}" for sk in self.skipped]
        listed = [*self.ranked, *self.too_young]
        notes += rank_footnotes(
            {
                a.profile.id: self.readings[a.profile.id]
                for a in listed
                if a.profile.id in self.readings
            }
        )
        columns = [
            Column("rank", "#", Col.INT),
            Column("id", "id"),
            Column("name", "name"),
            Column("form", "form"),
            Column("region", "region"),
            Column("group", "group"),
            Column("score", "score", Col.NUMBER),
            Column("ordinary_profit", "ordinary profit", Col.YEN),
            Column("ordinary_profit_ex_subsidy", "ex subsidy", Col.YEN),
            Column("subsidy_dependence", "subsidy dep.", Col.RATIO),
            Column("licensing_trend", "licensing trend", Col.RATIO),
            Column("trend", "licensing"),
            Column("risk_level", "risk", Col.LEVEL),
        ]
        tables = [TableData(f"TLO health ranking, FY{self.cohort.as_of}", columns, rows, notes)]
        if self.too_young:
            tables.append(
                TableData(
                    "Too young to score (fewer than 3 fiscal years after approval)",
                    [c for c in columns if c.key not in ("rank", "score", "licensing_trend")],
                    [self._row(a, None) for a in self.too_young],
                    ["Their verdict stands; a score would rank a partial start-up year."],
                )
            )
        return tables
