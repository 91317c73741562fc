"""Columns that are not periods, inner and outer columns, monthly exports and label columns."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import LedgerFactory
from tests.ledger.test_periods import WHERE, errors, only_ledger, sheet
from tlo_cli.ledger import read_file
from tlo_cli.ledger.layout import Table, read_table


def table_of(rows: list[list[Any]], merged: tuple[Any, ...] = ()) -> Table:
    table = read_table(sheet(rows, merged), WHERE)
    assert table is not None
    return table


def values(table: Table) -> dict[str, dict[int, float | None]]:
    return {line.label: line.values for line in table.lines}


class TestSkippedColumns:
    """Columns that are not periods are skipped and listed with cell, heading and reason."""

    @pytest.mark.parametrize(
        "heading",
        ["増減", "差異", "前年比", "前期比", "構成比", "%", "予算額", "補正後予算", "備考", "注記",
         "摘要", "US$", "USD", "千米ドル", "Thousands of U.S. dollars", "増減額(△)"],
    )  # fmt: skip
    def test_skipped_and_listed(self, heading: str) -> None:
        """Each heading is skipped, listed on its cell, and the years beside it read."""
        table = table_of([["科目", 2006, 2007, heading], ["実施料収入", 10, 20, 10]])
        assert table.years == [2006, 2007]
        assert [(cell, reason != "") for cell, _, reason in table.skipped_columns] == [("D1", True)]
        assert values(table)["実施料収入"] == {2006: 10, 2007: 20}
        assert not table.issues

    def test_named_once_in_an_info_line(self, ledger_book: LedgerFactory) -> None:
        """`tlo validate` names the skipped columns once per ledger, as info, not a warning."""
        from tlo_cli.ledger.validate import validate_paths

        rows = [["(単位：千円)"], ["科目", 2006, 2007, "増減"], ["実施料収入", 10, 20, 10]]
        result = validate_paths([ledger_book(rows)])
        (info,) = [row for row in result.tables()[0].rows if row["severity"] == "info"]
        assert info["message"].endswith("損益計算書 › D2 増減 (not a period)")
        assert result.warning_count == 0
        (file,) = result.to_dict()["files"]
        assert file["skipped_columns"] == [
            {"cell": "損益計算書 › D2", "header": "増減", "reason": "not a period"}
        ]

    def test_currency_reason(self) -> None:
        """A currency column is skipped with the reason."""
        table = table_of([["科目", "2007年度", "千米ドル"], ["実施料収入", 1000, 9]])
        assert table.skipped_columns == [("C1", "千米ドル", "a currency other than yen")]

    def test_currency_caption_over_a_year(self, ledger_book: LedgerFactory) -> None:
        """An English annual report: 2008 and 2007 in yen, then 2008 again in U.S. dollars."""
        rows = [
            ["Years ended March 31"],
            [None, "Thousands of yen", None, "Thousands of U.S. dollars"],
            ["Item", "2008", "2007", "2008"],
            ["Royalty income", 120, 100, 1.2],
            ["Personnel costs", 50, 40, 0.5],
        ]
        report = read_file(ledger_book(rows))
        ledger = only_ledger(report)
        assert ledger.years == (2006, 2007)  # end years under the caption
        assert ledger.amounts["licensing_income"] == {2006: 100_000, 2007: 120_000}
        assert "unit-assumed" not in [i.code for i in report.issues]

    def test_budget_beside_actual(self, ledger_book: LedgerFactory) -> None:
        """予算額 | 決算額 | 差異: 決算額 is the period's amount (FY2007 from the title)."""
        rows = [
            ["平成19年度 収支計算書"],
            ["(単位：千円)"],
            ["科目", "予算額", "決算額", "差異"],
            ["実施料収入", 90, 100, -10],
            ["人件費", 50, 40, 10],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2007,)
        assert ledger.amounts["licensing_income"] == {2007: 100_000}
        assert ledger.amounts["personnel_cost"] == {2007: 40_000}

    def test_total_right_of_two_periods(self, ledger_book: LedgerFactory) -> None:
        """Issue 12: a 合計 column made a valid ledger "have no fiscal years"."""
        rows = [["(単位：千円)"], ["科目", 2006, 2007, "合計"], ["実施料収入", 10, 20, 30]]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2006, 2007)
        assert ledger.amounts["licensing_income"] == {2006: 10_000, 2007: 20_000}

    def test_unknown_heading_beside_named_periods(self) -> None:
        """A heading that names nothing, beside two periods written as text, is skipped."""
        table = table_of([["科目", "2006年度", "2007年度", "メモ"], ["実施料収入", 1, 2, "x"]])
        assert table.years == [2006, 2007]
        assert table.skipped_columns == [("D1", "メモ", "not a period")]
        assert not table.issues

    def test_newest_year_first_with_a_difference(self) -> None:
        """Newest year first with a 増減 column (正味財産増減計算書 style)."""
        table = table_of([["科目", "令和4年度", "令和3年度", "増減"], ["実施料収入", 5, 3, 2]])
        assert table.years == [2021, 2022]
        assert values(table)["実施料収入"] == {2022: 5, 2021: 3}


