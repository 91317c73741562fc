"""The `tlo` command: the typer app and the single error boundary.

Command modules import only typer and the standard library at the top, so that
`tlo --help` starts without pandas, numpy or openpyxl.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from tlo_cli import __version__
from tlo_cli.cli import (
    backtest,
    explain,
    export,
    figures,
    generate,
    inputs,
    report,
    scenario,
    simulate,
)

EXIT_CODES = (
    "Exit codes:\n\n"
    "\b\n"
    "  0  done\n"
    "  1  done, but some inputs were skipped, validate found errors, or --fail-on matched\n"
    "  2  bad usage, or an input that makes the command impossible (one line on stderr)\n"
    "  130  interrupted (Ctrl-C); 143 stopped by SIGTERM (no partial file is left)\n\n"
    "Shell completion: tlo --install-completion. Docs: docs/cli.md, docs/methodology.md, "
    "docs/python.md."
)


def _plain_placeholders() -> None:
    """Help shows `PATH...`, `FY`, `FLOAT`, `N`, never typer's `<list[Path]>` or `<float range>`.

    An argument or option with a metavar is shown by it alone; others by a plain word for
    their type (N, FLOAT, TEXT, PATH, FILE) or their choices (`a|b`).
    """
    import typer.core as core

    words = {"int": "N", "float": "FLOAT", "str": "TEXT", "path": "PATH", "file": "FILE"}
    typed = core._TyperParameter.display_type

    def display_type(self: core._TyperParameter, ctx: typer.Context) -> str:
        if self.metavar is not None and isinstance(self, core.TyperArgument):
            return ""
        label = typed(self, ctx)[1:-1].removesuffix(" range")
        return words.get(label, label if "|" in label else label.upper())

    def usage_name(self: core.TyperArgument) -> str:
        name = self.display_name_raw
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"

    core._TyperParameter.display_type = display_type  # type: ignore[method-assign,assignment]
    core.TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]


_plain_placeholders()


def _plain_conversions() -> None:
    """Defaults and the plainest command-line values skip typer's pydantic conversion.

    typer converts every parameter through a pydantic validator; importing pydantic alone costs
    about 0.13 s of every run, and building a validator about 5 ms a parameter. Two cases give
    the same value without it (tests compare them with typer's conversion):
    - an option left at its default keeps the Python value declared in code;
    - a choice given exactly as one of its enum values becomes that member, and a list of
      paths without constraints becomes a list of Path (readable ones: others go through typer,
      which words the error).
    Everything else, including every value that would be refused, goes through typer. Callbacks
    and the required check still run.
    """
    import os
    from enum import Enum
    from pathlib import Path

    import typer.core as core
    from typer._click.core import ParameterSource
    from typer._click.exceptions import MissingParameter

    convert = core._TyperParameter.process_value

    def plain(param: core._TyperParameter, value: object) -> tuple[bool, object]:
        annotation = param.type_descriptor.annotation
        info = param.type_descriptor.parameter_info
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            members = {m.value: m for m in annotation}
            if isinstance(value, str) and value in members:
                return True, members[value]
            return False, value
        path_checks = (info.exists, info.writable, info.resolve_path, info.allow_dash)
        if (
            annotation == list[Path]
            and not any(path_checks)
            and isinstance(value, tuple)
            and all(isinstance(v, str) and v and os.access(v, os.R_OK) for v in value)
        ):
            return True, [Path(v) for v in value]
        return False, value

    def process_value(self: core._TyperParameter, ctx: typer.Context, value: Any) -> Any:
        source = ctx.get_parameter_source(self.name or "")
        if source is ParameterSource.COMMANDLINE:
            done, value = plain(self, value)
            if not done:
                return convert(self, ctx, value)
        elif source is not ParameterSource.DEFAULT:
            return convert(self, ctx, value)
        if self.required and self.value_is_missing(value):
            raise MissingParameter(ctx=ctx, param=self)
        if self.callback is not None:
            value = self.callback(ctx, self, value)
        return value

    core._TyperParameter.process_value = process_value  # type: ignore[method-assign,assignment]


_plain_conversions()

APP_SETTINGS: dict[str, Any] = {
    "name": "tlo",
    "help": "Can Japan's university technology licensing organizations (承認TLO) stand on their "
    "own feet? Read their Excel ledgers, compute ordinary profit and subsidy dependence, flag who "
    "is at risk once the METI subsidy ends, rank them, and test consolidation scenarios.",
    "epilog": EXIT_CODES,
    "no_args_is_help": True,
    "add_completion": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**APP_SETTINGS)


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
app.command("export")(export.export)
app.command("backtest")(backtest.backtest)

#: One example per command, shown at the end of its --help.
EXAMPLES: dict[str, str] = {
    "assess": "tlo assess data/sample/T12.xlsx --years 4 --lang ja",
    "rank": "tlo rank data/sample --top 10 --fail-on at-risk",
    "sector": "tlo sector data/sample -o sector.csv --bom",
    "report": "tlo report data/sample -o report.xlsx --weights margin=0.5,runway=0.3",
    "validate": "tlo validate data/sample",
    "methodology": "tlo methodology --format markdown -o methodology.md",
    "template": "tlo template -o ledger.xlsx --years 2003-2008",
    "sample": "tlo sample -o sample",
    "simulate": "tlo simulate data/sample --scenario examples/wide-area.toml",
    "export": "tlo export data/sample -o panel.csv",
    "backtest": "tlo backtest data/sample --simulate",
    "explain": "tlo explain data/sample/T12.xlsx",
    "merge": "tlo scenario merge data/sample --members T01,T02",
    "internalize": "tlo scenario internalize data/sample --tlo T05",
    "alliance": "tlo scenario alliance data/sample --members T12,T14",
    "run": "tlo scenario run examples/wide-area.toml data/sample",
}


def _add_examples(typer_app: typer.Typer) -> None:
    for info in typer_app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        if info.epilog is None and name in EXAMPLES:
            info.epilog = f"Example:\n\n\b\n  $ {EXAMPLES[name]}"


_add_examples(app)
_add_examples(scenario.app)


def _error_line(text: str) -> None:
    from tlo_cli.cli.output import diagnostic

    diagnostic(text)


def _for(args: list[str]) -> typer.Typer:
    """The app to run ``args``: with only the command they name when they name one.

    typer builds every command's parameters before it runs one (0.06 s a run for sixteen
    commands); an app with the same settings, root options and that one command gives the same
    usage lines, help and errors for it. `tlo`, `tlo --help` and unknown commands get the whole app.
    """
    name = next((a for a in args if not a.startswith("-")), None)
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if name is None or not (commands or groups) or any(a in ("-h", "--help") for a in args[:1]):
        return app
    solo = typer.Typer(**APP_SETTINGS)
    solo.registered_callback = app.registered_callback
    solo.registered_commands = commands
    solo.registered_groups = groups
    return solo


def main(argv: list[str] | None = None) -> int:
    """Run the app; turn every expected failure into a one-line message and an exit code."""
    from tlo_cli.cli.output import reset_presentation
    from tlo_cli.errors import TloError

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    reset_presentation()
    try:
        code = _for(args)(args=args, prog_name="tlo", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.TyperException as exc:  # bad usage: unknown option, missing argument, …
        if type(exc).__name__ == "NoArgsIsHelpError":  # `tlo` alone: the help
            typer.echo(exc.format_message(), err=True)
            return 2
        ctx = getattr(exc, "ctx", None)
        where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        _error_line(f"error: {exc.format_message()}{where}")
        return 2
    except (typer.Abort, KeyboardInterrupt):
        _error_line("interrupted")
        return 130
    except TloError as exc:
        if debug:
            raise
        _error_line(f"error: {exc.issue}")
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so in one line; --debug shows the traceback
        if debug:
            raise
        _error_line(
            f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it"
        )
        return 2
    return int(code or 0)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
