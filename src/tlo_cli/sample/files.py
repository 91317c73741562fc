"""Writing the sample set: one workbook per TLO and a README saying what the data is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tlo_cli.atomic import write_atomic, write_text_atomic
from tlo_cli.errors import Location, usage
from tlo_cli.metrics.sector import Sector, sector_by_year
from tlo_cli.model import Ledger, Profile, Unit
from tlo_cli.render.tables import Col, Column, TableData
from tlo_cli.render.workbook import write_ledger
from tlo_cli.sample.generate import SAMPLE_SEED, YEARS, SampleTlo, generate_sample

README = "README.md"


def sample_sector(tlos: Sequence[SampleTlo]) -> Sector:
    """The sector by fiscal year as generated, computed as `tlo sector` computes it."""
    ledgers = [
        Ledger(
            Profile(
                id=t.entry.id, name=t.entry.name, form=t.entry.form, approved_fy=t.entry.approved_fy
            ),
            Location(f"{t.entry.id}.xlsx"),
            t.years,
            t.amounts,
            Unit.YEN,
        )
        for t in tlos
    ]
    return sector_by_year(ledgers)


def _mix(tlos: Sequence[SampleTlo], attribute: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in tlos:
        key = str(getattr(t.entry, attribute).value)
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


@dataclass(frozen=True, slots=True)
class SampleSet:
    """What ``tlo sample`` wrote: the directory, the seed and every TLO."""

    directory: Path
    seed: int
    tlos: tuple[SampleTlo, ...]

    def files(self) -> list[Path]:
        return [self.directory / f"{t.entry.id}.xlsx" for t in self.tlos] + [
            self.directory / README
        ]

    def to_dict(self) -> dict[str, Any]:
        sector = sample_sector(self.tlos).to_dict()
        return {
            "directory": str(self.directory),
            "seed": self.seed,
            "unit": "JPY",
            "tlos": [
                {
                    "id": t.entry.id,
                    "file": f"{t.entry.id}.xlsx",
                    "name": t.entry.name,
                    "form": t.entry.form.value,
                    "region": t.entry.region.value,
                    "internal": t.entry.internal,
                    "approved_fy": t.entry.approved_fy,
                    "first_fy": t.years[0],
                    "last_fy": t.years[-1],
                    "style": t.entry.style.value,
                    "layout": t.entry.layout.value,
                    "lang": t.entry.lang.value,
                    "unit": t.entry.unit.value,
                }
                for t in self.tlos
            ],
            "years": sector["years"],
            "peaks": sector["peaks"],
        }

    def tables(self) -> list[TableData]:
        rows = [y.to_dict() for y in sample_sector(self.tlos).years]
        return [
            TableData(
                f"Synthetic sample: {len(self.tlos)} TLOs written to {self.directory}",
                [
                    Column("fiscal_year", "fiscal year", Col.YEAR),
                    Column("tlos", "TLOs", Col.INT),
                    Column("external", "external", Col.INT),
                    Column("deficit_external", "external in deficit", Col.INT),
                    Column("licensing_income", "licensing income", Col.YEN),
                    Column("licenses_executed", "transfers", Col.INT),
                    Column("subsidy_income", "subsidy", Col.YEN),
                    Column("ordinary_profit", "ordinary profit", Col.YEN),
                ],
                rows,
                [f"Seed {self.seed}. Synthetic data; see {self.directory / README}."],
            )
        ]


def write_sample(directory: Path, *, seed: int = SAMPLE_SEED, force: bool = False) -> SampleSet:
    """Generate the sample from ``seed`` and write it into ``directory``, each file atomically.

    Refuses (a usage error) to overwrite an existing file unless ``force``.
    """
    if directory.exists() and not directory.is_dir():
        raise usage(f"{directory}: exists and is not a directory", "give a directory to write into")
    tlos = tuple(generate_sample(np.random.default_rng(seed)))
    result = SampleSet(directory, seed, tlos)
    existing = [p for p in result.files() if p.exists()]
    if existing and not force:
        raise usage(
            f"{existing[0]}: already exists ({len(existing)} of the sample's files do)",
            "pass --force to overwrite them, or choose another directory",
        )
    directory.mkdir(parents=True, exist_ok=True)
    for t in tlos:

        def write(temp: Path, t: SampleTlo = t) -> None:
            write_ledger(temp, profile=t.profile, years=t.years, amounts=t.amounts, fmt=t.fmt)

        write_atomic(directory / f"{t.entry.id}.xlsx", write)
    write_text_atomic(directory / README, readme_text(tlos, seed))
    return result


def readme_text(tlos: Sequence[SampleTlo], seed: int) -> str:
    """The README of the sample directory: what the data is and what it is calibrated to."""
    sector = sample_sector(tlos)
    by_year = {y.fiscal_year: y for y in sector.years}
    approvals = {fy: sum(t.entry.approved_fy == fy for t in tlos) for fy in YEARS}
    internal = sum(t.entry.internal for t in tlos)
    lines = [
        "# Synthetic sample: 47 approved TLOs, FY1998–FY2008",
        "",
        "**Every figure and every name in this directory is synthetic.** The organisations and",
        "universities are invented (the prefectures are real); no real TLO's accounts are",
        "reproduced or estimated. The set exists to exercise `tlo` and to show the sector-wide",
        "pattern the published aggregates describe, not to describe any one TLO.",
        "",
        f"Written by `tlo sample -o data/sample` from seed {seed} (numpy `default_rng`).",
        "Regenerate with `tlo sample -o data/sample --force`: every cell value of every workbook",
        "is reproduced (a test checks this). Amounts are whole thousands of yen, so each",
        "workbook's unit (円, 千円 or 百万円 to three decimals) states them exactly.",
        "",
        "## What it is calibrated to",
        "",
        "MEXT (2009), material on deepening industry–academia–government collaboration",
        "(産学官連携の深化), section (8) 承認TLOについて:",
        "",
        f"- 47 approved TLOs (May 2009); approvals from FY1998 ({approvals[1998]} that year) "
        "to FY2008.",
        f"- {len(tlos) - internal} TLOs outside universities, all approved by FY2005: "
        f"{by_year[2005].external} with a ledger for FY2005, {by_year[2006].external} for "
        f"FY2006 and {by_year[2007].external} for FY2007 (the survey's 33, 33 and 32). One "
        "handed its work to its university in FY2007; its ledger ends in FY2006.",
        f"- {internal} TLOs inside universities (form `internal`).",
        f"- External TLOs with a negative ordinary profit (経常利益): {by_year[2005].deficit_external}"
        f" in FY2005, {by_year[2006].deficit_external} in FY2006, "
        f"{by_year[2007].deficit_external} of {by_year[2007].external} in FY2007. Published: 11 of"
        " 32 (34%) in FY2007, rising each year from FY2005. The FY2005 and FY2006 counts are "
        "chosen to rise to it; the other years' counts follow from the generated figures.",
        f"- Licensing income (実施料等収入) of all TLOs peaks in FY"
        f"{sector.peak('licensing_income')}; technology transfers (技術移転件数) peak in FY"
        f"{sector.peak('licenses_executed')} (published: FY2005 and FY2006). The yearly "
        "totals are set by the generator; their levels are illustrative.",
        "- The METI subsidy is paid only in each TLO's first five fiscal years (its approval "
        "year and the four after), a few tens of millions of yen a year at most.",
        "- All eight regions are present.",
        "",
        "## The sector by fiscal year (as generated)",
        "",
        "| FY | TLOs | external | external in deficit | licensing income (¥M) "
        "| transfers | subsidy (¥M) | ordinary profit (¥M) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for y in sector.years:
        lines.append(
            f"| {y.fiscal_year} | {y.tlos} | {y.external} | {y.deficit_external} "
            f"| {y.licensing_income / 1e6:,.1f} | {y.licenses_executed:,.0f} "
            f"| {y.subsidy_income / 1e6:,.1f} | {y.ordinary_profit / 1e6:,.1f} |"
        )
    lines += [
        "",
        "## The workbooks",
        "",
        "One workbook per TLO (`T01.xlsx` … `T47.xlsx`): a profile sheet (概要 / profile) and a",
        "ledger sheet from the approval year to FY2008. They differ on purpose, so that the sample",
        "exercises the reader:",
        "",
    ]
    for name in ("layout", "lang", "unit", "form", "style"):
        mix = ", ".join(f"{key} {count}" for key, count in _mix(tlos, name).items())
        lines.append(f"- {name}: {mix}")
    lines += [
        "- fiscal years written as 2007, FY2007, 2007年度, 平成19年度 or H19; approval given as a",
        "  date cell, date text (2004-06-01, 2004/6/1, 平成16年6月1日) or a fiscal year;",
        "  profit lines with △ or (…) for losses; some zero amounts written as －.",
        "- Net assets are stated by the external TLOs except "
        + ", ".join(
            sorted(
                t.entry.id for t in tlos if not t.entry.internal and "net_assets" not in t.amounts
            )
        )
        + " (their runway is unknown); TLOs inside universities state none.",
        "",
        "| id | name | form | region | approved | ledger | style | layout | labels | unit |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in tlos:
        e = t.entry
        lines.append(
            f"| {e.id} | {e.name} | {e.form.value} | {e.region.value} | FY{e.approved_fy} "
            f"| FY{t.years[0]}–FY{t.years[-1]} | {e.style.value} | {e.layout.value} "
            f"| {e.lang.value} | {e.unit.label} |"
        )
    return "\n".join(lines) + "\n"
