"""Commands that write ledger workbooks: template and sample.

Only typer and the standard library are imported here; the writer (openpyxl) and the
generator (numpy) are imported inside the commands.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class LangChoice(StrEnum):
    JA = "ja"
    EN = "en"


class LayoutChoice(StrEnum):
    ROWS = "rows"
    COLUMNS = "columns"


class UnitChoice(StrEnum):
    YEN = "yen"
    THOUSAND = "thousand"
    MILLION = "million"


class FormatChoice(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


_RANGE = re.compile(r"^\s*(?:fy)?(\d{4})\s*(?:(?:-|–|\.\.|:)\s*(?:fy)?(\d{4}))?\s*$", re.IGNORECASE)


def parse_years(text: str) -> list[int]:
    """Fiscal years from ``2003-2008``, ``FY2003-FY2008`` or a single ``2007``."""
    from tlo_cli.errors import usage

    m = _RANGE.match(text)
    if m is None:
        raise usage(f"--years {text}: not a range of fiscal years", "write it as 2003-2008")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if not 1950 <= first <= last <= 2100 or last - first >= 50:
        raise usage(
            f"--years {text}: expected a first year no later than the last, within 1950–2100, "
            "at most 50 years",
            "write it as 2003-2008",
        )
    return list(range(first, last + 1))


def template(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The workbook to write (.xlsx).", show_default=False),
    ],
    lang: Annotated[
        LangChoice, typer.Option("--lang", help="Language of the labels.", case_sensitive=False)
    ] = LangChoice.JA,
    layout: Annotated[
        LayoutChoice,
        typer.Option(
            "--layout",
            help="rows: line items as rows, fiscal years across (the usual statement); "
            "columns: fiscal years as rows.",
            case_sensitive=False,
        ),
    ] = LayoutChoice.ROWS,
    years: Annotated[str, typer.Option("--years", help="Fiscal years, such as 2003-2008.")] = (
        "2003-2008"
    ),
    unit: Annotated[
        UnitChoice,
        typer.Option("--unit", help="Unit the amounts will be written in.", case_sensitive=False),
    ] = UnitChoice.THOUSAND,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> int:
    """Write an empty ledger workbook to fill in: a profile sheet and every line item.

    Once every amount and profile value is filled in, `tlo validate` reads it without warnings.
    """
    from tlo_cli.atomic import write_atomic
    from tlo_cli.errors import usage
    from tlo_cli.model import Unit
    from tlo_cli.render.statement_labels import Lang
    from tlo_cli.render.template import write_template
    from tlo_cli.render.workbook import SheetLayout

    fiscal_years = parse_years(years)
    if output.suffix.lower() != ".xlsx":
        raise usage(f"{output}: a ledger template is an .xlsx workbook", "name it FILE.xlsx")
    if output.is_dir():
        raise usage(f"{output}: is a directory", "give a file name")
    if output.exists() and not force:
        raise usage(f"{output}: already exists", "pass --force to overwrite it")
    if not output.resolve().parent.is_dir():
        raise usage(f"{output}: the directory {output.parent} does not exist")

    def write(temp: Path) -> None:
        write_template(
            temp,
            years=fiscal_years,
            lang=Lang(lang.value),
            layout=SheetLayout(layout.value),
            unit=Unit(unit.value),
        )

    write_atomic(output, write)
    typer.echo(f"wrote {output}", err=True)
    return 0


def sample(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Directory to write T01.xlsx … T47.xlsx and README.md into.",
            show_default=False,
        ),
    ],
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            min=0,
            max=2**32 - 1,
            help="Random seed (default: the seed of data/sample).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        FormatChoice,
        typer.Option(
            "--format", "-f", help="Format of the summary on stdout.", case_sensitive=False
        ),
    ] = FormatChoice.TABLE,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the sample's files if they exist.")
    ] = False,
) -> int:
    """Write the synthetic 47-TLO sample set (the one in data/sample) and its README.

    The data is synthetic, calibrated to MEXT (2009) section (8); the same seed writes the
    same workbooks. Prints the sector by fiscal year as generated.
    """
    from tlo_cli.cli.output import emit
    from tlo_cli.model import Unit
    from tlo_cli.render.tables import Format
    from tlo_cli.sample.files import write_sample
    from tlo_cli.sample.generate import SAMPLE_SEED

    result = write_sample(output, seed=SAMPLE_SEED if seed is None else seed, force=force)
    emit(result, fmt=Format(fmt.value), output=None, unit=Unit.MILLION)
    typer.echo(f"wrote {len(result.files())} files to {output}", err=True)
    return 0
