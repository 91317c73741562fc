"""Bad input: each kind is one error naming the file, sheet and cell, never an exception."""

from __future__ import annotations

import datetime as dt
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
        assert "formula =A1&B1 has no stored result" in message  # the XML's &amp; unescaped


class TestAmountCells:
    """Amount notations refused or read as a person reads them, end to end (sheet in 千円)."""

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("(△100)", "two negative signs"),
            ("100 200", "a space inside the number"),
            ("10²", "「²」 is not a plain digit"),
            ("$100", "a currency other than yen"),
            ("USD 100", "a currency other than yen"),
        ],
    )
    def test_refused_naming_the_cell(
        self, ledger_book: LedgerFactory, value: str, reason: str
    ) -> None:
        rows = [*GOOD[:3], ["人件費", 5, value]]
        path = ledger_book(rows)
        code, message = single_error(read_file(path))
        assert code == "text-amount"
        assert message.startswith(f"{path} › 損益計算書 › C4: ")
        assert reason in message

    @pytest.mark.parametrize(
        ("value", "thousand_yen"),
        [("※1 929,125", 929_125), ("929,125 ※2", 929_125), ("*1 7", 7), ("7(注1)", 7)],
    )
    def test_note_markers(self, ledger_book: LedgerFactory, value: str, thousand_yen: int) -> None:
        """A note marker is set aside: 929,125 千円 = 929,125,000 yen."""
        report = read_file(ledger_book([*GOOD[:3], ["人件費", 5, value]]))
        assert report.ok
        assert report.ledgers[0].amounts["personnel_cost"][2007] == thousand_yen * 1000

    def test_unit_in_cell_equal_to_the_sheet(self, ledger_book: LedgerFactory) -> None:
        """14,500千円 in a 千円 sheet: 14,500 × 1,000 = 14,500,000 yen."""
        report = read_file(ledger_book([*GOOD[:3], ["人件費", 5, "14,500千円"]]))
        assert report.ok
        assert report.ledgers[0].amounts["personnel_cost"][2007] == 14_500_000

    def test_unit_in_cell_different_from_the_sheet(self, ledger_book: LedgerFactory) -> None:
        """14,500百万円 in a 千円 sheet is refused, naming the cell."""
        path = ledger_book([*GOOD[:3], ["人件費", 5, "14,500百万円"]])
        code, message = single_error(read_file(path))
        assert code == "unit-mismatch"
        assert message.startswith(
            f"{path} › 損益計算書 › C4: 「14,500百万円」 is written in 百万円"
        )

    def test_dot_as_thousands_separator(self, ledger_book: LedgerFactory) -> None:
        """14.500 among whole numbers: read as 14.5 千円 = 14,500 yen, with a warning on C4."""
        report = read_file(ledger_book([*GOOD[:3], ["人件費", 5, "14.500"]]))
        assert report.ok
        assert report.ledgers[0].amounts["personnel_cost"][2007] == 14_500
        (note,) = [i for i in report.warnings if i.code == "dot-thousands"]
        assert note.location is not None and note.location.cell == "C4"
        assert "is it 14,500?" in note.message

    def test_dot_among_decimals_is_not_said(self, ledger_book: LedgerFactory) -> None:
        """On a sheet with other decimals (12.5), 14.500 is an ordinary decimal."""
        report = read_file(
            ledger_book([*GOOD[:2], ["実施料収入", 12.5, 20], ["人件費", 5, "14.500"]])
        )
        assert "dot-thousands" not in [i.code for i in report.issues]

    def test_bound_after_the_unit(self, ledger_book: LedgerFactory) -> None:
        """10^15 百万円 is 10^21 yen: beyond the 10^15-yen bound, though 10^15 itself is not."""
        rows = [
            ["(単位：百万円)"],
            ["科目", 2006, 2007],
            ["実施料収入", 10, 1e15],
            ["人件費", 5, 5],
        ]
        path = ledger_book(rows)
        code, message = single_error(read_file(path))
        assert code == "bad-amount"
        assert message.startswith(
            f"{path} › 損益計算書 › C3: 実施料収入 for FY2007 is 1e+15 百万円"
        )

    def test_largest_amount_in_millions(self, ledger_book: LedgerFactory) -> None:
        """900,000,000 百万円 = 9 × 10^14 yen is within the bound."""
        rows = [["(単位：百万円)"], ["科目", 2006, 2007], ["実施料収入", 10, 9e8], ["人件費", 5, 5]]
        assert read_file(ledger_book(rows)).ok


