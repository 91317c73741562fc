"""Bad input: each kind is one error naming the file, sheet and cell, never an exception."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import LedgerFactory
from tlo_cli.ledger import read_file
from tlo_cli.ledger.load import FileReport

GOOD = [["(単位：千円)"], ["科目", 2006, 2007], ["実施料収入", 10, 20], ["人件費", 5, 5]]


def single_error(report: FileReport) -> tuple[str, str]:
    assert not report.ok
    assert report.ledgers == ()
    issue = report.errors[0]
    return issue.code, str(issue)


class TestFiles:
    """Files that are not readable xlsx workbooks, told apart by their first bytes."""

    def test_empty(self, tmp_path: Path) -> None:
        """A zero-byte file."""
        path = tmp_path / "empty.xlsx"
        path.write_bytes(b"")
        assert single_error(read_file(path)) == (
            "empty-file",
            f"{path}: the file is empty (0 bytes)",
        )

    def test_truncated(self, tmp_path: Path, ledger_book: LedgerFactory) -> None:
        """An xlsx cut short."""
        good = ledger_book(GOOD).read_bytes()
        path = tmp_path / "cut.xlsx"
        path.write_bytes(good[: len(good) // 2])
        code, message = single_error(read_file(path))
        assert code == "truncated-file"
        assert message.startswith(f"{path}: truncated or damaged xlsx")

    def test_renamed_csv(self, tmp_path: Path) -> None:
        """A CSV file renamed .xlsx."""
        path = tmp_path / "ledger.xlsx"
        path.write_text("科目,2007\n実施料収入,10\n", encoding="utf-8")
        code, message = single_error(read_file(path))
        assert code == "not-xlsx"
        assert "text (CSV?)" in message

    def test_legacy_xls(self, tmp_path: Path) -> None:
        """An OLE compound file without encryption streams is a legacy .xls."""
        path = tmp_path / "old.xls"
        path.write_bytes(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le")
        )
        code, message = single_error(read_file(path))
        assert code == "legacy-xls"
        assert "legacy Excel 97-2003" in message and "save as .xlsx" in message

    def test_encrypted(self, tmp_path: Path) -> None:
        """An OLE compound file with an EncryptionInfo stream is a password-protected xlsx."""
        path = tmp_path / "secret.xlsx"
        path.write_bytes(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le")
        )
        code, message = single_error(read_file(path))
        assert code == "encrypted-file"
        assert "password-protected" in message and "unprotected copy" in message

    def test_zip_without_workbook(self, tmp_path: Path) -> None:
        """A zip archive that is not a workbook."""
        path = tmp_path / "doc.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
        assert single_error(read_file(path))[0] == "not-xlsx"

    def test_zip_bomb(self, tmp_path: Path) -> None:
        """A member compressed beyond any ledger's ratio is refused before expansion."""
        path = tmp_path / "bomb.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
            archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (4 * 1024 * 1024))
        code, message = single_error(read_file(path))
        assert code == "too-large"
        assert "zip bomb" in message

    def test_entity_declaration(self, tmp_path: Path, ledger_book: LedgerFactory) -> None:
        """XML that declares entities (XXE, billion laughs) is refused."""
        good = ledger_book(GOOD)
        path = tmp_path / "xxe.xlsx"
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "xl/workbook.xml":
                    data = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + data
                dst.writestr(info, data)
        assert single_error(read_file(path))[0] == "unsafe-xml"

    def test_input_unchanged(self, ledger_book: LedgerFactory) -> None:
        """Reading never changes the file."""
        path = ledger_book(GOOD)
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        read_file(path)
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before