class TestLabelColumns:
    """Label columns: two languages, split labels, account codes, indentation."""

    def test_japanese_and_english_side_by_side(self, ledger_book: LedgerFactory) -> None:
        """Either label of a Japanese | English pair may match."""
        rows = [
            ["(単位：千円)"],
            ["科目", "Item", 2006, 2007],
            ["実施料収入", "Royalty income", 10, 20],
            ["人件費", "Personnel costs", 5, 5],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.amounts["licensing_income"] == {2006: 10_000, 2007: 20_000}

    def test_note_marks_are_not_labels(self) -> None:
        """EDINET style: a 注記番号 column of ※1, (注2) beside the labels."""
        rows = [
            [None, "注記\n番号", "前事業年度\n(自 2018年4月1日\n至 2019年3月31日)", "当事業年度"],
            ["実施料収入", "※1", 100, 120],
            ["人件費", "(注2)", 60, 70],
        ]
        table = table_of(rows)
        assert table.years == [2018, 2019]
        assert [ln.label for ln in table.lines] == ["実施料収入", "人件費"]

    def test_section_beside_an_unknown_item_is_not_its_label(self) -> None:
        """営業外収益 merged over two rows beside 雑益X: the line keeps both texts."""
        rows = [["科目", None, 2007], ["営業外収益", "受取利息", 1], [None, "雑益X", 2]]
        table = table_of(rows, merged=(((1, 0), (2, 0)),))
        assert [ln.label for ln in table.lines] == ["受取利息", "営業外収益 雑益X"]

    def test_split_label_joined_and_codes_skipped(self, ledger_book: LedgerFactory) -> None:
        """Account codes (digits only) before the labels; 販売費及び | 一般管理費 is one label."""
        rows = [
            ["(単位：千円)"],
            ["コード", "科目", None, 2006, 2007],
            ["4100", "実施料収入", None, 10, 20],
            [5200, "販売費及び", "一般管理費", 7, 8],
        ]
        report = read_file(ledger_book(rows))
        table_labels = [ln.label for ln in table_of(rows).lines]
        assert "販売費及び 一般管理費" in table_labels
        assert "4100" not in " ".join(table_labels)
        assert report.ok, errors(report)

    def test_indent_and_label_column(self) -> None:
        """Half-width space 1, full-width space 2, tab 4; label_col counts from the leftmost."""
        rows = [
            [None, "科目", None, 2007],
            [None, "収益", None, None],
            [None, "\u3000\u3000実施料収入", None, 10],
            [None, None, " \t人件費", 5],
        ]
        lines = {ln.label: ln for ln in table_of(rows).lines}
        assert (lines["収益"].indent, lines["収益"].label_col) == (0, 0)
        assert (lines["実施料収入"].indent, lines["実施料収入"].label_col) == (4, 0)
        assert (lines["人件費"].indent, lines["人件費"].label_col) == (5, 1)


class TestInnerOuter:
    """Inner (items) and outer (totals) columns of one period."""

    ROWS: ClassVar[list[list[Any]]] = [
        ["平成19年度 損益計算書"],
        ["科目", "金額", None],
        ["実施料収入", 100, None],
        ["会費収入", 20, None],
        ["収益計", None, 120],
        ["人件費", None, 50],
    ]

    def test_merged_heading_over_inner_and_outer(self) -> None:
        """金額 merged over B:C: items inner (B), totals outer (C), all FY2007."""
        table = table_of(self.ROWS, merged=(((1, 1), (1, 2)),))
        assert table.years == [2007]
        lines = {ln.label: ln for ln in table.lines}
        assert lines["実施料収入"].values == {2007: 100} and not lines["実施料収入"].outer
        assert lines["収益計"].values == {2007: 120} and lines["収益計"].outer
        assert lines["人件費"].cells == {2007: "C6"} and lines["人件費"].outer
        assert not table.issues

    def test_uchiwake_heading(self) -> None:
        """内訳 | 金額 headings, unmerged: inner and outer columns of one period."""
        rows = [list(r) for r in self.ROWS]
        rows[1] = ["科目", "内訳", "金額"]
        table = table_of(rows)
        lines = {ln.label: ln for ln in table.lines}
        assert lines["会費収入"].values == {2007: 20} and not lines["会費収入"].outer
        assert lines["収益計"].outer

    def test_unheaded_outer_column(self) -> None:
        """金額 over B only, amounts in C under no heading: C is B's outer column."""
        table = table_of(self.ROWS)
        lines = {ln.label: ln for ln in table.lines}
        assert table.years == [2007]
        assert lines["収益計"].values == {2007: 120} and lines["収益計"].outer
        assert not lines["実施料収入"].outer

    def test_amounts_in_both_columns_are_an_error(self) -> None:
        """An amount in both columns under one merged heading is an error."""
        rows = [["平成19年度"], ["科目", "金額", None], ["実施料収入", 100, 100]]
        table = table_of(rows, merged=(((1, 1), (1, 2)),))
        assert [i.code for i in table.issues] == ["merged-amount"]

    def test_merged_year_headings(self) -> None:
        """2006 over B:C and 2007 over D:E: two periods, each inner and outer."""
        rows = [
            ["科目", 2006, None, 2007, None],
            ["実施料収入", 10, None, 11, None],
            ["収益計", None, 10, None, 11],
        ]
        table = table_of(rows, merged=(((0, 1), (0, 2)), ((0, 3), (0, 4))))
        assert table.years == [2006, 2007]
        assert values(table) == {"実施料収入": {2006: 10, 2007: 11}, "収益計": {2006: 10, 2007: 11}}

    def test_merged_years_over_inner_and_outer_headings(self) -> None:
        """平成18年度 over 内訳 | 金額, 平成19年度 over 内訳 | 金額 (headings on two rows)."""
        rows = [
            [None, "平成18年度", None, "平成19年度", None],
            ["科目", "内訳", "金額", "内訳", "金額"],
            ["実施料収入", 10, None, 11, None],
            ["会費収入", 5, None, 6, None],
            ["収益計", None, 15, None, 17],
        ]
        table = table_of(rows, merged=(((0, 1), (0, 2)), ((0, 3), (0, 4))))
        assert table.years == [2006, 2007]
        lines = {ln.label: ln for ln in table.lines}
        assert lines["会費収入"].values == {2006: 5, 2007: 6} and not lines["会費収入"].outer
        assert lines["収益計"].values == {2006: 15, 2007: 17} and lines["収益計"].outer
        assert lines["収益計"].cells == {2006: "C5", 2007: "E5"}
        assert not table.issues

    def test_caption_merged_over_several_years(self) -> None:
        """実績 merged over 2006 | 2007 | 2008 is a caption: three periods, not one."""
        rows = [[None, "実績", None, None], ["科目", 2006, 2007, 2008], ["実施料収入", 1, 2, 3]]
        table = table_of(rows, merged=(((0, 1), (0, 3)),))
        assert table.years == [2006, 2007, 2008]
        assert values(table)["実施料収入"] == {2006: 1, 2007: 2, 2008: 3}
        assert not table.issues


MONTHS = [f"2007/{m:02d}" for m in range(4, 13)] + [f"2008/{m:02d}" for m in range(1, 4)]


class TestMonthly:
    """Monthly export columns summed into fiscal years."""

    def test_twelve_months_summed_and_total_checked(self, ledger_book: LedgerFactory) -> None:
        """Twelve months of 10 = 120; the 合計 120 agrees and is not added again."""
        rows = [
            ["(単位：千円)"],
            ["科目", *MONTHS, "合計"],
            ["実施料収入", *[10] * 12, 120],
            ["人件費", *[4] * 12, 48],
        ]
        report = read_file(ledger_book(rows))
        ledger = only_ledger(report)
        assert ledger.years == (2007,)
        assert ledger.amounts["licensing_income"] == {2007: 120_000}
        assert ledger.amounts["personnel_cost"] == {2007: 48_000}
        assert report.issues == ()

    def test_year_and_month_headings(self) -> None:
        """2019年4月 … 2020年3月: twelve months of FY2019, 1+2+…+12 = 78."""
        months = [f"2019年{m}月" for m in range(4, 13)] + [f"2020年{m}月" for m in (1, 2, 3)]
        table = table_of([["科目", *months], ["実施料収入", *range(1, 13)]])
        assert table.years == [2019]
        assert values(table)["実施料収入"] == {2019: 78}

    def test_impossible_era_month_is_refused(self) -> None:
        """H31年4月 … H32年3月: 平成 ended in its year 31, so the January–March cells are refused."""
        months = [f"H31年{m}月" for m in range(4, 13)] + [f"H32年{m}月" for m in (1, 2, 3)]
        table = table_of([["科目", *months], ["実施料収入", *range(1, 13)]])
        assert [i.code for i in table.issues] == ["invalid-fiscal-year"]

    def test_total_mismatch_warns(self) -> None:
        """Months sum to 120; a stated 合計 of 130 is a warning on its cell (N2)."""
        table = table_of([["科目", *MONTHS, "合計"], ["実施料収入", *[10] * 12, 130]])
        assert [(i.code, i.location.cell) for i in table.issues] == [
            ("monthly-total-mismatch", "N2")
        ]
        assert values(table)["実施料収入"] == {2007: 120}

    def test_missing_months_name_them(self) -> None:
        """Ten months of FY2007 (April–January): an error naming 2月 and 3月."""
        rows = [["科目", *MONTHS[:10]], ["実施料収入", *[10] * 10]]
        table = table_of(rows)
        (issue,) = table.issues
        assert issue.code == "missing-months"
        assert "1月, 2月" not in issue.message and "2月, 3月" in issue.message

    def test_two_years_of_month_names_under_unmerged_captions(self) -> None:
        """平成18年度 over the first 4月, 平成19年度 over the second: 24 months, two years."""
        months = [f"{m}月" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
        rows = [
            [None, "平成18年度", *[None] * 11, "平成19年度"],
            ["科目", *months, *months],
            ["実施料収入", *[1] * 12, *[2] * 12],
        ]
        table = table_of(rows)
        assert table.years == [2006, 2007]
        assert values(table)["実施料収入"] == {2006: 12, 2007: 24}

    def test_month_names_under_a_year_caption(self) -> None:
        """4月 … 3月 under 平成19年度: FY2007; the months sum to 1+2+…+12 = 78."""
        months = [f"{m}月" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
        rows = [
            [None, "平成19年度"],
            ["科目", *months],
            ["実施料収入", *range(1, 13)],
        ]
        table = table_of(rows, merged=(((0, 1), (0, 12)),))
        assert table.years == [2007]
        assert values(table)["実施料収入"] == {2007: 78}


TOKENS: list[Any] = [
    "", "科目", "金額", "決算額", "予算額", "増減", "前期", "当期", "第5期", "第6期", "2007", 2007,
    2008, "2007年度", "H19", "H32", "4月", "3月", "2007/04", "2007/08", "合計", "内訳",
    "自 平成19年4月1日", "至 平成20年3月31日", "Years ended March 31", "US$", "実施料収入",
    "人件費", 10, 1990, "1,234", "△5", "-", "FY06", "平成28年6月期", "(単位：千円)", "x", "4100",
]  # fmt: skip


class TestAnyGrid:
    """Whatever the grid, reading returns a table or None and never raises."""

    @settings(max_examples=150, deadline=None)
    @given(
        grid=st.lists(
            st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6), min_size=1, max_size=7
        ),
        merge=st.booleans(),
    )
    def test_never_raises(self, grid: list[list[Any]], merge: bool) -> None:
        """Every year of the table heads a column; every problem names a sheet."""
        merged = (((0, 0), (0, 1)),) if merge and len(grid[0]) > 1 else ()
        table = read_table(sheet(grid, merged), WHERE)
        if table is not None:
            assert set(table.years) == set(table.year_cells)
            assert all(issue.location.sheet == "損益計算書" for issue in table.issues)