class TestSigns:
    """Revenue and expense amounts are never negative; balances and stated profits may be."""

    def test_negative_licensing(self, ledger_book: LedgerFactory) -> None:
        path = ledger_book([*GOOD[:2], ["実施料収入", 10, -20], ["人件費", 5, 5]])
        code, message = single_error(read_file(path))
        assert code == "negative-amount"
        assert message.startswith(f"{path} › 損益計算書 › C3: 実施料収入 for FY2007 is -20 千円")

    def test_negative_line_within_a_positive_item(self, ledger_book: LedgerFactory) -> None:
        """A refund line of △10 under licensing income of 30: licensing is 30 − 10 = 20 千円 =
        20,000 yen, not below zero, so it is read."""
        rows = [*GOOD[:2], ["実施料収入", 30, 30], ["実施料収入", -10, 0], ["人件費", 5, 5]]
        report = read_file(ledger_book(rows))
        assert report.ok, [str(i) for i in report.issues]
        assert report.ledgers[0].amounts["licensing_income"] == {2006: 20_000, 2007: 30_000}

    def test_negative_folded_into_other_income(self, ledger_book: LedgerFactory) -> None:
        """An unknown line under 収益の部 folds into other income; −30 makes other income
        −30 千円 = −30,000 yen in FY2006: refused."""
        rows = [
            *GOOD[:2],
            ["収益の部"],
            ["実施料収入", 10, 20],
            ["謎の収入", -30, 0],
            ["費用の部"],
            ["人件費", 5, 5],
        ]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["negative-amount"]
        assert "other_income for FY2006 sums to -30,000 yen" in str(report.errors[0])

    def test_negative_net_assets_and_profit(self, ledger_book: LedgerFactory) -> None:
        """Net assets of △1,000 (債務超過) and a stated ordinary loss are read.
        Ordinary profit 10 − 15 = −5 in FY2006 and 20 − 15 = 5 in FY2007."""
        rows = [
            *GOOD[:2],
            ["実施料収入", 10, 20],
            ["人件費", 15, 15],
            ["経常利益", -5, 5],
            ["純資産合計", "△1,000", 3],
        ]
        report = read_file(ledger_book(rows))
        assert report.ok, [str(i) for i in report.issues]
        assert report.ledgers[0].amounts["net_assets"][2006] == -1_000_000


class TestProfileBounds:
    """補助期間 is a whole number; the approval year lies between FY1998 and today."""

    @pytest.mark.parametrize("value", [5.9, "inf", "nan", -1, 51, "5.5年"])
    def test_bad_subsidy_years(self, ledger_book: LedgerFactory, value: object) -> None:
        profile = [["id", "T01"], ["approved", 2003], ["補助期間", value]]
        path = ledger_book(GOOD, profile=profile)
        code, message = single_error(read_file(path))
        assert code == "bad-profile-value"
        assert message.startswith(f"{path} › 概要 › B3: subsidy years")

    @pytest.mark.parametrize(("value", "years"), [(5, 5), (5.0, 5), ("7年", 7), ("０", 0)])
    def test_subsidy_years(self, ledger_book: LedgerFactory, value: object, years: int) -> None:
        profile = [["id", "T01"], ["approved", 2003], ["補助期間", value]]
        report = read_file(ledger_book(GOOD, profile=profile))
        assert report.ok
        assert report.ledgers[0].profile.subsidy_years == years

    @pytest.mark.parametrize("value", ["1800-06-01", "1800年6月1日", 1997, "平成9年度"])
    def test_approval_before_the_act(self, ledger_book: LedgerFactory, value: object) -> None:
        """FY1997 (平成9年度) and earlier: before the TLO Act of 1998."""
        profile = [["id", "T01"], ["approved", value]]
        path = ledger_book(GOOD, profile=profile)
        code, message = single_error(read_file(path))
        assert code == "bad-profile-value"
        assert "概要 › B2" in message and "TLO Act of 1998" in message

    def test_approval_after_today(self, ledger_book: LedgerFactory) -> None:
        next_year = dt.date.today().year + 2
        profile = [["id", "T01"], ["approved", next_year]]
        assert single_error(read_file(ledger_book(GOOD, profile=profile)))[0] == "bad-profile-value"

    def test_first_approvals(self, ledger_book: LedgerFactory) -> None:
        """The first TLOs, approved in December 1998, are FY1998."""
        profile = [["id", "T01"], ["approved", dt.date(1998, 12, 4)]]
        report = read_file(ledger_book(GOOD, profile=profile))
        assert report.ok
        assert report.ledgers[0].profile.approved_fy == 1998


class TestNotRegularFiles:
    """A FIFO or a device is refused before it is opened; nothing blocks or fills memory."""

    def test_fifo(self, tmp_path: Path) -> None:
        import os

        path = tmp_path / "pipe.xlsx"
        os.mkfifo(path)
        code, message = single_error(read_file(path))
        assert (code, message) == (
            "not-regular-file",
            f"{path}: cannot read it: a FIFO (named pipe), not a regular file "
            "(give the path of an .xlsx file)",
        )

    def test_device(self) -> None:
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero here")
        assert single_error(read_file(path))[0] == "not-regular-file"

    def test_size_cap(self, tmp_path: Path) -> None:
        """At most limit + 1 bytes are read: an 11-byte file is refused with a cap of 10."""
        from tlo_cli.ledger.safety import FileTooLarge, read_regular

        path = tmp_path / "big.bin"
        path.write_bytes(b"x" * 11)
        with pytest.raises(FileTooLarge):
            read_regular(path, 10)
        assert read_regular(path, 11) == b"x" * 11
