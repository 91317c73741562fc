"""Reports of assess, rank and sector: their JSON documents and their tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tlo_cli.model import ITEMS, Assessment, Reading, Unit, finite_or_none, profile_dict
from tlo_cli.render.explain import rank_footnotes, reading_line
from tlo_cli.render.tables import Col, Column, TableData, fmt_value

if TYPE_CHECKING:
    from tlo_cli.ledger.load import Skipped
    from tlo_cli.metrics.assess import CohortAssessment, Settings
    from tlo_cli.metrics.sector import Sector

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


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


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


@dataclass(frozen=True, slots=True)
class AssessReport:
    """`tlo assess`: one TLO's statement, trend, verdict and projection."""

    assessment: Assessment
    reading: Reading | None = None  # how the ledger's statement was read

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {
            "tlo": {
                **tlo_dict(a),
                **{k: v for k, v in profile_dict(a.profile).items() if k not in tlo_dict(a)},
            },
            "unit": "JPY",
            "as_of": a.as_of,
            "years": [y.to_dict() for y in a.years],
            "trend": a.trend.to_dict(),
            "risk": a.risk.to_dict(),
            "score": a.score,
            "vulnerability": a.vulnerability.to_dict(),
            "warnings": [w.to_dict() for w in a.warnings],
            **({"reading": self.reading.to_dict()} if self.reading else {}),
        }

    def tables(self) -> list[TableData]:
        a = self.assessment
        p = a.profile
        years = [y.fiscal_year for y in a.years]
        rows: list[dict[str, Any]] = []
        for item in ITEMS:
            if any(item in y.items for y in a.years):
                kind = (
                    Col.INT
                    if item in ("licenses_executed", "patent_applications", "staff")
                    else Col.YEN
                )
                rows.append(
                    {
                        "line": item,
                        "_kind": kind,
                        **{str(y.fiscal_year): y.items.get(item) for y in a.years},
                    }
                )
        for name, kind in (
            ("revenue", Col.YEN),
            ("expenses", Col.YEN),
            ("ordinary_profit", Col.YEN),
            ("ordinary_profit_ex_subsidy", Col.YEN),
            ("subsidy_dependence", Col.RATIO),
            ("margin", Col.RATIO),
            ("margin_ex_subsidy", Col.RATIO),
        ):
            rows.append(
                {
                    "line": name,
                    "_kind": kind,
                    **{str(y.fiscal_year): getattr(y, name) for y in a.years},
                }
            )
        statement = TableData(
            f"{p.name} ({p.id}) — statement to FY{a.as_of}",
            [Column("line", "line item"), *(Column(str(fy), f"FY{fy}", Col.YEN) for fy in years)],
            rows,
            [_sentence(reading_line(self.reading))] if self.reading else [],
        )
        r, t = a.risk, a.trend
        verdict = TableData(
            f"Risk as of FY{a.as_of}: {r.level.value}",
            [Column("code", "rule"), Column("message", "why")],
            [{"code": x.code, "message": x.message} for x in r.reasons]
            or [{"code": "none", "message": "No risk rule fired."}],
            [
                (
                    f"Approved FY{p.approved_fy}, subsidy to FY{p.subsidy_end_fy}."
                    if p.approved_fy
                    else "Approval year unknown: the subsidy is taken as ended."
                ),
                f"Licensing CAGR {fmt_value(t.licensing_cagr, Col.RATIO, Unit.YEN)} over FY{t.window[0]}–FY{t.window[1]}, "
                f"peak {('FY' + str(t.peak_fiscal_year)) if t.peak_fiscal_year else '—'}, "
                f"drawdown {fmt_value(t.drawdown_from_peak, Col.RATIO, Unit.YEN)}; "
                f"runway {fmt_value(r.runway_years, Col.NUMBER, Unit.YEN)} years"
                + (f" ({r.runway_note})" if r.runway_note else "")
                + f"; break-even licensing income {fmt_value(r.breakeven_licensing_income, Col.YEN, Unit.THOUSAND)} 千円.",
            ],
        )
        projection = TableData(
            "Projection",
            [
                Column("fiscal_year", "FY", Col.YEAR),
                Column("licensing_income", "licensing income", Col.YEN),
                Column("subsidy_income", "subsidy", Col.YEN),
                Column("revenue", "revenue", Col.YEN),
                Column("expenses", "expenses", Col.YEN),
                Column("ordinary_profit", "ordinary profit", Col.YEN),
            ],
            [pr.to_dict() for pr in r.projection],
            [
                "Licensing: mean of the last 3 years × (1 + CAGR clipped to ±30%)^k; other items at their 3-year mean."
            ],
        )
        return [statement, verdict, projection]


