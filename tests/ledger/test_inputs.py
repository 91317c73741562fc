"""Reading the inputs with tlo's own outputs tested as they are read, not all beforehand.

`read_inputs` must give exactly what `expand_paths` followed by `load_cohort` gives: the same
cohort, files, skipped outputs and, for bad inputs, the same first error.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import simple_ledger
from tlo_cli.errors import TloError
from tlo_cli.ledger.load import expand_paths, load_cohort, read_inputs
from tlo_cli.marker import OUTPUT_MARKER, is_tlo_output


def marked_book(path: Path) -> Path:
    """A workbook carrying tlo's output mark, as reports and exports are written."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["TLO", "score"])
    book.properties.keywords = OUTPUT_MARKER
    book.save(path)
    return path


def ledger(path: Path, tlo: str) -> Path:
    simple_ledger(path, tlo, licensing=[100, 110, 121], costs=[90, 90, 90], net_assets=[5, 5, 5])
    return path


def the_old_way(paths: list[Path]) -> tuple[object, list[Path], list[Path]]:
    own: list[Path] = []
    files = expand_paths(paths, own)
    return load_cohort(files), files, own


class TestReadInputs:
    @pytest.mark.parametrize("workers", ["1", "2"])
    def test_same_as_expanding_first(
        self, tmp_path: Path, workers: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A directory of two ledgers and two reports, plus a report named directly (read, and
        refused as a ledger): both reports inside the directory are skipped, in order."""
        monkeypatch.setenv("TLO_WORKERS", workers)
        d = tmp_path / "in"
        d.mkdir()
        ledger(d / "a.xlsx", "A")
        marked_book(d / "b-report.xlsx")
        ledger(d / "c.xlsx", "C")
        marked_book(d / "d-rank.xlsx")
        direct = marked_book(tmp_path / "named.xlsx")
        paths = [d, direct]
        cohort, files, own = read_inputs(paths)
        assert (cohort, files, own) == the_old_way(paths)
        assert own == [d / "b-report.xlsx", d / "d-rank.xlsx"]
        assert files == [d / "a.xlsx", d / "c.xlsx", direct]
        assert [led.id for led in cohort.ledgers] == ["A", "C"]
        assert [s.path for s in cohort.skipped] == [str(direct)]

    def test_directory_of_outputs_only(self, tmp_path: Path) -> None:
        """Nothing but reports in a directory: the same one-line error as before reading."""
        d = tmp_path / "reports"
        d.mkdir()
        marked_book(d / "r.xlsx")
        with pytest.raises(TloError) as caught:
            read_inputs([d])
        assert caught.value.issue.code == "no-ledgers"
        assert caught.value.issue.message == f"{d}: no .xlsx workbook in this directory"

    @pytest.mark.parametrize("order", ["outputs-first", "missing-first", "empty-first"])
    def test_first_problem_in_input_order(self, tmp_path: Path, order: str) -> None:
        """Of a directory of reports only, a missing path and an empty directory, the error is
        the one the first of them in the input gives, whichever comes first."""
        outputs = tmp_path / "reports"
        outputs.mkdir()
        marked_book(outputs / "r.xlsx")
        missing = tmp_path / "nowhere"
        empty = tmp_path / "empty"
        empty.mkdir()
        paths = {
            "outputs-first": [outputs, missing, empty],
            "missing-first": [missing, outputs, empty],
            "empty-first": [empty, outputs, missing],
        }[order]
        with pytest.raises(TloError) as expected:
            expand_paths(paths)
        with pytest.raises(TloError) as caught:
            read_inputs(paths)
        assert caught.value.issue == expected.value.issue
        first = paths[0]
        assert str(first) in caught.value.issue.message


class TestMarker:
    def test_marked_and_unmarked(self, tmp_path: Path) -> None:
        """A report is marked; a ledger, a non-zip file and a zip without properties are not."""
        assert is_tlo_output(marked_book(tmp_path / "r.xlsx"))
        assert not is_tlo_output(ledger(tmp_path / "l.xlsx", "L"))
        (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04 not a zip")
        assert not is_tlo_output(tmp_path / "junk.xlsx")
        with zipfile.ZipFile(tmp_path / "bare.xlsx", "w") as bare:
            bare.writestr("xl/workbook.xml", "<workbook/>")
        assert not is_tlo_output(tmp_path / "bare.xlsx")

    def test_stored_and_prefixed_archives(self, tmp_path: Path) -> None:
        """The mark is found in an uncompressed properties member, and in an archive with
        bytes before it (which the standard library's zipfile still reads)."""
        report = marked_book(tmp_path / "r.xlsx")
        stored = tmp_path / "stored.xlsx"
        with zipfile.ZipFile(report) as src, zipfile.ZipFile(stored, "w") as out:
            for info in src.infolist():
                out.writestr(info.filename, src.read(info), zipfile.ZIP_STORED)
        assert is_tlo_output(stored)
        prefixed = tmp_path / "prefixed.xlsx"
        prefixed.write_bytes(b"\0" * 100 + report.read_bytes())
        assert is_tlo_output(prefixed)
        shutil.copy(report, tmp_path / "copy.xlsx")
        assert is_tlo_output(tmp_path / "copy.xlsx")


class TestMarkFoundWhileReading:
    def test_read_file_skip_marked(self, tmp_path: Path) -> None:
        """Asked to, read_file signals a report; a ledger is read as ever."""
        from tlo_cli.ledger.book import read_file
        from tlo_cli.ledger.read import MarkedOutput

        with pytest.raises(MarkedOutput):
            read_file(marked_book(tmp_path / "r.xlsx"), skip_marked=True)
        path = ledger(tmp_path / "l.xlsx", "L")
        assert read_file(path, skip_marked=True) == read_file(path)

    @pytest.mark.parametrize("workers", ["1", "2"])
    def test_marked_report_that_would_be_refused(
        self, tmp_path: Path, workers: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A report whose styles declare an entity (refused as a ledger) and a damaged report
        (its mark unreadable: read, and refused) beside a ledger: as expanding first gives."""
        monkeypatch.setenv("TLO_WORKERS", workers)
        d = tmp_path / "in"
        d.mkdir()
        ledger(d / "a.xlsx", "A")
        report = marked_book(tmp_path / "report.xlsx")
        with zipfile.ZipFile(report) as src, zipfile.ZipFile(d / "b.xlsx", "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "xl/styles.xml":
                    data = b'<!DOCTYPE x [<!ENTITY e "e">]>' + data
                dst.writestr(info, data)
        (d / "c.xlsx").write_bytes(report.read_bytes()[:-30])  # the directory cut off
        cohort, files, own = read_inputs([d])
        assert (cohort, files, own) == the_old_way([d])
        assert own == [d / "b.xlsx"]
        assert [s.path for s in cohort.skipped] == [str(d / "c.xlsx")]
