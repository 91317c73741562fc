"""`tlo scenario merge|internalize|alliance|run`: the consolidation options, before and after."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tlo_cli.cli.options import (
    AsOfOpt,
    BomOpt,
    ColumnsOpt,
    DisplayUnitOpt,
    FailOnOpt,
    FormatOpt,
    HorizonOpt,
    LangOpt,
    OutputOpt,
    Paths,
    StrictOpt,
    UnitOpt,
    WindowOpt,
)
from tlo_cli.cli.plans import member_ids, read_plan, run_plan_command, single, step_from_options
from tlo_cli.cli.scenario_options import MembersOpt, NameOpt, amount_option, fraction_option
from tlo_cli.model import Unit
from tlo_cli.render.tables import Format

app = typer.Typer(
    name="scenario",
    help="Test the consolidation options of MEXT's 2009 review with numbers: regional merger, "
    "internalization into the university, alliance; before and after, pro forma and projected.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("merge")
def merge(
    ledgers: Paths,
    members: MembersOpt = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="Merge the external TLOs of this region: hokkaido, tohoku, kanto, chubu, kinki, "
            "chugoku, shikoku or kyushu.",
            metavar="REGION",
            show_default=False,
        ),
    ] = None,
    by_region: Annotated[
        bool,
        typer.Option(
            "--by-region", help="Merge every region's external TLOs at once (wide-area plan)."
        ),
    ] = False,
    admin_savings: Annotated[
        float, fraction_option("--admin-savings", "Share of admin cost saved.")
    ] = 0.30,
    personnel_savings: Annotated[
        float, fraction_option("--personnel-savings", "Share of personnel cost saved.")
    ] = 0.10,
    integration_cost: Annotated[
        str | None,
        amount_option(
            "--integration-cost",
            "One-off integration cost in the first projected year "
            "(default: 50% of the members' combined admin cost in the as-of year).",
        ),
    ] = None,
    phase_in: Annotated[
        str,
        typer.Option(
            "--phase-in",
            help="Share of the savings realised in each projected year; the last holds after.",
        ),
    ] = "0.5,1.0",
    name: NameOpt = None,
    new_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="Id of the merged TLO (default: the members' ids joined by +).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = 3,
    window: WindowOpt = 5,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
) -> int:
    """Regional merger (広域TLOへの統合): members become one TLO; before and after."""
    from tlo_cli.errors import usage
    from tlo_cli.scenarios.plan import region_of
    from tlo_cli.scenarios.state import ScenarioError

    try:
        shares = tuple(float(p) for p in phase_in.split(",") if p.strip())
    except ValueError:
        raise usage(f"--phase-in {phase_in}: expected shares such as 0.5,1.0") from None
    try:
        where = region_of(region) if region is not None else None
    except ScenarioError as exc:
        raise usage(f"--{exc}") from None
    step = step_from_options(
        "merge",
        members=member_ids(members),
        region=where,
        by_region=by_region,
        name=name,
        id=new_id,
        admin_savings=admin_savings,
        personnel_savings=personnel_savings,
        integration_cost=integration_cost,
        phase_in=shares,
    )
    return run_plan_command(
        ledgers, single(step), plan_file=None, as_of=as_of, horizon=horizon, window=window,
        fmt=fmt, output=output, unit=unit, display_unit=display_unit, strict=strict, fail_on=fail_on,
    )  # fmt: skip


@app.command("internalize")
def internalize(
    ledgers: Paths,
    tlo: Annotated[
        str, typer.Option("--tlo", help="The TLO to fold into its university.", show_default=False)
    ],
    keep_membership: Annotated[
        float, fraction_option("--keep-membership", "Share of membership income kept.")
    ] = 0.5,
    admin_savings: Annotated[
        float,
        fraction_option(
            "--admin-savings", "Share of admin cost saved by shared university services."
        ),
    ] = 0.5,
    university_share: Annotated[
        float,
        fraction_option(
            "--university-share",
            "The university's share of royalty distributions, which stays inside.",
        ),
    ] = 0.5,
    marginal_cost: Annotated[
        float,
        fraction_option(
            "--marginal-cost",
            "Share of each yen of admin moved onto the university's services that it bears.",
        ),
    ] = 0.5,
    transition_cost: Annotated[
        str | None,
        amount_option(
            "--transition-cost",
            "One-off transfer cost in the first projected year "
            "(default: 25% of the TLO's personnel cost in the as-of year).",
        ),
    ] = None,
    name: NameOpt = None,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = 3,
    window: WindowOpt = 5,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
) -> int:
    """Internalization (産学官連携本部との統合): the TLO as a unit of its university, with the university's change in position."""
    step = step_from_options(
        "internalize",
        tlo=tlo,
        name=name,
        keep_membership=keep_membership,
        admin_savings=admin_savings,
        university_share=university_share,
        marginal_cost=marginal_cost,
        transition_cost=transition_cost,
    )
    return run_plan_command(
        ledgers, single(step), plan_file=None, as_of=as_of, horizon=horizon, window=window,
        fmt=fmt, output=output, unit=unit, display_unit=display_unit, strict=strict, fail_on=fail_on,
    )  # fmt: skip


