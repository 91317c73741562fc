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
