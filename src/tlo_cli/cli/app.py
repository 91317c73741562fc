"""The `tlo` command: the typer app and the single error boundary.

Command modules import only typer and the standard library at the top, so that
`tlo --help` starts without pandas, numpy or openpyxl.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tlo_cli import __version__
from tlo_cli.cli import explain, figures, generate, inputs, report, scenario, simulate

app = typer.Typer(
    name="tlo",
    help="Can Japan's university technology licensing organizations (承認TLO) stand on their own "
    "feet? Read their Excel ledgers, compute ordinary profit and subsidy dependence, flag who is "
    "at risk once the METI subsidy ends, rank them, and test consolidation scenarios.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tlo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a Python traceback when a command fails.")
    ] = False,
) -> None:
    """tlo: financial sustainability of approved TLOs."""


app.command("assess")(figures.assess)
app.command("rank")(figures.rank)
app.command("sector")(figures.sector)
app.command("report")(report.report)
app.command("validate")(inputs.validate)
app.command("explain")(explain.explain)
app.command("methodology")(inputs.methodology)
app.command("template")(generate.template)
app.command("sample")(generate.sample)
app.add_typer(scenario.app, name="scenario")
app.command("simulate")(simulate.simulate)


def main(argv: list[str] | None = None) -> int:
    """Run the app; turn every expected failure into a one-line message and an exit code."""
    from tlo_cli.errors import TloError

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = app(args=args, prog_name="tlo", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.TyperException as exc:  # bad usage: unknown option, missing argument, …
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"tlo: error: {exc.format_message()}", file=sys.stderr)
        return 2
    except (typer.Abort, KeyboardInterrupt):
        print("tlo: interrupted", file=sys.stderr)
        return 130
    except TloError as exc:
        if debug:
            raise
        print(f"tlo: error: {exc.issue}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line; --debug shows the traceback
        if debug:
            raise
        print(
            f"tlo: internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it",
            file=sys.stderr,
        )
        return 2
    return int(code or 0)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
