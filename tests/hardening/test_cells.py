"""What is read is what a person sees: number formats, error values, hidden rows, columns and
sheets, and sheets that could each be the ledger. Each workbook is built here, in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Text
from tests.hardening.cellbooks import cached_error, patch_ledger, styled_book
from tlo_cli.ledger import read_file
from tlo_cli.ledger.load import FileReport

HEAD = [["(単位：千円)"], ["科目", 2006, 2007]]


def codes(report: FileReport) -> list[str]:
    return [i.code for i in report.issues]


def only_error(report: FileReport) -> str:
    """The one error of a refused workbook, as printed."""
    assert report.ledgers == ()
    assert len(report.errors) == 1, [str(i) for i in report.errors]
    return str(report.errors[0])


class TestNumberFormats:
    """A number formatted #,##0, shows in thousands; 0% shows ×100."""

    def test_thousands_format_under_thousand_yen(self, tmp_path: Path) -> None:
        """B3 stores 1,234,567 and shows 1,235 under (単位：千円): read as 1,234.567 千円, i.e.
        1,234,567 yen (not 1,234,567 千円 = 1,234,567,000 yen). C3 has no format: 20 千円 =
        20,000 yen."""
        rows = [*HEAD, ["実施料収入", 1_234_567, 20], ["人件費", 5, 5]]
        report = read_file(styled_book(tmp_path / "k.xlsx", rows, formats={"B3": "#,##0,"}))
        assert report.ok, [str(i) for i in report.issues]
        assert report.ledgers[0].amounts["licensing_income"] == {2006: 1_234_567.0, 2007: 20_000.0}

    def test_millions_format_with_quoted_unit(self, tmp_path: Path) -> None:
        """#,##0,,"百万円" divides by 10^6: 3,000,000,000 stored shows 3,000 (千円) →
        3,000 × 1,000 = 3,000,000 yen."""
        rows = [*HEAD, ["実施料収入", 3_000_000_000, 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "m.xlsx", rows, formats={"B3": '#,##0,,"百万円"'})
        assert read_file(book).ledgers[0].amounts["licensing_income"][2006] == 3_000_000.0

    def test_percent_format(self, tmp_path: Path) -> None:
        """0.05 formatted 0% shows 5: 5 千円 = 5,000 yen."""
        rows = [*HEAD, ["実施料収入", 0.05, 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "p.xlsx", rows, formats={"B3": "0%"})
        assert read_file(book).ledgers[0].amounts["licensing_income"][2006] == 5_000.0

    def test_grouping_comma_does_not_scale(self, tmp_path: Path) -> None:
        """#,##0 only groups digits: 1,234 千円 = 1,234,000 yen."""
        rows = [*HEAD, ["実施料収入", 1234, 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "g.xlsx", rows, formats={"B3": "#,##0"})
        assert read_file(book).ledgers[0].amounts["licensing_income"][2006] == 1_234_000.0


class TestErrorValues:
    """An error value is never a zero: an error naming the cell."""

    def test_cached_div0(self, tmp_path: Path) -> None:
        """=1/0 whose stored result is #DIV/0! in C3."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = patch_ledger(
            styled_book(tmp_path / "d.xlsx", rows), cached_error("C3", 20, "#DIV/0!")
        )
        message = only_error(read_file(book))
        assert message.startswith(f"{book} › 損益計算書 › C3: the error value #DIV/0!")

    def test_typed_error_value(self, tmp_path: Path) -> None:
        """A pasted #N/A (an error-typed cell with no formula) in B4."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "n.xlsx", rows, errors={"B4": "#N/A"})
        assert "› 損益計算書 › B4: the error value #N/A" in only_error(read_file(book))

    def test_error_text(self, tmp_path: Path) -> None:
        """#REF! stored as text (not as an error value) is no better."""
        rows = [*HEAD, ["実施料収入", Text("#REF!"), 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "t.xlsx", rows)
        assert "› B3: the error value #REF!" in only_error(read_file(book))

    def test_error_as_label(self, tmp_path: Path) -> None:
        """A label that is #N/A under the revenue section is not folded into other income."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "l.xlsx", rows, errors={"A4": "#N/A"})
        report = read_file(book)
        assert "error-value" in codes(report)
        assert not report.ok

    def test_profile_error_value(self, tmp_path: Path) -> None:
        """#N/A as the TLO id, as an error value or as text: an error naming the profile cell."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        for name, value, code in [
            ("e", "#N/A", "error-value"),
            ("t", Text("#N/A"), "bad-profile-value"),
        ]:
            profile = [["id", value], ["approved", 2003]]
            report = read_file(styled_book(tmp_path / f"{name}.xlsx", rows, profile=profile))
            assert [(i.code, i.location and i.location.cell) for i in report.errors] == [
                (code, "B1")
            ]


class TestHidden:
    """Hidden rows and columns are not read, and said; hidden sheets are not candidates."""

    def test_hidden_row_not_added(self, tmp_path: Path) -> None:
        """人件費 5 and a hidden second 人件費 999 (row 5): only 5 千円 = 5,000 yen is read."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5], ["人件費", 999, 999]]
        report = read_file(styled_book(tmp_path / "r.xlsx", rows, hidden_rows=[5]))
        assert report.ok
        assert report.ledgers[0].amounts["personnel_cost"] == {2006: 5_000.0, 2007: 5_000.0}
        (note,) = [i for i in report.issues if i.code == "hidden-cells"]
        assert str(note).endswith(
            "損益計算書: row 5 is hidden; not read "
            "(unhide them in Excel if they belong to the statement)"
        )

    def test_hidden_budget_column(self, tmp_path: Path) -> None:
        """Column C (FY2007, a budget) is hidden: FY2006 alone is read."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        report = read_file(styled_book(tmp_path / "c.xlsx", rows, hidden_cols=["C"]))
        assert report.ok
        assert report.ledgers[0].years == (2006,)
        assert any("column C is hidden" in str(i) for i in report.warnings)

    def test_empty_hidden_rows_are_not_said(self, tmp_path: Path) -> None:
        """A hidden row with nothing in it changes nothing and is not worth a line."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        report = read_file(styled_book(tmp_path / "e.xlsx", rows, hidden_rows=[9]))
        assert "hidden-cells" not in codes(report)

    def test_hidden_old_sheet_beside_corrected(self, tmp_path: Path) -> None:
        """A hidden 損益計算書 beside 損益計算書(修正後): the visible one is read, the other said."""
        old = [*HEAD, ["実施料収入", 999, 999], ["人件費", 5, 5]]
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = styled_book(
            tmp_path / "h.xlsx",
            rows,
            sheet="損益計算書(修正後)",
            extra={"損益計算書": (old, "hidden")},
        )
        report = read_file(book)
        assert report.ok
        assert report.ledgers[0].amounts["licensing_income"][2006] == 10_000.0
        assert [str(i) for i in report.issues if i.code == "hidden-sheet"] == [
            f"{book} › 損益計算書: the sheet is hidden; not read "
            "(unhide it in Excel if it is the statement, or delete it)"
        ]


class TestTwoLedgers:
    """Two sheets that could each be the ledger: an error naming both, never a guess."""

    @pytest.mark.parametrize(
        ("first", "second"), [("損益計算書", "PL"), ("損益計算書", "損益計算書(修正後)")]
    )
    def test_refused(self, tmp_path: Path, first: str, second: str) -> None:
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = styled_book(
            tmp_path / "d.xlsx", rows, sheet=first, extra={second: (rows, "visible")}
        )
        assert only_error(read_file(book)) == (
            f"{book}: 2 sheets could be the ledger: «{first}» and «{second}»; refusing to pick one "
            "(delete or rename all but one (hide an old version to keep it: hidden sheets are not "
            "read))"
        )

    @pytest.mark.parametrize(
        "names", [("損益計算書H18", "損益計算書H19"), ("損益計算書(第6期)", "損益計算書(第7期)")]
    )
    def test_one_sheet_per_year_is_not_two_ledgers(
        self, tmp_path: Path, names: tuple[str, str]
    ) -> None:
        """Sheets named by a fiscal year or a term are one sheet per year, never a duplicate."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = styled_book(
            tmp_path / "y.xlsx", rows, sheet=names[0], extra={names[1]: (rows, "visible")}
        )
        assert "duplicate-ledger-sheet" not in codes(read_file(book))

    def test_excel_copy_is_a_second_ledger(self, tmp_path: Path) -> None:
        """Excel names a copied sheet 損益計算書 (2): a second candidate, refused."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "c.xlsx", rows, extra={"損益計算書 (2)": (rows, "visible")})
        assert codes(read_file(book)) == ["duplicate-ledger-sheet"]

    @pytest.mark.parametrize(
        "other", ["貸借対照表", "Balance sheet", "損益計算書内訳表", "収支予算書"]
    )
    def test_statement_beside_other_sheets(self, tmp_path: Path, other: str) -> None:
        """A balance sheet, a breakdown or a budget beside the statement is not a second ledger."""
        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = styled_book(tmp_path / "b.xlsx", rows, extra={other: ([["資産合計", 1]], "visible")})
        assert read_file(book).ok


class TestHugeMerge:
    """A merged range reaching XFD1048576 is clipped to the sheet, never expanded."""

    def test_fast(self, tmp_path: Path) -> None:
        import time

        rows = [*HEAD, ["実施料収入", 10, 20], ["人件費", 5, 5]]
        book = patch_ledger(
            styled_book(tmp_path / "m.xlsx", rows),
            lambda d: d.replace(
                b"</sheetData>",
                b'</sheetData><mergeCells count="1"><mergeCell ref="F1:XFD1048576"/></mergeCells>',
            ),
        )
        start = time.perf_counter()
        report = read_file(book)
        assert time.perf_counter() - start < 5
        assert report.ok
