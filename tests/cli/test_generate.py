"""`tlo sample` and `tlo template`: what they write, and what they refuse to do."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliRunner
from tests.render.test_workbook import TEMPLATE_YEARS, fill_template
from tlo_cli.cli.generate import parse_years
from tlo_cli.errors import UsageError
from tlo_cli.ledger import read_file
from tlo_cli.model import Unit
from tlo_cli.render.statement_labels import Lang

COMMITTED = Path(__file__).resolve().parent.parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    """`tlo sample -o DIR --format json`, run once: (exit code, stdout, DIR)."""
    from tlo_cli.cli.app import main

    directory = tmp_path_factory.mktemp("sample")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["sample", "-o", str(directory), "--format", "json"])
    return code, out.getvalue(), directory


def cells(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values (python-calamine)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


class TestSampleCommand:
    """`tlo sample -o DIR` reproduces data/sample."""

    def test_writes_the_committed_files(self, regenerated: tuple[int, str, Path]) -> None:
        """Exit 0 and the same file names as data/sample."""
        code, _, directory = regenerated
        assert code == 0
        assert sorted(p.name for p in directory.iterdir()) == sorted(
            p.name for p in COMMITTED.iterdir()
        )

    def test_every_cell_value_matches(self, regenerated: tuple[int, str, Path]) -> None:
        """Every cell of every sheet of every workbook equals the committed one."""
        _, _, directory = regenerated
        committed = sorted(COMMITTED.glob("*.xlsx"))
        assert len(committed) == 47
        for path in committed:
            assert cells(directory / path.name) == cells(path), path.name

    def test_readme_matches(self, regenerated: tuple[int, str, Path]) -> None:
        """The README is regenerated word for word."""
        _, _, directory = regenerated
        assert (directory / "README.md").read_text(encoding="utf-8") == (
            COMMITTED / "README.md"
        ).read_text(encoding="utf-8")

    def test_json_equals_the_library_result(self, regenerated: tuple[int, str, Path]) -> None:
        """--format json prints the library's SampleSet.to_dict()."""
        import numpy as np

        from tlo_cli.cli.output import to_json
        from tlo_cli.sample.files import SampleSet
        from tlo_cli.sample.generate import SAMPLE_SEED, generate_sample

        _, out, directory = regenerated
        tlos = tuple(generate_sample(np.random.default_rng(SAMPLE_SEED)))
        expected = SampleSet(directory, SAMPLE_SEED, tlos).to_dict()
        document = json.loads(out)
        assert document == json.loads(to_json(expected))
        assert document["peaks"] == {"licensing_income_fy": 2005, "licenses_executed_fy": 2006}
        assert len(document["tlos"]) == 47

    def test_refuses_to_overwrite(self, cli: CliRunner, regenerated: tuple[int, str, Path]) -> None:
        """Without --force an existing sample is left alone: exit 2 and one line."""
        _, _, directory = regenerated
        before = (directory / "T01.xlsx").read_bytes()
        code, out, err = cli("sample", "-o", directory)
        assert code == 2 and out == ""
        assert "already exists" in err and "--force" in err
        assert (directory / "T01.xlsx").read_bytes() == before

    def test_output_that_is_a_file(self, cli: CliRunner, tmp_path: Path) -> None:
        """-o naming an existing file is bad usage."""
        target = tmp_path / "file.txt"
        target.write_text("x")
        code, _, err = cli("sample", "-o", target)
        assert code == 2 and "not a directory" in err


class TestTemplateCommand:
    """`tlo template -o FILE.xlsx` writes an empty ledger and never clobbers a file."""

    def test_round_trip_through_the_command(self, cli: CliRunner, tmp_path: Path) -> None:
        """English, years as rows, millions: filled in, it reads back with no issues."""
        path = tmp_path / "t.xlsx"
        code, out, err = cli("template", "-o", path, "--lang", "en", "--layout", "columns",
                             "--years", "2003-2005", "--unit", "million")  # fmt: skip
        assert (code, out) == (0, "")
        assert "wrote" in err
        expected = fill_template(path, Lang.EN, Unit.MILLION)
        report = read_file(path)
        assert report.issues == ()
        assert report.ledgers[0].amounts == expected
        assert report.ledgers[0].years == tuple(TEMPLATE_YEARS)

    def test_refuses_to_overwrite_without_force(self, cli: CliRunner, tmp_path: Path) -> None:
        """An existing file is kept (exit 2) unless --force is given."""
        path = tmp_path / "t.xlsx"
        path.write_bytes(b"keep me")
        code, _, err = cli("template", "-o", path)
        assert code == 2 and "already exists" in err
        assert path.read_bytes() == b"keep me"
        assert cli("template", "-o", path, "--force")[0] == 0
        assert path.read_bytes()[:2] == b"PK"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--years", "2008-2003"], "no later than the last"),
            (["--years", "soon"], "not a range of fiscal years"),
            (["--years", "1900-1901"], "1950–2100"),
        ],
    )
    def test_bad_years(self, cli: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
        """A range that is not fiscal years is bad usage, and nothing is written."""
        path = tmp_path / "t.xlsx"
        code, _, err = cli("template", "-o", path, *args)
        assert code == 2 and message in err
        assert not path.exists()

    def test_not_xlsx_or_no_directory(self, cli: CliRunner, tmp_path: Path) -> None:
        """Another extension, or a directory that does not exist, is bad usage."""
        assert cli("template", "-o", tmp_path / "t.csv")[0] == 2
        assert cli("template", "-o", tmp_path / "missing" / "t.xlsx")[0] == 2

    def test_listed_in_help(self, cli: CliRunner) -> None:
        """Both commands are in `tlo --help`."""
        _, out, _ = cli("--help")
        assert "template" in out and "sample" in out


class TestParseYears:
    """--years takes a range or one year."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2003-2008", [2003, 2004, 2005, 2006, 2007, 2008]),
            ("FY2005-FY2006", [2005, 2006]),
            ("2007", [2007]),
            (" 2006..2007 ", [2006, 2007]),
        ],
    )
    def test_ranges(self, text: str, expected: list[int]) -> None:
        """Hand-written ranges."""
        assert parse_years(text) == expected

    def test_too_long(self) -> None:
        """More than 50 years is refused."""
        with pytest.raises(UsageError):
            parse_years("1950-2010")
