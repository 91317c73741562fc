"""The command as a whole: help, version, start-up imports, error boundary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import CliRunner


class TestStartup:
    """`tlo --help` is light."""

    def test_help_imports_no_heavy_modules(self) -> None:
        """--help and --version import none of pandas, numpy and openpyxl."""
        for flag in ("--help", "--version"):
            code = (
                "import sys\n"
                "from tlo_cli.cli.app import main\n"
                f"main([{flag!r}])\n"
                "heavy = [m for m in ('pandas', 'numpy', 'openpyxl') if m in sys.modules]\n"
                "print('HEAVY=' + ','.join(heavy))\n"
            )
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            assert out.stdout.strip().splitlines()[-1] == "HEAVY=", out.stdout

    def test_version(self, cli: CliRunner) -> None:
        """--version prints the version."""
        code, out, _ = cli("--version")
        assert code == 0 and out.startswith("tlo ")

    def test_module_entry(self) -> None:
        """`python -m tlo_cli` runs the same app."""
        out = subprocess.run(
            [sys.executable, "-m", "tlo_cli", "--help"], capture_output=True, text=True
        )
        assert out.returncode == 0 and "rank" in out.stdout


class TestErrors:
    """Bad usage and bad input give one line and exit 2, never a traceback."""

    def test_missing_path(self, cli: CliRunner, tmp_path: Path) -> None:
        """A path that does not exist."""
        code, _, err = cli("rank", tmp_path / "nope")
        assert code == 2 and "no such file or directory" in err and "Traceback" not in err

    def test_unknown_option(self, cli: CliRunner) -> None:
        """An unknown option is bad usage."""
        assert cli("rank", "--bogus")[0] == 2

    def test_assess_bad_file(self, cli: CliRunner, tmp_path: Path) -> None:
        """assess on a legacy .xls names the file and the fix."""
        path = tmp_path / "old.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
        code, out, err = cli("assess", path)
        assert code == 2 and out == ""
        assert (
            err.strip()
            == f"tlo: error: {path}: legacy Excel 97-2003 format (.xls) (open it in Excel and save as .xlsx)"
        )


class TestHelp:
    """Help: plain placeholders, an example per command, exit codes, completion."""

    TYPER_PLACEHOLDER = r"<(int|float|str|path|file|bool|list\[\w+\])( range)?>|\{PATH"

    def test_placeholders(self) -> None:
        """No `<list[Path]>`, `<float range>`, `<int>` anywhere; PATH..., FY and FLOAT instead."""
        import re

        from tools.docgen import command_paths, help_text

        texts = {" ".join(p): help_text(p) for p in [[], *command_paths()]}
        for name, text in texts.items():
            assert not re.search(self.TYPER_PLACEHOLDER, text), (name, text)
        assert "Usage: tlo rank [OPTIONS] PATH..." in texts["rank"]
        assert "--as-of FY" in texts["rank"] and "--margin-threshold FLOAT" in texts["rank"]
        assert "--top N" in texts["rank"]

    def test_example_per_command(self) -> None:
        """Every command's help ends with an example that parses with the command's options."""
        import shlex

        import typer.main
        from tools.docgen import command_paths, help_text

        from tlo_cli.cli.app import app

        root = typer.main.get_command(app)
        for path in command_paths():
            command = root
            for name in path:
                command = command.commands[name]  # type: ignore[attr-defined]
            if getattr(command, "commands", None):
                continue  # a group: its commands carry the examples
            text = help_text(path)
            assert "Example:" in text, path
            example = text.split("$ ", 1)[1].splitlines()[0]
            args = shlex.split(example)
            assert args[: 1 + len(path)] == ["tlo", *path], example
            command.make_context(" ".join(path), args[1 + len(path) :])  # raises on a bad option

    def test_exit_codes_and_completion(self, cli: CliRunner) -> None:
        code, out, _ = cli("--help")
        assert code == 0
        assert "Exit codes:" in out and "  2  bad usage" in out and "  1  done, but" in out
        assert "--install-completion" in out

    def test_usage_error_one_line(self, cli: CliRunner) -> None:
        """A bad option value is one line naming the option and where help is."""
        code, out, err = cli("sample", "-o", "x", "--seed", "-1")
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "--seed" in err and "tlo sample --help" in err
