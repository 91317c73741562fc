"""Hand-made workbooks in every accepted form read to the expected items in yen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import pytest

from tests.conftest import PROFILE, LedgerFactory, write_book
from tlo_cli.ledger import load_cohort, read_file
from tlo_cli.ledger.load import FileReport
from tlo_cli.model import Form, Region, Unit


def only_ledger(report: FileReport):  # type: ignore[no-untyped-def]
    assert report.ok, [str(i) for i in report.errors]
    assert len(report.ledgers) == 1
    return report.ledgers[0]


def codes(report: FileReport) -> list[str]:
    return [i.code for i in report.issues]


CORPORATE = [
    ["株式会社テストTLO 損益計算書"],
    ["(単位：千円)"],
    ["科目", "平成17年度", "H18", "2007年度"],
    ["売上高", 150, 160, 170],
    ["  ロイヤリティー収入", 100, 110, "１２０"],
    ["  年会費収入", 50, 50, 50],
    ["売上原価", 60, 60, 60],
    ["売上総利益", 90, 100, 110],
    ["販売費及び一般管理費", None, None, None],
    ["  人件費", 50, 50, 50],
    ["  特許関連費用", 30, 30, 40],
    ["  販売費及び一般管理費合計", 80, 80, 90],
    ["営業利益", 10, 20, 20],
    ["営業外収益", 20, 10, "-"],
    ["  補助金収入", 20, 10, "-"],
    ["営業外費用", "-", "-", 30],
    ["  支払利息", "-", "-", 30],
    ["経常利益", 30, 30, "△10"],
    ["特別利益", None, None, None],
    ["固定資産売却益", 5, 5, 5],
    ["当期純利益", 35, 35, -5],
    ["純資産合計", 500, 530, 520],
    ["技術移転件数", 3, 4, 5],
]


class TestItemsAsRows:
    """The usual Japanese statement: labels down, fiscal years across."""

    def test_corporate_statement(self, ledger_book: LedgerFactory) -> None:
        """Sections, leading totals, subtotals, △ and dashes, items below the line ignored."""
        ledger = only_ledger(read_file(ledger_book(CORPORATE)))
        assert ledger.years == (2005, 2006, 2007)
        assert ledger.unit is Unit.THOUSAND
        assert ledger.amounts["licensing_income"] == {2005: 100_000, 2006: 110_000, 2007: 120_000}
        assert ledger.amounts["membership_income"][2007] == 50_000
        assert ledger.amounts["distribution_cost"][2005] == 60_000
        assert ledger.amounts["subsidy_income"] == {2005: 20_000, 2006: 10_000, 2007: 0}
        assert ledger.amounts["other_expenses"] == {2005: 0, 2006: 0, 2007: 30_000}
        assert ledger.amounts["net_assets"][2007] == 520_000
        assert ledger.amounts["licenses_executed"] == {2005: 3, 2006: 4, 2007: 5}
        assert "other_income" not in ledger.amounts  # 固定資産売却益 is below the line
        assert ledger.warnings == ()
        assert ledger.cells[("licensing_income", 2005)] == "B5"

    def test_profile(self, ledger_book: LedgerFactory) -> None:
        """The profile sheet gives id, form, region and the approval fiscal year."""
        ledger = only_ledger(read_file(ledger_book(CORPORATE)))
        assert ledger.profile.id == "T01"
        assert ledger.profile.form is Form.KABUSHIKI
        assert ledger.profile.internal is False
        assert ledger.profile.region is Region.KANTO
        assert ledger.profile.subsidy_end_fy == 2007

    def test_no_corner_and_title_rows(self, ledger_book: LedgerFactory) -> None:
        """Title rows above a header with no corner cell; the labels are in column A."""
        rows = [
            ["損益計算書"],
            [None, None, "（単位：円）"],
            [None, "FY2006", "FY2007"],
            ["実施料収入", 1000, 2000],
            ["人件費", 500, "1,500"],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.unit is Unit.YEN
        assert ledger.amounts["licensing_income"] == {2006: 1000, 2007: 2000}
        assert ledger.amounts["personnel_cost"] == {2006: 500, 2007: 1500}

    def test_indented_labels_across_columns(self, ledger_book: LedgerFactory) -> None:
        """Section headers in column A and items in column B are read as one label column."""
        rows = [
            ["(単位：千円)"],
            ["科目", None, 2006, 2007],
            ["経常収益", None],
            [None, "実施料収入", 10, 20],
            ["経常費用", None],
            [None, "人件費", 5, 5],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.amounts["licensing_income"] == {2006: 10_000, 2007: 20_000}
        assert ledger.amounts["personnel_cost"] == {2006: 5_000, 2007: 5_000}

    def test_foundation_statement(self, ledger_book: LedgerFactory) -> None:
        """A 正味財産増減計算書: the same item under 事業費 and 管理費 adds up; 計 rows are checked."""
        rows = [
            ["正味財産増減計算書"],
            ["(単位：円)"],
            ["科目", "平成18年度", "平成19年度"],
            ["Ⅰ 一般正味財産増減の部", None, None],
            ["1. 経常増減の部", None, None],
            ["(1) 経常収益", None, None],
            ["事業収益", 300, 400],
            ["受取会費", 100, 100],
            ["受取補助金等", 200, 0],
            ["実施料収入", 50, 60],
            ["経常収益計", 650, 560],
            ["(2) 経常費用", None, None],
            ["事業費", None, None],
            ["給料手当", 200, 210],
            ["還元金", 25, 30],
            ["事業費計", 225, 240],
            ["管理費", None, None],
            ["給料手当", 100, 100],
            ["地代家賃", 50, 50],
            ["管理費計", 150, 150],
            ["経常費用計", 375, 390],
            ["当期経常増減額", 275, 170],
            ["2. 経常外増減の部", None, None],
            ["経常外収益", 10, 10],
            ["一般正味財産期末残高", 1000, 1170],
            ["正味財産期末残高", 1200, 1370],
        ]
        ledger = only_ledger(read_file(ledger_book(rows, sheet="正味財産増減計算書")))
        assert ledger.amounts["personnel_cost"] == {2006: 300, 2007: 310}
        assert ledger.amounts["contract_income"] == {2006: 300, 2007: 400}
        assert ledger.amounts["admin_cost"] == {2006: 50, 2007: 50}
        assert ledger.amounts["net_assets"] == {2006: 1200, 2007: 1370}
        assert ledger.warnings == ()

    def test_header_that_is_an_item_name(self, ledger_book: LedgerFactory) -> None:
        """管理費 with no amounts heads items; with amounts it is the admin item; dashes are zeros."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2007],
            ["実施料収入", 100],
            ["管理費", None],
            ["人件費", 40],
            ["雑費", "-"],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.amounts["personnel_cost"] == {2007: 40_000}
        assert "admin_cost" not in ledger.amounts
        assert ledger.amounts["other_expenses"] == {2007: 0}

    def test_merged_label_counts_for_every_row(self, ledger_book: LedgerFactory) -> None:
        """A label merged over two rows labels both of them."""
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 100], ["人件費", 30], [None, 20]]
        ledger = only_ledger(read_file(ledger_book(rows, merges=["A4:A5"])))
        assert ledger.amounts["personnel_cost"] == {2007: 50_000}

    def test_count_units_in_labels(self, ledger_book: LedgerFactory) -> None:
        """技術移転件数（件） and 職員数(人) are counts, never scaled by the sheet's unit."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2005],
            ["実施料収入", 10],
            ["人件費", 30],
            ["技術移転件数（件）", 3],
            ["職員数(人)", 4],
        ]
        report = read_file(ledger_book(rows))
        ledger = only_ledger(report)
        assert ledger.amounts["licenses_executed"] == {2005: 3}
        assert ledger.amounts["staff"] == {2005: 4}
        assert codes(report) == []

    def test_balance_line_of_a_cash_statement(self, ledger_book: LedgerFactory) -> None:
        """収支差額 on a 収支 statement is the stated result, cross-checked, not an item."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2007],
            ["収入の部", None],
            ["実施料収入", 10],
            ["支出の部", None],
            ["人件費", 30],
            ["収支差額", "△20"],
        ]
        report = read_file(ledger_book(rows))
        ledger = only_ledger(report)
        assert "other_expenses" not in ledger.amounts
        assert codes(report) == []

    def test_memo_rows_are_not_added(self, ledger_book: LedgerFactory) -> None:
        """A うち (of which) row is a breakdown of the line above, not another item."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2007],
            ["補助金収入", 100],
            ["(うち補助金収入)", 60],
            ["人件費", 30],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.amounts["subsidy_income"] == {2007: 100_000}


class TestYearsAsRows:
    """Fiscal years down the first column, items across."""

    def test_english_years_as_rows(self, ledger_book: LedgerFactory) -> None:
        """English labels, an FY column, and the unit in a title."""
        rows = [
            ["Income statement (JPY million)"],
            [
                "fiscal year",
                "Licensing income",
                "Subsidy income",
                "Personnel",
                "Patent costs",
                "Net assets",
            ],
            ["FY2005", 1.5, 10, 8, 2.25, 30],
            ["FY2006", 2, 10, 8, 2, 31],
            ["FY2007", "2.5", "-", 8, 2, 28.5],
        ]
        ledger = only_ledger(read_file(ledger_book(rows, sheet="ledger")))
        assert ledger.years == (2005, 2006, 2007)
        assert ledger.unit is Unit.MILLION
        assert ledger.amounts["licensing_income"] == {
            2005: 1_500_000,
            2006: 2_000_000,
            2007: 2_500_000,
        }
        assert ledger.amounts["subsidy_income"][2007] == 0
        assert ledger.amounts["patent_cost"][2005] == 2_250_000
        assert ledger.amounts["net_assets"][2007] == 28_500_000

    def test_column_units_and_no_keyword(self, ledger_book: LedgerFactory) -> None:
        """A blank corner over the years; a unit in a column's label applies to that column."""
        rows = [
            [None, "実施料収入(千円)", "人件費(円)"],
            ["H18", 10, 5000],
            ["H19", 20, 6000],
            ["合計", 30, 11000],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.amounts["licensing_income"] == {2006: 10_000, 2007: 20_000}
        assert ledger.amounts["personnel_cost"] == {2006: 5000, 2007: 6000}

    def test_sections_across_columns(self, ledger_book: LedgerFactory) -> None:
        """Section header columns with no amounts fold unknown columns by their section."""
        rows = [
            ["(単位：千円)"],
            ["年度", "経常収益", "実施料収入", "寄付金", "経常費用", "人件費"],
            [2007, None, 100, 7, None, 50],
        ]
        report = read_file(ledger_book(rows))
        ledger = only_ledger(report)
        assert ledger.amounts["other_income"] == {2007: 7000}
        assert codes(report) == ["folded-label"]


class TestUnits:
    """The unit from the sheet, from --unit, or assumed with a warning."""

    ROWS: ClassVar[list[list[object]]] = [["科目", 2007], ["実施料収入", 100], ["人件費", 50]]

    def test_assumed(self, ledger_book: LedgerFactory) -> None:
        """No unit anywhere: thousand yen, with a warning."""
        report = read_file(ledger_book(self.ROWS))
        assert only_ledger(report).amounts["licensing_income"] == {2007: 100_000}
        assert codes(report) == ["unit-assumed"]

    def test_option(self, ledger_book: LedgerFactory) -> None:
        """--unit applies to sheets that state none, without a warning."""
        report = read_file(ledger_book(self.ROWS), unit=Unit.MILLION)
        assert only_ledger(report).amounts["licensing_income"] == {2007: 100_000_000}
        assert codes(report) == []

    def test_conflict(self, ledger_book: LedgerFactory) -> None:
        """A stated unit wins over --unit, with a warning."""
        report = read_file(ledger_book([["(単位：円)"], *self.ROWS]), unit=Unit.MILLION)
        assert only_ledger(report).amounts["licensing_income"] == {2007: 100}
        assert codes(report) == ["unit-conflict"]


class TestCrossChecks:
    """Stated totals and ordinary profit are checked, never added."""

    def rows(self, total: int, profit: str) -> list[list[object]]:
        return [
            ["(単位：千円)"],
            ["科目", 2007],
            ["収益の部", None],
            ["実施料収入", 100],
            ["受取会費", 50],
            ["収益合計", total],
            ["費用の部", None],
            ["人件費", 120],
            ["費用合計", 120],
            ["経常損益", profit],
        ]

    def test_consistent(self, ledger_book: LedgerFactory) -> None:
        """Matching totals give no issue and are not double counted."""
        report = read_file(ledger_book(self.rows(150, "30")))
        ledger = only_ledger(report)
        assert ledger.amounts["licensing_income"] == {2007: 100_000}
        assert codes(report) == []

    def test_rounding_is_tolerated(self, ledger_book: LedgerFactory) -> None:
        """A difference of one unit is rounding."""
        assert codes(read_file(ledger_book(self.rows(151, "31")))) == []

    def test_mismatch_warns_and_ordinary_profit_fails(self, ledger_book: LedgerFactory) -> None:
        """A total off by more than a unit is a warning naming the cell; an ordinary profit
        that does not reconcile (−5 stated, 100 + 50 − 120 = 30 read) fails the ledger (v2)."""
        report = read_file(ledger_book(self.rows(160, "△5")))
        assert codes(report) == ["subtotal-mismatch", "ordinary-profit-mismatch"]
        assert [i.is_error for i in report.issues] == [False, True]
        assert not report.ledgers
        assert report.issues[0].location is not None
        assert report.issues[0].location.cell == "B6"
        assert "160" in report.issues[0].message and "150" in report.issues[0].message

    def test_strict_makes_errors(self, ledger_book: LedgerFactory) -> None:
        """With --strict the same differences are errors."""
        report = read_file(ledger_book(self.rows(160, "30")), strict=True)
        assert not report.ok
        assert [i.code for i in report.errors] == ["subtotal-mismatch"]

    def test_loss_label(self, ledger_book: LedgerFactory) -> None:
        """経常損失 written as a positive amount is a loss."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2007],
            ["実施料収入", 100],
            ["人件費", 130],
            ["経常損失", 30],
        ]
        assert codes(read_file(ledger_book(rows))) == []

    def test_section_alone_is_an_item(self, ledger_book: LedgerFactory) -> None:
        """売上高 with amounts and no items under it is taken as licensing income, with a warning."""
        rows = [["(単位：千円)"], ["科目", 2007], ["売上高", 80], ["販売費及び一般管理費", 70]]
        report = read_file(ledger_book(rows))
        ledger = only_ledger(report)
        assert ledger.amounts["licensing_income"] == {2007: 80_000}
        assert ledger.amounts["admin_cost"] == {2007: 70_000}
        assert codes(report) == ["section-as-item", "section-as-item"]


class TestLabels:
    """Unknown labels: folded under a section, an error outside any."""

    def test_folded_under_section(self, ledger_book: LedgerFactory) -> None:
        """An unknown label under the expense section counts as other expenses and is named."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2007],
            ["収益の部"],
            ["実施料収入", 10],
            ["費用の部"],
            ["研修費", 3],
        ]
        report = read_file(ledger_book(rows))
        assert only_ledger(report).amounts["other_expenses"] == {2007: 3000}
        assert "研修費" in report.issues[0].message

    def test_unknown_outside_section(self, ledger_book: LedgerFactory) -> None:
        """An unknown label outside any section is an error naming the cell and close labels."""
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 10], ["人件費その他", 3]]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["unknown-label"]
        issue = report.errors[0]
        assert issue.location is not None and issue.location.cell == "A4"
        assert "人件費" in str(issue)

    def test_near_miss_outside_section(self, ledger_book: LedgerFactory) -> None:
        """One typo away from 人件費 (人件費用): an error suggesting it (was unknown-label in v1)."""
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 10], ["人件費用", 3]]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["near-miss-label"]
        assert report.errors[0].location is not None
        assert report.errors[0].location.cell == "A4"
        assert "did you mean «人件費»?" in str(report.errors[0])