class TestSheets:
    """Workbooks whose sheets cannot be read as a ledger."""

    def test_missing_ledger_sheet(self, tmp_path: Path) -> None:
        """Two unnamed sheets beside the profile: which is the ledger?"""
        from tests.conftest import PROFILE, write_book

        path = write_book(tmp_path / "x.xlsx", {"概要": PROFILE, "Sheet1": GOOD, "Sheet2": GOOD})
        code, message = single_error(read_file(path))
        assert code == "missing-ledger-sheet"
        assert "Sheet1, Sheet2" in message

    def test_no_fiscal_years(self, ledger_book: LedgerFactory) -> None:
        """No header of fiscal years (a 金額 column is a one-period statement: test_periods)."""
        code, message = single_error(read_file(ledger_book([["科目", "説明"], ["実施料収入", 10]])))
        assert code == "no-fiscal-years"
        assert "損益計算書" in message

    def test_duplicate_year(self, ledger_book: LedgerFactory) -> None:
        """The same fiscal year twice (in two notations) names the second cell."""
        rows = [["(単位：千円)"], ["科目", "H19", "2007年度"], ["実施料収入", 10, 20]]
        code, message = single_error(read_file(ledger_book(rows)))
        assert code == "duplicate-fiscal-year"
        assert "損益計算書 › C2" in message and "also B2" in message

    def test_text_amount(self, ledger_book: LedgerFactory) -> None:
        """Text where an amount belongs names the cell and the expected form."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2006, 2007],
            ["実施料収入", 10, "未定"],
            ["人件費", "n/a", 5],
        ]
        report = read_file(ledger_book(rows))
        assert [str(i.location.cell) for i in report.errors if i.location] == ["C3", "B4"]
        assert 'text "未定" where an amount belongs' in str(report.errors[0])

    def test_negative_count(self, ledger_book: LedgerFactory) -> None:
        """A negative number of licences."""
        rows = [*GOOD, ["技術移転件数", 3, -1]]
        code, message = single_error(read_file(ledger_book(rows)))
        assert code == "negative-count"
        assert "C5" in message

    def test_formula_without_value(self, ledger_book: LedgerFactory) -> None:
        """A formula written by a program and never calculated is an error, not a zero."""
        rows = [*GOOD[:3], ["人件費", 5, "=B4*2"]]
        code, message = single_error(read_file(ledger_book(rows)))
        assert code == "formula-without-value"
        assert "C4" in message and "B4*2" in message

    def test_merged_amounts(self, ledger_book: LedgerFactory) -> None:
        """Amount cells merged across fiscal years."""
        code, message = single_error(read_file(ledger_book(GOOD, merges=["B3:C3"])))
        assert code == "merged-amount"
        assert "B3:C3" in message

    def test_too_many_columns(self, ledger_book: LedgerFactory) -> None:
        """A sheet absurdly wide for a ledger."""
        rows = [["科目", *range(1950, 2101)] + ["x"] * 600]
        assert single_error(read_file(ledger_book(rows)))[0] == "too-large"

    def test_amounts_without_label(self, ledger_book: LedgerFactory) -> None:
        """A row of amounts with no label."""
        rows = [*GOOD, [None, 1, 2]]
        assert single_error(read_file(ledger_book(rows)))[0] == "label-without-amounts"

    def test_every_error_is_reported(self, ledger_book: LedgerFactory) -> None:
        """Validation keeps going: all problems of a sheet are listed, not only the first."""
        rows = [["科目", 2007], ["実施料収入", "x"], ["人件費", "y"], ["謎の科目", 1]]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["text-amount", "text-amount", "unknown-label"]

    @pytest.mark.parametrize("value", ["nan", "inf", 1e300, "9" * 20])
    def test_absurd_numbers(self, ledger_book: LedgerFactory, value: object) -> None:
        """NaN, infinity and astronomically large amounts are errors."""
        rows = [*GOOD[:3], ["人件費", 5, value]]
        assert single_error(read_file(ledger_book(rows)))[0] == "text-amount"


class TestProfileFormulas:
    """Formulas without stored results in the profile are errors too."""

    def test_profile_formula(self, ledger_book: LedgerFactory) -> None:
        """A name computed by a formula never calculated is not silently dropped."""
        profile = [["id", "T01"], ["name", "=A1&B1"], ["approved", 2003]]
        code, message = single_error(read_file(ledger_book(GOOD, profile=profile)))
        assert code == "formula-without-value"
        assert "概要 › B2" in message
