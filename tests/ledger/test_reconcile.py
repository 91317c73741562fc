"""Reconcile or refuse: ambiguous lines take the reading the stated totals confirm.

Amounts in 千円; each docstring works the figures out by hand.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import LedgerFactory
from tests.ledger.reports import codes, ok
from tlo_cli.ledger import read_file

HEAD: list[list[Any]] = [["(単位：千円)"], ["科目", 2006, 2007]]


class TestAmbiguousLines:
    def test_parent_heading_its_own_breakdown_is_a_total(self, ledger_book: LedgerFactory) -> None:
        """管理費 100 above 人件費 50 + 旅費交通費 50 (issue 12 read 200): a total.

        Revenue 300; expenses 100 (not 200); 経常利益 200 reconciles only so.
        """
        rows = [
            *HEAD,
            ["実施料収入", 300, 300],
            ["管理費", 100, 100],
            ["人件費", 50, 60],
            ["旅費交通費", 50, 40],
            ["経常利益", 200, 200],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.amounts["personnel_cost"] == {2006: 50_000, 2007: 60_000}
        assert ledger.amounts["admin_cost"] == {2006: 50_000, 2007: 40_000}
        assert ledger.reading.reconciled == (2006, 2007)

    def test_parent_read_as_item_when_the_ordinary_profit_says_so(
        self, ledger_book: LedgerFactory
    ) -> None:
        """Rule (1) over rule (3): 管理費 100 then 人件費 50 + 旅費交通費 50 with 経常利益 100.

        As a total: 300 − 100 = 200 ≠ 100. As an item: 300 − (100 + 50 + 50) = 100 = stated.
        """
        rows = [
            *HEAD,
            ["実施料収入", 300, 300],
            ["管理費", 100, 100],
            ["人件費", 50, 50],
            ["旅費交通費", 50, 50],
            ["経常利益", 100, 100],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.amounts["admin_cost"] == {2006: 150_000, 2007: 150_000}

    def test_section_line_not_the_total_of_the_line_above(self, ledger_book: LedgerFactory) -> None:
        """販売費及び一般管理費 after 売上原価 is an item, not a total of 売上原価.

        Revenue 1,000; expenses 600 + 300 = 900; 100 stated (v1 read 700 more profit).
        """
        rows = [
            *HEAD,
            ["売上高", 1000, 1000],
            ["売上原価", 600, 600],
            ["売上総利益", 400, 400],
            ["販売費及び一般管理費", 300, 300],
            ["営業利益", 100, 100],
            ["経常利益", 100, 100],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.amounts["admin_cost"] == {2006: 300_000, 2007: 300_000}
        assert ledger.amounts["distribution_cost"] == {2006: 600_000, 2007: 600_000}

    def test_section_line_totals_the_lines_below(self, ledger_book: LedgerFactory) -> None:
        """売上高 150 above ロイヤリティ収入 100 + 会費収入 50: a total; revenue 150, not 300."""
        rows = [
            *HEAD,
            ["売上高", 150, 160],
            ["ロイヤリティ収入", 100, 110],
            ["会費収入", 50, 50],
            ["人件費", 120, 120],
            ["経常利益", 30, 40],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.amounts["licensing_income"] == {2006: 100_000, 2007: 110_000}
        assert "section-as-item" not in codes(read_file(ledger_book(rows)))

    def test_section_line_totals_the_lines_above(self, ledger_book: LedgerFactory) -> None:
        """Items first, then 営業外収益 20 as their total: revenue 100 + 5 + 15 = 120."""
        rows = [
            *HEAD,
            ["実施料収入", 100, 100],
            ["受取利息", 5, 5],
            ["補助金収入", 15, 15],
            ["営業外収益", 20, 20],
            ["人件費", 100, 100],
            ["経常利益", 20, 20],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert (
            sum(
                ledger.amounts[i][2006]
                for i in ("licensing_income", "other_income", "subsidy_income")
            )
            == 120_000
        )
        assert "other_income" in ledger.amounts and ledger.amounts["other_income"][2006] == 5_000

    def test_indented_parent_with_amounts(self, ledger_book: LedgerFactory) -> None:
        """An indented breakdown under 事業費 2,000: 1,500 + 500; expenses 2,000, not 4,000."""
        fw = "\u3000"
        rows = [
            *HEAD,
            ["経常収益", None, None],
            [fw + "実施料収入", 2500, 2500],
            ["経常費用", None, None],
            [fw + "事業費", 2000, 2000],
            [fw * 2 + "給料手当", 1500, 1500],
            [fw * 2 + "研究開発助成金", 500, 500],
            ["当期経常増減額", 500, 500],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert ledger.amounts["personnel_cost"][2006] == 1_500_000
        assert ledger.amounts["other_expenses"][2006] == 500_000
        assert "admin_cost" not in ledger.amounts


class TestRefusals:
    def test_unreconcilable_ordinary_profit_is_an_error(self, ledger_book: LedgerFactory) -> None:
        """FY2007 states 50 but 200 − 120 = 80: an error naming the cell and the difference
        (−30); FY2006 (200 − 120 = 80 stated) reconciles."""
        rows = [*HEAD, ["実施料収入", 200, 200], ["人件費", 120, 120], ["経常利益", 80, 50]]
        report = read_file(ledger_book(rows))
        assert not report.ledgers
        (issue,) = report.errors
        assert issue.code == "ordinary-profit-mismatch"
        assert issue.location is not None and issue.location.cell == "C5"
        assert "FY2007 is 50" in issue.message and "is 80" in issue.message
        assert "difference -30" in issue.message

    def test_unreconcilable_names_the_folded_lines(self, ledger_book: LedgerFactory) -> None:
        """A folded line under the section is named among the lines involved."""
        rows = [
            *HEAD,
            ["収益の部", None, None],
            ["実施料収入", 200, 200],
            ["受取賃貸料", 30, 30],
            ["費用の部", None, None],
            ["人件費", 120, 120],
            ["経常利益", 80, 80],
        ]
        report = read_file(ledger_book(rows))
        messages = [i.message for i in report.errors]
        assert len(messages) == 2 and all("「受取賃貸料」 (A5, folded)" in m for m in messages)

    def test_batch_skips_an_unreconciled_ledger(self, tmp_path: Any, cli: Any) -> None:
        """`tlo rank` over a folder: the unreconciled ledger is skipped and listed, exit 1."""
        from tests.conftest import simple_ledger, write_book

        folder = tmp_path / "books"
        folder.mkdir()
        for name in "ab":
            simple_ledger(
                folder / f"{name}.xlsx", name.upper(), licensing=[100, 100, 100], costs=[50, 50, 50]
            )
        rows = [
            ["(単位：千円)"],
            ["科目", 2005, 2006, 2007],
            ["実施料収入", 100, 100, 100],
            ["人件費", 50, 50, 50],
            ["経常利益", 50, 50, 70],
        ]
        write_book(folder / "bad.xlsx", {"profile": [["id", "BAD"]], "ledger": rows})
        code, out, err = cli("rank", folder, "--as-of", 2007, "--format", "json")
        assert code == 1
        assert "skipped: " in err and "bad.xlsx › ledger › D5: 経常利益 for FY2007 is 70" in err
        assert "difference 20" in err
        assert sorted(t["id"] for t in json.loads(out)["tlos"]) == ["A", "B"]

    def test_more_than_twelve_ambiguous_lines_in_a_scope(self, ledger_book: LedgerFactory) -> None:
        """Thirteen 管理費 lines each equal to the line after it, in one section: refused."""
        rows: list[list[Any]] = [*HEAD, ["実施料収入", 1000, 1000], ["費用の部", None, None]]
        for k in range(13):
            rows += [["管理費", 10 + k, 10 + k], ["人件費", 10 + k, 10 + k]]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["too-ambiguous"]
        assert "13 lines under 「費用の部」" in report.errors[0].message

    @pytest.mark.parametrize("strict", [False, True])
    def test_unreconciled_subtotal_warns_or_fails(
        self, ledger_book: LedgerFactory, strict: bool
    ) -> None:
        """営業利益 stated 90 but 100 − 20 = 80: a warning; with --strict an error."""
        rows = [
            *HEAD,
            ["実施料収入", 100, 100],
            ["人件費", 20, 20],
            ["営業利益", 90, 80],
            ["補助金収入", 10, 10],
            ["経常利益", 90, 90],
        ]
        report = read_file(ledger_book(rows), strict=strict)
        mismatch = [i for i in report.issues if i.code == "subtotal-mismatch"]
        assert len(mismatch) == 1 and mismatch[0].is_error is strict
        assert report.ok is not strict


class TestReadingRecord:
    def test_no_stated_totals(self, ledger_book: LedgerFactory) -> None:
        """No totals: read by the labels; the record says the statement states no totals."""
        rows = [*HEAD, ["実施料収入", 100, 100], ["人件費", 20, 20]]
        ledger = ok(read_file(ledger_book(rows)))
        assert not ledger.reading.stated_totals
        assert ledger.reading.reconciled == ()
        assert ledger.reading.to_dict()["coverage"] == {"revenue": 1.0, "expenses": 1.0}

    def test_coverage_counts_folded_yen(self, ledger_book: LedgerFactory) -> None:
        """Revenue 90 + 10 folded (受取賃貸料) over two years: coverage 180 / 200 = 0.9."""
        rows = [
            *HEAD,
            ["収益の部", None, None],
            ["実施料収入", 90, 90],
            ["受取賃貸料", 10, 10],
            ["費用の部", None, None],
            ["人件費", 50, 50],
            ["経常利益", 50, 50],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        reading = ledger.reading.to_dict()
        assert reading["coverage"] == {"revenue": pytest.approx(0.9), "expenses": 1.0}
        assert reading["folded"] == [{"cell": "A5", "label": "受取賃貸料", "into": "other_income"}]
        assert reading["reconciled"] == [2006, 2007]
        assert ledger.reading.lines == 3


class TestOuterColumn:
    def test_outer_amount_totals_the_inner_ones(self) -> None:
        """計算書類 style: 人件費 500 and 家賃 300 in the inner column, 800 in the outer column
        on a line of its own: a total of the two, not a third expense. Revenue 1,000 (an
        outer amount with nothing inner above it is an item); 1,000 − 800 = 200 stated."""
        from tlo_cli.errors import Location
        from tlo_cli.ledger.axis import Layout
        from tlo_cli.ledger.labels import normalize
        from tlo_cli.ledger.layout import Line, Table
        from tlo_cli.ledger.statement import read_statement
        from tlo_cli.model import Unit

        def line(row: int, label: str, value: float | None, *, outer: bool = False) -> Line:
            return Line(
                label, normalize(label), f"A{row}", {2007: value}, {2007: f"B{row}"}, outer=outer
            )

        lines = [
            line(3, "売上高", 1000, outer=True),
            line(4, "販売費及び一般管理費", None),
            line(5, "人件費", 500),
            line(6, "地代家賃", 300),
            line(7, "地代家賃", 800, outer=True),
            line(8, "経常利益", 200, outer=True),
        ]
        table = Table(Layout.ITEMS_AS_ROWS, [2007], {2007: "B2"}, lines, Unit.THOUSAND)
        statement = read_statement(table, unit=Unit.THOUSAND, where=Location("x.xlsx"))
        assert [i.code for i in statement.issues] == ["section-as-item"]  # 売上高 alone
        assert statement.amounts["admin_cost"] == {2007: 300_000}
        assert statement.amounts["personnel_cost"] == {2007: 500_000}
        assert statement.reading.reconciled == (2007,)


class TestSearchBounds:
    def test_more_than_sixty_ambiguous_lines_in_a_statement(
        self, ledger_book: LedgerFactory
    ) -> None:
        """61 sections, each with one ambiguous 管理費: refused for the statement as a whole."""
        rows: list[list[Any]] = [*HEAD, ["実施料収入", 1000, 1000]]
        for _ in range(61):
            rows += [["費用の部", None, None], ["管理費", 10, 10], ["人件費", 10, 10]]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["too-ambiguous"]
        assert "61 lines under the statement" in report.errors[0].message

    def test_many_readings_in_one_scope_are_searched_line_by_line(
        self, ledger_book: LedgerFactory
    ) -> None:
        """Eight section lines with three readings each (6,561 combinations) are resolved one
        at a time: each 営業外収益 10 totals one 受取利息 10; revenue 100 + 10 + 8 × 10 = 190,
        190 − 50 = 140 stated."""
        rows: list[list[Any]] = [*HEAD, ["実施料収入", 100, 100], ["受取利息", 10, 10]]
        for _ in range(8):
            rows += [["営業外収益", 10, 10], ["受取利息", 10, 10]]
        rows += [["人件費", 50, 50], ["経常利益", 140, 140]]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.amounts["other_income"][2006] == 90_000
        assert ledger.reading.reconciled == (2006, 2007)


class TestNoSilentDoubleCount:
    def test_parent_that_does_not_add_up_is_a_total_with_a_warning(
        self, ledger_book: LedgerFactory
    ) -> None:
        """管理費 100 above 人件費 50 + 旅費交通費 60 and no stated ordinary profit: read as a
        total (expenses 110, never 210) and the difference of −10 named."""
        fw = "\u3000"
        rows = [
            *HEAD,
            ["実施料収入", 300, 300],
            ["管理費", 100, 100],
            [fw + "人件費", 50, 50],
            [fw + "旅費交通費", 60, 60],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert (
            ledger.amounts["personnel_cost"][2006] + ledger.amounts["admin_cost"][2006] == 110_000
        )
        (issue, _) = [i for i in report.issues if i.code == "subtotal-mismatch"]
        assert "difference -10" in issue.message and issue.location is not None
        assert issue.location.cell == "B4"


class TestSameItemTwice:
    @pytest.mark.parametrize(("total", "salaries"), [(60, 50), (110, 100)])
    def test_restated_or_two_lines(
        self, ledger_book: LedgerFactory, total: int, salaries: int
    ) -> None:
        """給料手当 50 twice in one section: with the section total 60 (50 + 10) the second is
        a restatement; with 110 (50 + 10 + 50) it is a second line of salaries."""
        rows = [
            *HEAD,
            ["実施料収入", 200, 200],
            ["販売費及び一般管理費", None, None],
            ["給料手当", 50, 50],
            ["法定福利費", 10, 10],
            ["給料手当", 50, 50],
            ["販売費及び一般管理費合計", total, total],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert ledger.amounts["personnel_cost"][2006] == (salaries + 10) * 1000
        assert "subtotal-mismatch" not in codes(report)


class TestReadingMerge:
    def test_merge(self) -> None:
        """Two sheets: the lowest coverage (0.8), every reconciled year, lines added."""
        from tlo_cli.model import Reading

        a = Reading(coverage_revenue=0.8, coverage_expenses=1.0, reconciled=(2006,), lines=4)
        b = Reading(coverage_revenue=1.0, coverage_expenses=None, reconciled=(2007,), lines=5)
        merged = Reading.merge([a, b])
        assert (merged.coverage_revenue, merged.coverage_expenses) == (0.8, 1.0)
        assert merged.reconciled == (2006, 2007) and merged.lines == 9
