"""Commands that judge TLOs: assess, rank, sector."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tlo_cli.cli.options import (
    AsOfOpt,
    BomOpt,
    ColumnsOpt,
    DeclineOpt,
    DependenceOpt,
    DisplayUnitOpt,
    FailOnOpt,
    FormatOpt,
    HorizonOpt,
    LangOpt,
    MarginOpt,
    OutputOpt,
    Paths,
    RunwayOpt,
    StrictOpt,
    UnitOpt,
    WeightsOpt,
    WindowOpt,
    YearsOpt,
)
from tlo_cli.model import Unit
from tlo_cli.render.tables import Format


def assess(
    ledger: Annotated[
        Path,
        typer.Argument(
            help="A ledger workbook (or a combined workbook with --tlo).",
            metavar="LEDGER",
            show_default=False,
        ),
    ],
    tlo: Annotated[
        str | None,
        typer.Option(
            "--tlo",
            help="The TLO id to assess in a combined workbook or directory.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
    window: WindowOpt = 5,
    horizon: HorizonOpt = 3,
    runway_threshold: RunwayOpt = 3.0,
    dependence_threshold: DependenceOpt = 0.30,
    decline_threshold: DeclineOpt = -0.10,
    margin_threshold: MarginOpt = 0.05,
    years: YearsOpt = None,
) -> int:
    """One TLO: yearly statement, ordinary profit, subsidy dependence, licensing trend, risk verdict and projection."""
    from tlo_cli.cli.common import check_as_of, check_fail_on, failed, load_inputs, make_settings
    from tlo_cli.cli.output import emit
    from tlo_cli.errors import usage
    from tlo_cli.metrics.assess import assess_cohort
    from tlo_cli.render.figures import AssessReport

    check_fail_on(fail_on)
    check_as_of(as_of)
    cohort, files = load_inputs([ledger], unit=unit, strict=strict, quiet_warnings=False)
    if tlo is not None:
        target = cohort.find(tlo)
        if target is None:
            ids = ", ".join(led.id for led in cohort.ledgers)
            raise usage(f"--tlo {tlo}: no such TLO in {ledger}", f"ids found: {ids}")
    elif len(cohort.ledgers) == 1:
        target = cohort.ledgers[0]
    else:
        raise usage(f"{ledger} holds {len(cohort.ledgers)} TLOs", "choose one with --tlo ID")
    year = as_of if as_of is not None else target.years[-1]
    if year not in target.years:
        raise usage(
            f"--as-of {year}: {target.id} has no data for FY{year}",
            f"its ledger covers FY{target.years[0]}–FY{target.years[-1]}",
        )
    settings = make_settings(
        window=window,
        horizon=horizon,
        runway=runway_threshold,
        dependence=dependence_threshold,
        decline=decline_threshold,
        margin=margin_threshold,
        display_unit=display_unit,
    )
    result = assess_cohort(cohort.ledgers, as_of=year, settings=settings)
    assessment = result.find(target.id)
    assert assessment is not None
    report = AssessReport(assessment, target.reading)
    emit(report, fmt=fmt, output=output, inputs=files, unit=display_unit)
    return 1 if failed([assessment], fail_on) or cohort.skipped else 0


def rank(
    paths: Paths,
    as_of: AsOfOpt = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", min=1, help="Show only the best N of each peer group.", show_default=False
        ),
    ] = None,
    weights: WeightsOpt = None,
    external_only: Annotated[
        bool, typer.Option("--external-only", help="Rank only TLOs outside universities.")
    ] = False,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
    window: WindowOpt = 5,
    horizon: HorizonOpt = 3,
    runway_threshold: RunwayOpt = 3.0,
    dependence_threshold: DependenceOpt = 0.30,
    decline_threshold: DeclineOpt = -0.10,
    margin_threshold: MarginOpt = 0.05,
) -> int:
    """Every TLO found: health score, rank and risk level, with a summary of the cohort."""
    from tlo_cli.cli.common import (
        assess_ranked,
        check_as_of,
        check_fail_on,
        failed,
        load_inputs,
        make_settings,
        parse_weights,
    )
    from tlo_cli.cli.output import emit

    check_fail_on(fail_on)
    check_as_of(as_of)
    parse_weights(weights)  # a bad --weights fails before any reading
    cohort, files = load_inputs(paths, unit=unit, strict=strict)
    from tlo_cli.render.figures import RankReport

    settings = make_settings(
        window=window,
        horizon=horizon,
        runway=runway_threshold,
        dependence=dependence_threshold,
        decline=decline_threshold,
        margin=margin_threshold,
        weights=weights,
        display_unit=display_unit,
    )
    ledgers, result = assess_ranked(
        cohort.ledgers, as_of=as_of, settings=settings, external_only=external_only
    )
    report = RankReport(result, cohort.skipped, top, {led.id: led.reading for led in ledgers})
    emit(report, fmt=fmt, output=output, inputs=files, unit=display_unit)
    shown = (*report.ranked, *report.too_young)
    return 1 if failed(shown, fail_on) or cohort.skipped else 0


def sector(
    paths: Paths,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
) -> int:
    """The whole sector by fiscal year: licensing income, transfers, subsidy, ordinary profit, external TLOs in deficit."""
    from tlo_cli.cli.common import load_inputs
    from tlo_cli.cli.output import emit
    from tlo_cli.metrics.sector import sector_by_year
    from tlo_cli.render.figures import SectorReport

    cohort, files = load_inputs(paths, unit=unit, strict=strict)
    report = SectorReport(sector_by_year(cohort.ledgers), cohort.skipped)
    emit(report, fmt=fmt, output=output, inputs=files, unit=display_unit)
    return 1 if cohort.skipped else 0
