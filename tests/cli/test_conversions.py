"""Defaults and the plainest command-line values skip typer's pydantic conversion (cli/app.py);
what they give must equal typer's own conversion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core as core
from typer._click.core import ParameterSource

from tlo_cli.cli.app import app


def _commands() -> list[Any]:
    group = typer.main.get_command(app)
    out = []
    for command in group.commands.values():  # type: ignore[attr-defined]
        out += list(command.commands.values()) if hasattr(command, "commands") else [command]
    return out


class TestSameAsTyper:
    """The shortcut and typer's conversion agree on every value it takes."""

    @pytest.mark.parametrize("command", _commands(), ids=lambda c: c.name)
    def test_every_default(self, command: Any) -> None:
        """Every option's declared default converts to itself through typer."""
        ctx = command.make_context(command.name, ["--help"], resilient_parsing=True)
        process = core._TyperParameter.process_value  # through typer unless COMMANDLINE/DEFAULT
        for param in command.params:
            if not isinstance(param, core._TyperParameter) or param.default is None:
                continue
            ctx.set_parameter_source(param.name, ParameterSource.ENVIRONMENT)  # force typer
            converted = process(param, ctx, param.default)
            if param.callback is None:
                assert converted == param.default, param.name
                assert type(converted) is type(param.default), param.name

    def test_plain_values(self, tmp_path: Path) -> None:
        """An exact enum value and readable paths give what typer gives."""
        rank = next(c for c in _commands() if c.name == "rank")
        ctx = rank.make_context("rank", ["--help"], resilient_parsing=True)
        fmt = next(p for p in rank.params if p.name == "fmt")
        paths = next(p for p in rank.params if p.name == "paths")
        ledger = tmp_path / "a.xlsx"
        ledger.write_bytes(b"x")
        for param, value in (
            (fmt, "json"),
            (fmt, "markdown"),
            (paths, (str(tmp_path), str(ledger))),
        ):
            ctx.set_parameter_source(param.name, ParameterSource.COMMANDLINE)
            fast = param.process_value(ctx, value)
            ctx.set_parameter_source(param.name, ParameterSource.ENVIRONMENT)
            assert fast == param.process_value(ctx, value)


def test_rank_does_not_import_pydantic(tmp_path: Path) -> None:
    """`tlo rank DIR -f json` runs without importing pydantic (0.13 s of every run)."""
    code = (
        "import io, sys\n"
        "from tlo_cli.cli.app import main\n"
        "sys.stdout = io.StringIO()\n"
        f"main(['rank', {str(Path(__file__).resolve().parents[2] / 'data' / 'sample')!r}, '-f', 'json'])\n"
        "sys.stdout = sys.__stdout__\n"
        "print('pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_bad_values_still_refused(cli: Any) -> None:
    """A value the shortcut does not take goes through typer, which refuses it in one line."""
    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    code, _, err = cli("rank", sample, "-f", "yaml")
    assert code == 2 and "yaml" in err


class TestOneCommandApp:
    """main() builds only the command it runs; help and usage errors are the whole app's."""

    @pytest.mark.parametrize(
        "args",
        [
            ["rank", "--help"],
            ["scenario", "merge", "--help"],
            ["assess", "--help"],
            ["rank", "--no-such-option"],
            ["scenario", "nope"],
        ],
    )
    def test_same_output(self, args: list[str]) -> None:
        """The one-command app prints what the whole app prints, with the same exit code."""
        from typer.testing import CliRunner as Runner

        from tlo_cli.cli.app import _for

        runner = Runner()
        whole = runner.invoke(app, args, prog_name="tlo", env={"COLUMNS": "100"})
        solo_app = _for(args)
        assert solo_app is not app
        solo = runner.invoke(solo_app, args, prog_name="tlo", env={"COLUMNS": "100"})
        assert (solo.exit_code, solo.output) == (whole.exit_code, whole.output)
