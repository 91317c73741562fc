"""Outputs: no formula injection, atomic writes, inputs never overwritten."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CliRunner, Text, write_book
from tlo_cli.atomic import write_atomic, write_text_atomic
from tlo_cli.model import Unit
from tlo_cli.render.tables import Col, Column, TableData, to_csv

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@SUM(A1)", "\t=1"]


class TestFormulaInjection:
    """Text from inputs that starts with = + - @ stays text in CSV and Excel."""

    @pytest.mark.parametrize("text", HOSTILE)
    def test_csv(self, text: str) -> None:
        """The CSV cell gets a leading quote, so no spreadsheet evaluates it."""
        table = TableData(
            "t", [Column("name", "name"), Column("v", "v", Col.YEN)], [{"name": text, "v": -5000.0}]
        )
        row = list(csv.reader(io.StringIO(to_csv(table, Unit.THOUSAND))))[1]
        # a leading tab is a control character: shown escaped, which no spreadsheet evaluates
        assert row[0] == ("'" + text if text[0] != "\t" else "\\t" + text[1:])
        assert row[1] == "-5"  # our own negative numbers stay numbers

    def test_rank_csv_and_xlsx_end_to_end(self, cli: CliRunner, tmp_path: Path) -> None:
        """A TLO named like a formula appears as text in `rank -o x.csv` and `-o x.xlsx`."""
        from openpyxl import load_workbook

        d = tmp_path / "in"
        d.mkdir()
        profile = [
            ["id", "X"],
            ["name", Text('=HYPERLINK("http://x")')],
            ["form", "kabushiki"],
            ["approved", 2003],
        ]
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 5], ["人件費", 3]]
        write_book(d / "x.xlsx", {"profile": profile, "ledger": rows})
        assert cli("rank", d, "-o", tmp_path / "r.csv")[0] == 0
        assert "'=HYPERLINK" in (tmp_path / "r.csv").read_text(encoding="utf-8")
        assert cli("rank", d, "-o", tmp_path / "r.xlsx")[0] == 0
        cell = load_workbook(tmp_path / "r.xlsx").active["C2"]
        assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


class TestAtomicWrites:
    """An interrupted write leaves no half-written file and no temporary file."""

    def test_failure_leaves_target_untouched(self, tmp_path: Path) -> None:
        """A writer that fails half-way: the old file is intact, no stray temp file."""
        target = tmp_path / "out.json"
        target.write_text("old")

        def half(temp: Path) -> None:
            temp.write_text("half")
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            write_atomic(target, half)
        assert target.read_text() == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_success_replaces(self, tmp_path: Path) -> None:
        """A finished write replaces the file in one step."""
        target = tmp_path / "out.md"
        write_text_atomic(target, "new")
        assert target.read_text() == "new"

    def test_refuses_input(self, cli: CliRunner, cohort_dir: Path) -> None:
        """-o naming an input is refused, and the input is unchanged."""
        victim = cohort_dir / "a.xlsx"
        before = victim.read_bytes()
        code, _, err = cli("rank", cohort_dir, "-o", victim)
        assert code == 2 and "refusing to overwrite an input" in err
        assert victim.read_bytes() == before

    def test_unknown_extension(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """An output whose format cannot be told from its extension is refused."""
        code, _, err = cli("rank", cohort_dir, "-o", tmp_path / "ranking.pdf")
        assert code == 2 and ".pdf" in err


def _tree(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


class TestFileModes:
    """Files are created with the user's umask; a replaced file keeps its mode."""

    def test_new_file_0644(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path, umask_022: None
    ) -> None:
        """Under umask 022 every -o file is 0644 (0666 & ~022), for each format."""
        for name in ("r.json", "r.csv", "r.md", "r.txt", "r.xlsx"):
            assert cli("rank", cohort_dir, "-o", tmp_path / name)[0] == 0
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name

    def test_replaced_file_keeps_mode(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path, umask_022: None
    ) -> None:
        """A 0600 file replaced stays 0600; a 0640 one stays 0640."""
        for mode in (0o600, 0o640):
            target = tmp_path / f"r{mode:o}.json"
            target.write_text("{}")
            target.chmod(mode)
            assert cli("rank", cohort_dir, "-o", target)[0] == 0
            assert stat.S_IMODE(target.stat().st_mode) == mode
            assert json.loads(target.read_text())["tlos"]

    def test_report_and_export_modes(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path, umask_022: None
    ) -> None:
        for args in (
            ("report", cohort_dir, "-o", tmp_path / "rep.xlsx"),
            ("export", cohort_dir, "-o", tmp_path / "panel.csv"),
        ):
            assert cli(*args)[0] == 0
            assert stat.S_IMODE(Path(args[-1]).stat().st_mode) == 0o644


