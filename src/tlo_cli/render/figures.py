"""Reports of assess, rank and sector: their JSON documents and their tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tlo_cli.model import ITEMS, Assessment, Reading, Unit, profile_dict
from tlo_cli.render.explain import reading_line
from tlo_cli.render.rank import RankReport, settings_dict, sparkline, tlo_dict
from tlo_cli.render.sector import SectorReport
from tlo_cli.render.tables import Col, Column, TableData, fmt_value

__all__ = [
    "AssessReport",
    "RankReport",
    "SectorReport",
    "settings_dict",
    "sparkline",
    "tlo_dict",
]

if TYPE_CHECKING:
    pass


def _figures_note(a: Assessment) -> str:
    f = a.figures

    def ratio(name: str) -> str:
        return fmt_value(f.get(name), Col.RATIO, Unit.YEN)

    return (
        f"Payout ratio {ratio('payout_ratio')}; self-sustainability "
        f"{fmt_value(f.get('self_sustainability'), Col.NUMBER, Unit.YEN)}; cost coverage "
        f"{fmt_value(f.get('cost_coverage'), Col.NUMBER, Unit.YEN)}; cash "
        f"{fmt_value(f.get('cash_months'), Col.NUMBER, Unit.YEN)} months; recurring ordinary "
        f"profit {fmt_value(f.get('recurring_ordinary_profit'), Col.YEN, Unit.THOUSAND)} 千円."
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


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
            "figures": dict(a.figures),
            "usable_years": a.usable_years,
            "risk": a.risk.to_dict(),
            "score": None,
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
                    f"Approved FY{p.approved_fy}, subsidy to FY{p.subsidy_end_fy}; "
                    f"{a.usable_years} usable years (after the approval year) to FY{a.as_of}."
                    if p.approved_fy
                    else "Approval year unknown: the subsidy is taken as ended."
                ),
                f"Licensing trend {fmt_value(t.licensing_trend, Col.RATIO, Unit.YEN)} a year, "
                f"CAGR {fmt_value(t.licensing_cagr, Col.RATIO, Unit.YEN)} ({t.span}), "
                f"peak {('FY' + str(t.peak_fiscal_year)) if t.peak_fiscal_year else '—'}, "
                f"drawdown {fmt_value(t.drawdown_from_peak, Col.RATIO, Unit.YEN)}; "
                f"runway {fmt_value(r.runway_years, Col.NUMBER, Unit.YEN)} years"
                + (f" ({r.runway_note})" if r.runway_note else "")
                + f"; break-even licensing income {fmt_value(r.breakeven_licensing_income, Col.YEN, Unit.THOUSAND)} 千円.",
                _figures_note(a),
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
                "Licensing: mean of the last up to 3 usable years, grown at the licensing trend "
                "clipped to ±30% (young TLOs: the cohort's growth at the same age); distributions "
                "at the payout ratio; other costs at the as-of run-rate; one-off income 0.",
                f"Runs to FY{r.projection[-1].fiscal_year if r.projection else a.as_of}"
                + (f", through the cliff year FY{r.cliff_fy}." if r.cliff_fy else "."),
            ],
        )
        return [statement, verdict, projection]