@dataclass(frozen=True, slots=True)
class RankReport:
    """`tlo rank`: every TLO with data for as-of, best first, and the inputs left out."""

    cohort: CohortAssessment
    skipped: Sequence[Skipped] = field(default=())
    top: int | None = None
    readings: Mapping[str, Reading] = field(default_factory=dict)  # by TLO id

    @property
    def ranked(self) -> tuple[Assessment, ...]:
        return self.cohort.assessments[: self.top] if self.top else self.cohort.assessments

    def summary(self) -> dict[str, int]:
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
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.cohort.as_of,
            "unit": "JPY",
            "tlos": [
                {
                    "rank": n,
                    **tlo_dict(a),
                    "score": a.score,
                    "revenue": a.current.revenue,
                    "ordinary_profit": a.current.ordinary_profit,
                    "ordinary_profit_ex_subsidy": a.current.ordinary_profit_ex_subsidy,
                    "subsidy_dependence": finite_or_none(a.current.subsidy_dependence),
                    "margin_ex_subsidy": finite_or_none(a.current.margin_ex_subsidy),
                    "licensing_cagr": finite_or_none(a.trend.licensing_cagr),
                    "runway_years": finite_or_none(a.risk.runway_years),
                    "risk_level": a.risk.level.value,
                    "at_risk": a.risk.at_risk,
                    "reasons": [r.code for r in a.risk.reasons],
                    "vulnerability_flags": list(a.vulnerability.flags),
                    "severely_vulnerable": a.vulnerability.severely_vulnerable,
                    **(
                        {"reading": self.readings[a.profile.id].to_dict()}
                        if a.profile.id in self.readings
                        else {}
                    ),
                }
                for n, a in enumerate(self.ranked, start=1)
            ],
            "summary": self.summary(),
            "skipped": [s.to_dict() for s in self.skipped],
            "not_ranked": [n.to_dict() for n in self.cohort.not_ranked],
            "settings": settings_dict(self.cohort.settings),
        }

    def tables(self) -> list[TableData]:
        rows = []
        for n, a in enumerate(self.ranked, start=1):
            rows.append(
                {
                    "rank": n,
                    "id": a.profile.id,
                    "name": a.profile.name,
                    "form": a.profile.form.value if a.profile.form else None,
                    "region": a.profile.region.value if a.profile.region else None,
                    "score": a.score,
                    "ordinary_profit": a.current.ordinary_profit,
                    "ordinary_profit_ex_subsidy": a.current.ordinary_profit_ex_subsidy,
                    "subsidy_dependence": a.current.subsidy_dependence,
                    "licensing_cagr": a.trend.licensing_cagr,
                    "trend": sparkline(
                        [
                            y.items.get("licensing_income")
                            for y in a.years
                            if y.fiscal_year >= a.trend.window[0]
                        ]
                    ),
                    "risk_level": a.risk.level.value,
                }
            )
        s = self.summary()
        notes = [
            f"FY{self.cohort.as_of}: {s['tlos']} TLOs ranked, {s['external']} external; "
            f"{s['deficit']} in deficit ({s['deficit_external']} external); {s['at_risk']} at risk "
            f"({s['high']} high).",
        ]
        notes += [f"Not ranked: {n.id} — {n.reason}" for n in self.cohort.not_ranked]
        notes += [f"Skipped: {sk.error}" for sk in self.skipped]
        notes += rank_footnotes(
            {
                a.profile.id: self.readings[a.profile.id]
                for a in self.ranked
                if a.profile.id in self.readings
            }
        )
        return [
            TableData(
                f"TLO health ranking, FY{self.cohort.as_of}",
                [
                    Column("rank", "#", Col.INT),
                    Column("id", "id"),
                    Column("name", "name"),
                    Column("form", "form"),
                    Column("region", "region"),
                    Column("score", "score", Col.NUMBER),
                    Column("ordinary_profit", "ordinary profit", Col.YEN),
                    Column("ordinary_profit_ex_subsidy", "ex subsidy", Col.YEN),
                    Column("subsidy_dependence", "subsidy dep.", Col.RATIO),
                    Column("licensing_cagr", "licensing CAGR", Col.RATIO),
                    Column("trend", "licensing"),
                    Column("risk_level", "risk", Col.LEVEL),
                ],
                rows,
                notes,
            )
        ]


@dataclass(frozen=True, slots=True)
class SectorReport:
    """`tlo sector`: the sector by fiscal year."""

    sector: Sector
    skipped: Sequence[Skipped] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {**self.sector.to_dict(), "skipped": [s.to_dict() for s in self.skipped]}

    def tables(self) -> list[TableData]:
        peaks = self.sector.to_dict()["peaks"]
        return [
            TableData(
                "TLO sector by fiscal year",
                [
                    Column("fiscal_year", "FY", Col.YEAR),
                    Column("tlos", "TLOs", Col.INT),
                    Column("external", "external", Col.INT),
                    Column("deficit_external", "external in deficit", Col.INT),
                    Column("licensing_income", "licensing income", Col.YEN),
                    Column("licenses_executed", "transfers", Col.INT),
                    Column("subsidy_income", "subsidy", Col.YEN),
                    Column("ordinary_profit", "ordinary profit", Col.YEN),
                ],
                [y.to_dict() for y in self.sector.years],
                [
                    f"Licensing income peaks in FY{peaks['licensing_income_fy']}; "
                    f"transfers (licenses executed) peak in FY{peaks['licenses_executed_fy']}.",
                    "External = not inside a university; deficit = ordinary profit (経常利益) below zero.",
                ],
            )
        ]