class TestWriteFailures:
    """A write that cannot happen: one line naming the file, exit 2, no temporary file left."""

    def test_read_only_file_refused(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """A 0444 file is not replaced (documented in docs/security.md)."""
        target = tmp_path / "r.json"
        target.write_text("keep")
        target.chmod(0o444)
        code, _, err = cli("rank", cohort_dir, "-o", target)
        assert code == 2 and err.count("\n") == 1 and "read-only" in err and str(target) in err
        assert target.read_text() == "keep" and _tree(tmp_path) == ["ledgers", "r.json"]

    def test_symlink_written_through(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path
    ) -> None:
        """-o naming a symbolic link replaces its target; the link stays a link."""
        real = tmp_path / "real.json"
        real.write_text("{}")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        assert cli("rank", cohort_dir, "-o", link)[0] == 0
        assert link.is_symlink() and json.loads(real.read_text())["tlos"]

    @pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any directory")
    def test_unwritable_directory(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            code, _, err = cli("rank", cohort_dir, "-o", locked / "r.json")
        finally:
            locked.chmod(0o755)
        assert code == 2 and err.count("\n") == 1 and "cannot write" in err
        assert _tree(locked) == []

    def test_unwritable_directory_any_user(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Permission denied when the temporary file is created (even as root): one line, exit 2."""
        import tempfile

        def denied(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", denied)
        code, _, err = cli("rank", cohort_dir, "-o", tmp_path / "r.json")
        assert code == 2 and err.strip().startswith("tlo: error:") and "Permission denied" in err
        assert "Traceback" not in err and err.count("\n") == 1

    def test_disk_full(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """ENOSPC half-way through a report: exit 2, the old file intact, no temporary file."""
        import errno

        from openpyxl import Workbook

        target = tmp_path / "report.xlsx"
        target.write_bytes(b"old")

        def full(self: object, filename: str) -> None:
            Path(filename).write_bytes(b"partial")
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(Workbook, "save", full)
        code, _, err = cli("report", cohort_dir, "-o", target)
        assert code == 2 and "No space left on device" in err and err.count("\n") == 1
        assert target.read_bytes() == b"old" and _tree(tmp_path) == ["ledgers", "report.xlsx"]

    def test_sigterm_cleans_up(self, tmp_path: Path) -> None:
        """SIGTERM during a write: the temporary file is removed and the exit code is 143."""
        import signal

        target = tmp_path / "out.json"

        def slow(temp: Path) -> None:
            temp.write_text("half")
            os.kill(os.getpid(), signal.SIGTERM)

        with pytest.raises(SystemExit) as exc:
            write_atomic(target, slow)
        assert exc.value.code == 143 and _tree(tmp_path) == []
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL

    def test_non_utf8_file_name(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """-o with a file name that is not valid UTF-8: written, and named with \\xff escaped."""
        name = os.fsdecode(b"r\xff.json")
        code, _, err = cli("rank", cohort_dir, "-o", tmp_path / name)
        assert code == 0 and "r\\xff.json" in err
        assert os.fsencode(tmp_path / name) in [os.fsencode(p) for p in tmp_path.iterdir()]


HOSTILE_NAME = "Evil\x1b[31mTLO\nnewline\x07 <script>alert(1)</script>"


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    """A ledger whose TLO name holds ESC, BEL, a newline and HTML.

    openpyxl refuses control characters, so the name is written with placeholders and the
    sheet XML then given Excel's own escapes (_x001B_, _x0007_), which readers decode.
    """
    import zipfile

    d = tmp_path / "hostile"
    d.mkdir()
    placeholder = HOSTILE_NAME.replace("\x1b", "@ESC@").replace("\x07", "@BEL@")
    profile = [["id", "X"], ["name", Text(placeholder)], ["form", "kabushiki"], ["approved", 2003]]
    rows = [["(単位：千円)"], ["科目", 2006, 2007], ["実施料収入", 5, 6], ["人件費", 3, 3]]
    plain = write_book(tmp_path / "plain.xlsx", {"profile": profile, "ledger": rows})
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(d / "x.xlsx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, data.replace(b"@ESC@", b"_x001B_").replace(b"@BEL@", b"_x0007_"))
    plain.unlink()
    return d


class TestOutputHygiene:
    """Text from the inputs never reaches the terminal as control characters or raw HTML."""

    @pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
    def test_no_control_characters_on_stdout(
        self, cli: CliRunner, hostile_dir: Path, fmt: str
    ) -> None:
        out = cli("rank", hostile_dir, "-f", fmt)[1]
        assert "\x1b" not in out and "\x07" not in out
        assert "\\x1b[31m" in out and "TLO\\nnewline" in out

    def test_json_escapes(self, cli: CliRunner, hostile_dir: Path) -> None:
        """JSON keeps the name as data (its escapes are JSON's own)."""
        out = cli("rank", hostile_dir, "-f", "json")[1]
        assert "\x1b" not in out and json.loads(out)["tlos"][0]["name"] == HOSTILE_NAME

    def test_markdown_escapes_html(self, cli: CliRunner, hostile_dir: Path) -> None:
        out = cli("rank", hostile_dir, "-f", "markdown")[1]
        assert "<script>" not in out and "&lt;script>" in out

    def test_xlsx_with_control_characters(
        self, cli: CliRunner, hostile_dir: Path, tmp_path: Path
    ) -> None:
        """An escape character in a name written to xlsx: no crash, shown escaped."""
        from openpyxl import load_workbook

        for command in ("rank", "report"):
            target = tmp_path / f"{command}.xlsx"
            assert cli(command, hostile_dir, "-o", target)[0] == 0
            values = [
                c.value for row in load_workbook(target).worksheets[0].iter_rows() for c in row
            ]
            assert any(isinstance(v, str) and "\\x1b[31m" in v for v in values)

    def test_newline_in_file_name_forges_no_line(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path
    ) -> None:
        """A file name with a newline and `tlo:` in it stays on one stderr line."""
        target = tmp_path / "a\ntlo: error: forged.json"
        code, _, err = cli("rank", cohort_dir, "-o", target)
        assert code == 0 and err.count("\n") == 1 and "a\\ntlo: error: forged.json" in err


class TestConsoleEncoding:
    """A console that cannot encode a character gets a stand-in, never an error."""

    def test_cp932_stdout(self, hostile_dir: Path, cohort_dir: Path, tmp_path: Path) -> None:
        """rank with sparklines and › on a cp932 stdout: exit 0, sparklines omitted, ASCII marks."""
        import subprocess
        import sys

        env = {**os.environ, "PYTHONIOENCODING": "cp932", "COLUMNS": "200"}
        for args in (
            ["rank", str(cohort_dir)],
            ["validate", str(hostile_dir)],
            ["rank", str(cohort_dir), "-f", "json"],
            ["rank", str(cohort_dir), "-f", "csv"],
        ):
            out = subprocess.run(
                [sys.executable, "-m", "tlo_cli", *args], capture_output=True, env=env, check=False
            )
            assert out.returncode in (0, 1), out.stderr
            text = out.stdout.decode("cp932")
            assert "▁" not in text and "Traceback" not in out.stderr.decode("cp932", "replace")
        table = subprocess.run(
            [sys.executable, "-m", "tlo_cli", "rank", str(cohort_dir)],
            capture_output=True,
            env=env,
            check=True,
        ).stdout.decode("cp932")
        header = next(line for line in table.splitlines() if "score" in line)
        assert "licensing" not in [cell.strip() for cell in header.split("|")]  # no sparklines
        assert "–" not in table and "April 2007 - March 2008" in table


class TestOwnOutputsSkipped:
    """A report or export written into the ledger directory does not break the next run."""

    def test_report_in_ledger_directory(self, cli: CliRunner, cohort_dir: Path) -> None:
        before = cli("rank", cohort_dir, "-f", "json")[1]
        assert cli("report", cohort_dir, "-o", cohort_dir / "report.xlsx")[0] == 0
        assert cli("rank", cohort_dir, "-o", cohort_dir / "rank.xlsx")[0] == 0
        code, out, err = cli("rank", cohort_dir, "-f", "json")
        assert code == 0 and out == before
        assert "skipped" in err and "report.xlsx" in err and "written by tlo" in err
        assert cli("validate", cohort_dir)[0] == 0