@app.command("alliance")
def alliance(
    ledgers: Paths,
    members: MembersOpt = None,
    patent_savings: Annotated[
        float,
        fraction_option(
            "--patent-savings", "Share of patent cost saved by shared patent management."
        ),
    ] = 0.10,
    admin_savings: Annotated[
        float, fraction_option("--admin-savings", "Share of admin cost saved.")
    ] = 0.05,
    licensing_uplift: Annotated[
        float,
        typer.Option(
            "--licensing-uplift",
            min=-1.0,
            max=10.0,
            help="Rise in licensing income from joint marketing (distributions rise with it at "
            "each member's payout ratio).",
        ),
    ] = 0.10,
    fee: Annotated[
        str,
        amount_option(
            "--fee",
            "Alliance fee a year, paid by each member but the hub to the hub.",
            default="2m (¥2,000,000)",
        ),
    ] = "2000000",
    hub: Annotated[
        str | None,
        typer.Option(
            "--hub",
            help="The member that runs the secretariat and receives the fees "
            "(default: the member with the largest revenue).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    secretariat_cost: Annotated[
        str | None,
        amount_option(
            "--secretariat-cost",
            "The hub's yearly cost of running the secretariat (default: the sum of the fees).",
        ),
    ] = None,
    name: NameOpt = None,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = 3,
    window: WindowOpt = 5,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
) -> int:
    """Alliance (TLO間の連携強化, like KUTLO and Niigata TLO): members stay separate and share work."""
    step = step_from_options(
        "alliance",
        members=member_ids(members),
        name=name,
        patent_savings=patent_savings,
        admin_savings=admin_savings,
        licensing_uplift=licensing_uplift,
        fee=fee,
        hub=hub,
        secretariat_cost=secretariat_cost,
    )
    return run_plan_command(
        ledgers, single(step), plan_file=None, as_of=as_of, horizon=horizon, window=window,
        fmt=fmt, output=output, unit=unit, display_unit=display_unit, strict=strict, fail_on=fail_on,
    )  # fmt: skip


PlanFile = Annotated[
    Path,
    typer.Argument(
        help="A TOML plan of [[step]] tables.", metavar="FILE.toml", exists=True, dir_okay=False
    ),
]


@app.command("run")
def run(
    plan_file: PlanFile,
    ledgers: Paths,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = 3,
    window: WindowOpt = 5,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
    fail_on: FailOnOpt = None,
) -> int:
    """Several steps from a TOML plan, applied in order; before and after the whole plan."""
    return run_plan_command(
        ledgers, read_plan(plan_file), plan_file=plan_file, as_of=as_of, horizon=horizon,
        window=window, fmt=fmt, output=output, unit=unit, display_unit=display_unit,
        strict=strict, fail_on=fail_on,
    )  # fmt: skip