class TestProfiles:
    """Profile values in every accepted form."""

    @pytest.mark.parametrize(
        ("approved", "fy"),
        [
            (dt.date(2004, 6, 1), 2004),
            ("平成16年6月1日", 2004),
            ("2005/2/1", 2004),
            ("H15", 2003),
            (2002, 2002),
        ],
    )
    def test_approval(self, ledger_book: LedgerFactory, approved: object, fy: int) -> None:
        """A date cell, date text or a fiscal year gives approved_fy."""
        profile = [["機関ID", "X1"], ["承認日", approved]]
        ledger = only_ledger(read_file(ledger_book(CORPORATE, profile=profile)))
        assert ledger.profile.approved_fy == fy

    def test_japanese_values(self, ledger_book: LedgerFactory) -> None:
        """Japanese keys and values; region inferred from the prefecture; universities split."""
        profile = [
            ["項目", "内容"],
            ["機関ID", "ZA"],
            ["名称", "テスト財団"],
            ["法人形態", "一般財団法人"],
            ["都道府県", "福岡県"],
            ["承認年度", "平成14年度"],
            ["補助期間", 5],
            ["提携大学", "甲大学、乙大学; 丙大学"],
        ]
        ledger = only_ledger(read_file(ledger_book(CORPORATE, profile=profile)))
        assert ledger.profile.form is Form.ZAIDAN
        assert ledger.profile.region is Region.KYUSHU
        assert ledger.profile.universities == ("甲大学", "乙大学", "丙大学")
        assert ledger.profile.subsidy_end_fy == 2006

    def test_bad_form(self, ledger_book: LedgerFactory) -> None:
        """An unknown legal form is an error naming the cell."""
        report = read_file(
            ledger_book(CORPORATE, profile=[["id", "X"], ["form", "NPO"], ["approved", 2003]])
        )
        assert [i.code for i in report.errors] == ["bad-profile-value"]
        assert report.errors[0].location is not None and report.errors[0].location.cell == "B2"

    def test_no_profile(self, ledger_book: LedgerFactory) -> None:
        """Without a profile sheet the id is the file stem, with a warning."""
        report = read_file(ledger_book(CORPORATE, profile=None, name="T99.xlsx", sheet="Sheet1"))
        ledger = only_ledger(report)
        assert ledger.id == "T99"
        assert ledger.profile.internal is None
        assert codes(report) == ["missing-profile"]

    def test_empty_year_dropped(self, ledger_book: LedgerFactory) -> None:
        """A fiscal-year column with no amounts is no data, with a warning."""
        rows = [
            ["(単位：千円)"],
            ["科目", 2006, 2007],
            ["実施料収入", 10, None],
            ["人件費", 5, None],
        ]
        report = read_file(ledger_book(rows))
        assert only_ledger(report).years == (2006,)
        assert codes(report) == ["empty-year"]


