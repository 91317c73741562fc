"""Options shared by the `tlo scenario` commands: shares, amounts with units, members, a name."""

from __future__ import annotations

from typing import Annotated, Any

import typer


def fraction_option(name: str, help: str) -> Any:
    return typer.Option(name, min=0.0, max=1.0, help=help)


UNIT_HELP = "A bare number is yen; a unit may follow: 2000千円, 2百万円, 2m, ¥2,000,000."


def amount_option(name: str, help: str, *, default: str | None = None) -> Any:
    """An amount option: text, parsed to yen with its unit (scenarios.amounts.parse_amount)."""
    suffix = "" if default is None else f" [default: {default}]"
    return typer.Option(
        name, help=f"{help} {UNIT_HELP}{suffix}", metavar="AMOUNT", show_default=False
    )


MembersOpt = Annotated[
    str | None,
    typer.Option(
        "--members", help="Comma-separated TLO ids (case-insensitive).", metavar="A,B[,...]"
    ),
]
NameOpt = Annotated[
    str | None, typer.Option("--name", help="A name for the scenario.", show_default=False)
]