class TestCombinedAndDirectories:
    """A registry sheet with one ledger sheet per TLO; directories of workbooks."""

    def test_combined(self, tmp_path: Path) -> None:
        """Each registry row is read from its sheet; a missing sheet fails that TLO only."""
        ledger_rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 10], ["人件費", 5]]
        path = write_book(
            tmp_path / "all.xlsx",
            {
                "一覧": [
                    ["機関ID", "名称", "法人形態", "地域", "承認年度"],
                    ["A1", "Alpha", "株式会社", "北海道", 2001],
                    ["B2", "Beta", "大学内部", "近畿", 2006],
                    ["C3", "Gamma", "財団法人", "九州", 2002],
                ],
                "A1": ledger_rows,
                "b2": ledger_rows,
            },
        )
        report = read_file(path)
        assert [led.id for led in report.ledgers] == ["A1", "B2"]
        assert [i.code for i in report.errors] == ["missing-tlo-sheet"]
        assert report.ledgers[1].profile.internal is True

    def test_directory(self, tmp_path: Path, ledger_book: LedgerFactory) -> None:
        """Every workbook directly inside is read; lock files are skipped; ids must be unique."""
        ledger_book(CORPORATE, name="a.xlsx")
        ledger_book(CORPORATE, name="b.xlsx", profile=[["id", "T02"], *PROFILE[1:]])
        ledger_book(CORPORATE, name="c.xlsx")  # same id T01 as a.xlsx
        (tmp_path / "~$a.xlsx").write_bytes(b"lock")
        (tmp_path / "notes.txt").write_text("not a ledger")
        cohort = load_cohort([tmp_path])
        assert [led.id for led in cohort.ledgers] == ["T01", "T02"]
        assert [s.path for s in cohort.skipped] == [str(tmp_path / "c.xlsx")]
        assert "already read" in cohort.skipped[0].error


class TestParallelReading:
    """Reading across processes gives exactly what reading in one process gives, in order."""

    def test_same_reports(
        self, tmp_path: Path, ledger_book: LedgerFactory, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two workers, six files (one broken): the same reports, in the same order."""
        from tlo_cli.ledger.load import read_files

        paths = [
            ledger_book(CORPORATE, name=f"t{i}.xlsx", profile=[["id", f"T{i}"], *PROFILE[1:]])
            for i in range(5)
        ]
        broken = tmp_path / "broken.xlsx"
        broken.write_bytes(b"PK\x03\x04 nope")
        files = [*paths[:2], broken, *paths[2:]]
        monkeypatch.setenv("TLO_WORKERS", "1")
        one = read_files(files, unit=None, strict=False)
        calls: list[str] = []
        monkeypatch.setenv("TLO_WORKERS", "2")
        two = read_files(files, unit=None, strict=False, meanwhile=lambda: calls.append("x"))
        assert two == one
        assert calls == ["x"]
