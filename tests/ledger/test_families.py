"""Statement families as organisations publish them: two hand-built workbooks of each.

Every expected figure is worked out by hand in the test's docstring (amounts in 千円 unless
the sheet says otherwise; the reader returns yen).
"""

from __future__ import annotations

from typing import Any

from tests.conftest import LedgerFactory
from tests.ledger.reports import codes, ok
from tlo_cli.ledger import read_file
from tlo_cli.model import Ledger

FW = "\u3000"  # a full-width space: one level of indentation is two of them in the tests


def figure(ledger: Ledger, fy: int) -> tuple[float, float]:
    """(revenue, expenses) in the sheet's unit, as the figures would add them."""
    from tlo_cli.model import EXPENSE_ITEMS, REVENUE_ITEMS

    rev = sum(ledger.amounts[i][fy] for i in REVENUE_ITEMS if i in ledger.amounts)
    exp = sum(ledger.amounts[i][fy] for i in EXPENSE_ITEMS if i in ledger.amounts)
    return rev / ledger.unit.yen, exp / ledger.unit.yen


# -- 株式会社 損益計算書 ---------------------------------------------------------------------


KAISHAHO: list[list[Any]] = [
    ["損益計算書"],
    [None, None, "(単位：千円)"],
    ["科目", "平成27年度", "平成28年度"],
    ["売上高", 9000, 9500],
    ["売上原価", 6000, 6200],
    ["売上総利益", 3000, 3300],
    ["販売費及び一般管理費", 2500, 2600],
    ["営業利益", 500, 700],
    ["営業外収益", None, None],
    [FW + "受取利息", 10, 12],
    [FW + "助成金収入", 90, 80],
    [FW + "受取賃貸料", 30, 30],
    [FW + "受取保険金", 20, "-"],
    [FW + "営業外収益合計", 150, 122],
    ["営業外費用", None, None],
    [FW + "支払利息", 60, 50],
    [FW + "営業外費用合計", 60, 50],
    ["経常利益", 590, 772],
    ["特別利益", None, None],
    [FW + "補助金収入", 300, 300],
    [FW + "特別利益合計", 300, 300],
    ["税引前当期純利益", 890, 1072],
    ["当期純利益", 600, 700],
]


class TestKabushiki:
    def test_kaishaho_section_lines_as_items(self, ledger_book: LedgerFactory) -> None:
        """EDINET style: 売上高, 売上原価 and 販管費 stated as single lines.

        FY2015 revenue = 9,000 + (10 + 90 + 30 + 20) = 9,150; expenses = 6,000 + 2,500 + 60
        = 8,560; 9,150 − 8,560 = 590 = the stated 経常利益. 販管費 is not the total of 売上原価
        above it (v1 read it so and reported 1,519 more profit). The subsidy below the line
        (特別利益 補助金収入 300) is not revenue; 受取保険金 is one-off income; 受取賃貸料 folds.
        """
        report = read_file(ledger_book(KAISHAHO))
        ledger = ok(report)
        assert figure(ledger, 2015) == (9150, 8560)
        assert figure(ledger, 2016) == (9500 + 122, 6200 + 2600 + 50)
        assert ledger.amounts["subsidy_income"] == {2015: 90_000, 2016: 80_000}
        assert ledger.amounts["one_off_income"][2015] == 20_000
        assert ledger.amounts["admin_cost"][2015] == 2_500_000
        assert ledger.reading.reconciled == (2015, 2016)
        assert [f.label for f in ledger.reading.folded] == ["受取賃貸料"]

    def test_kyushoho_sections_and_matawa_labels(self, ledger_book: LedgerFactory) -> None:
        """旧商法: 経常損益の部 / Ⅰ 営業収益 / Ⅱ 営業費用, 営業利益又は営業損失(△).

        FY2006: revenue 1,000 + 200 + 5 + 100 = 1,305; expenses 700 + 300 + 15 = 1,015;
        ordinary profit 290. FY2007 a loss: 600 + 200 + 5 + 50 − (700 + 300 + 15) = −160.
        """
        rows: list[list[Any]] = [
            ["(単位：千円)"],
            ["科目", "平成18年度", "平成19年度"],
            ["経常損益の部", None, None],
            ["営業損益の部", None, None],
            ["Ⅰ 営業収益", None, None],
            [FW + "実施料収入", 1000, 600],
            [FW + "会費収入", 200, 200],
            [FW + "営業収益合計", 1200, 800],
            ["Ⅱ 営業費用", None, None],
            [FW + "人件費", 700, 700],
            [FW + "特許関連費用", 300, 300],
            [FW + "営業費用合計", 1000, 1000],
            ["営業利益又は営業損失（△）", 200, "△200"],
            ["営業外損益の部", None, None],
            ["Ⅰ 営業外収益", None, None],
            [FW + "受取利息", 5, 5],
            [FW + "補助金収入", 100, 50],
            [FW + "営業外収益合計", 105, 55],
            ["Ⅱ 営業外費用", None, None],
            [FW + "支払利息", 15, 15],
            [FW + "営業外費用合計", 15, 15],
            ["経常利益又は経常損失（△）", 290, "△160"],
            ["特別損益の部", None, None],
            ["当期純利益又は当期純損失(△)", 250, "△170"],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert figure(ledger, 2006) == (1305, 1015)
        assert figure(ledger, 2007) == (855, 1015)
        assert ledger.reading.reconciled == (2006, 2007)
        assert "subtotal-mismatch" not in codes(report)


# -- 正味財産増減計算書 ------------------------------------------------------------------------


SEIMI: list[list[Any]] = [
    ["正味財産増減計算書"],
    [None, None, "(単位：円)"],
    ["科目", "平成21年度", "平成20年度"],
    ["Ⅰ 一般正味財産増減の部", None, None],
    [FW + "1. 経常増減の部", None, None],
    [FW * 2 + "(1) 経常収益", None, None],
    [FW * 3 + "受取会費", None, None],
    [FW * 4 + "正会員受取会費", 3600, 3900],
    [FW * 4 + "賛助会員受取会費", 1200, 1400],
    [FW * 3 + "事業収益", None, None],
    [FW * 4 + "実施料収入", 18000, 22000],
    [FW * 3 + "受取補助金等", None, None],
    [FW * 4 + "受取国庫補助金", 0, 12000],
    [FW * 4 + "受取地方公共団体補助金", 8000, 8000],
    [FW * 4 + "受取民間助成金", 500, 0],
    [FW * 4 + "受取補助金等振替額", 1200, 1200],
    [FW * 4 + "経常収益計", 32500, 48500],
    [FW * 2 + "(2) 経常費用", None, None],
    [FW * 3 + "事業費", None, None],
    [FW * 4 + "給料手当", 20000, 21000],
    [FW * 4 + "特許関連費用", 9000, 11000],
    [FW * 3 + "管理費", None, None],
    [FW * 4 + "役員報酬", 2400, 2400],
    [FW * 4 + "通信運搬費", 300, 300],
    [FW * 4 + "経常費用計", 31700, 34700],
    [FW * 5 + "評価損益等調整前当期経常増減額", 800, 13800],
    [FW * 5 + "基本財産評価損益等", -350, 250],
    [FW * 5 + "評価損益等計", -350, 250],
    [FW * 5 + "当期経常増減額", 450, 14050],
    [FW + "2. 経常外増減の部", None, None],
    [FW * 5 + "当期一般正味財産増減額", 450, 14050],
    ["Ⅲ 正味財産期末残高", 60000, 59550],
]


class TestSeimi:
    def test_breakdowns_under_headers(self, ledger_book: LedgerFactory) -> None:
        """2008 standard, parents without amounts: their lines take the parent's item.

        FY2009 subsidy = 0 + 8,000 + 1,200 = 9,200 (受取民間助成金 500 is other income);
        membership 3,600 + 1,200 = 4,800 (正会員受取会費 under 受取会費); revenue 32,500.
        The valuation loss 350 is other_expenses: expenses 31,700 + 350 = 32,050 and
        32,500 − 32,050 = 450 = 当期経常増減額. FY2008: a gain of 250 is one-off income:
        revenue 48,500 + 250 = 48,750, expenses 34,700, difference 14,050.
        """
        report = read_file(ledger_book(SEIMI, sheet="正味財産増減計算書"))
        ledger = ok(report)
        assert figure(ledger, 2009) == (32500, 32050)
        assert figure(ledger, 2008) == (48750, 34700)
        assert ledger.amounts["subsidy_income"] == {2008: 21200, 2009: 9200}
        assert ledger.amounts["membership_income"][2009] == 4800
        assert ledger.amounts["other_income"][2009] == 500
        assert ledger.amounts["admin_cost"][2009] == 300  # 通信運搬費 under 管理費
        assert ledger.amounts["one_off_income"] == {2008: 250, 2009: 0}
        assert ledger.amounts["ordinary_profit_before_valuation"] == {2008: 13800, 2009: 800}
        assert ledger.amounts["net_assets"] == {2008: 59550, 2009: 60000}
        assert ledger.reading.reconciled == (2008, 2009)
        assert "folded-label" not in codes(report)

    def test_parents_with_amounts_total_their_breakdown(self, ledger_book: LedgerFactory) -> None:
        """Parent lines with amounts above their breakdown are totals, not items again.

        Revenue = 基本財産運用益 1,000 (its two lines 100 + 900) + 雑収入 50 = 1,050, not
        2,100; expenses = 事業費 2,000 (1,500 + 500) + 管理費 700 (400 + 300) = 2,700;
        1,050 − 2,700 = −1,650 = 当期経常増減額.
        """
        rows: list[list[Any]] = [
            ["(単位：円)"],
            ["科目", "令和4年度"],
            [FW + "(1)経常収益", None],
            [FW * 2 + "①基本財産運用益", 1000],
            [FW * 3 + "基本財産受取利息", 100],
            [FW * 3 + "基本財産受取配当金", 900],
            [FW * 2 + "②雑収入", 50],
            [FW * 3 + "雑収入", 50],
            [FW * 2 + "経常収益計", 1050],
            [FW + "(2)経常費用", None],
            [FW * 2 + "①事業費", 2000],
            [FW * 3 + "給料手当", 1500],
            [FW * 3 + "旅費交通費", 500],
            [FW * 2 + "②管理費", 700],
            [FW * 3 + "役員報酬", 400],
            [FW * 3 + "印刷製本費", 300],
            [FW * 2 + "経常費用計", 2700],
            [FW * 2 + "当期経常増減額", -1650],
        ]
        ledger = ok(read_file(ledger_book(rows, sheet="正味財産増減計算書")))
        assert figure(ledger, 2022) == (1050, 2700)
        assert (
            ledger.amounts["admin_cost"][2022] == 500 + 300
        )  # 旅費交通費, 印刷製本費 under 管理費
        assert ledger.reading.reconciled == (2022,)


# -- 収支計算書 ------------------------------------------------------------------------------


class TestShushi:
    def test_2004_standard_operating_part(self, ledger_book: LedgerFactory) -> None:
        """事業活動収支差額 is the ordinary profit; 投資活動 and 財務活動 are below it.

        Revenue 100 + 2,000 + 7,000 = 9,100; expenses 8,000 + 1,500 = 9,500; −400 stated.
        """
        rows: list[list[Any]] = [
            ["収支計算書(2009年4月1日〜2010年3月31日)"],
            [None, "(単位：円)"],
            ["科目", "2009年度"],
            ["Ⅰ．事業活動収支の部", None],
            [FW + "1．事業活動収入", None],
            [FW * 2 + "1" + FW + "基本財産運用収入", 100],
            [FW * 2 + "2" + FW + "会費収入", 2000],
            [FW * 2 + "3" + FW + "調査研究受託収入", 7000],
            [FW * 3 + "事業活動収入計", 9100],
            [FW + "2．事業活動支出", None],
            [FW * 2 + "1" + FW + "受託調査事業費", 8000],
            [FW * 2 + "2" + FW + "管理費", 1500],
            [FW * 3 + "事業活動支出計", 9500],
            [FW * 4 + "事業活動収支差額", -400],
            ["Ⅱ．投資活動収支の部", None],
            [FW * 2 + "1" + FW + "特定預金取崩収入", 5000],
            [FW * 4 + "当期収支差額", 4600],
        ]
        ledger = ok(read_file(ledger_book(rows, sheet="収支計算書")))
        assert figure(ledger, 2009) == (9100, 9500)
        assert ledger.amounts["membership_income"][2009] == 2000
        assert ledger.reading.reconciled == (2009,)

    def test_1985_standard_financing_and_carry_over(self, ledger_book: LedgerFactory) -> None:
        """Financing and carried-over lines count in the statement's totals, not in revenue.

        当期収入合計(A) = 100 + 500 + 300 + 借入金収入 200 = 1,100; 収入合計(B) adds 前期繰越
        400 = 1,500; 当期支出合計(C) = 600 + 200 + 固定資産取得支出 150 = 950; (A)−(C) = 150.
        Revenue = 900, expenses = 800, ordinary profit = 100 (no stated ordinary line).
        """
        rows: list[list[Any]] = [
            ["(単位：千円)"],
            ["科目", "平成15年度"],
            ["Ⅰ 収入の部", None],
            ["1 基本財産運用収入", 100],
            ["2 会費収入", 500],
            ["3 補助金収入", 300],
            ["4 借入金収入", 200],
            ["当期収入合計(A)", 1100],
            ["前期繰越収支差額", 400],
            ["収入合計(B)", 1500],
            ["Ⅱ 支出の部", None],
            ["1 人件費", 600],
            ["2 管理費", 200],
            ["3 固定資産取得支出", 150],
            ["当期支出合計(C)", 950],
            ["当期収支差額(A)-(C)", 150],
            ["次期繰越収支差額(B)-(C)", 550],
        ]
        report = read_file(ledger_book(rows, sheet="収支計算書"))
        ledger = ok(report)
        assert figure(ledger, 2003) == (900, 800)
        assert "subtotal-mismatch" not in codes(report)
        assert ledger.reading.stated_totals and not ledger.reading.states_ordinary_profit


# -- 国立大学法人 ----------------------------------------------------------------------------


class TestNationalUniversity:
    def test_expenses_first_and_below_the_line(self, ledger_book: LedgerFactory) -> None:
        """経常費用 before 経常収益; 臨時損益 and 当期総利益 below the ordinary line.

        Revenue 9,800 + 2,900 + 1,400 + 400 + 200 + 40 = 14,740 (運営費交付金収益 is
        operating grant income, 補助金等収益 subsidy, 知的財産収入 licensing, 共同研究収益
        contract); expenses 6,000 + 8,000 + 600 + 45 + 2 = 14,647; 93 stated.
        """
        rows: list[list[Any]] = [
            ["(単位：千円)"],
            ["科目", "平成19年度"],
            ["経常費用", None],
            [FW + "業務費", None],
            [FW * 2 + "研究経費", 6000],
            [FW * 2 + "教員人件費", 8000],
            [FW + "一般管理費", 600],
            [FW + "財務費用", None],
            [FW * 2 + "支払利息", 45],
            [FW + "雑損", 2],
            [FW + "経常費用合計", 14647],
            ["経常収益", None],
            [FW + "運営費交付金収益", 9800],
            [FW + "授業料収益", 2900],
            [FW + "受託研究等収益", 1400],
            [FW + "共同研究収益", 400],
            [FW + "補助金等収益", 200],
            [FW + "雑益", None],
            [FW * 2 + "知的財産収入", 40],
            [FW + "経常収益合計", 14740],
            ["経常利益又は経常損失(△)", 93],
            ["臨時損失", None],
            [FW + "固定資産除却損", 12],
            ["目的積立金取崩額", 80],
            ["当期総利益", 161],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert figure(ledger, 2007) == (14740, 14647)
        assert ledger.amounts["operating_grant_income"][2007] == 9_800_000
        assert ledger.amounts["subsidy_income"][2007] == 200_000
        assert ledger.amounts["licensing_income"][2007] == 40_000
        assert ledger.amounts["contract_income"][2007] == 1_800_000

    def test_loss_year(self, ledger_book: LedgerFactory) -> None:
        """A loss stated with △: revenue 1,000 + 50 = 1,050, expenses 1,100, −50 reconciles."""
        rows: list[list[Any]] = [
            ["(単位：千円)"],
            ["科目", "平成20年度"],
            ["経常収益", None],
            [FW + "運営費交付金収益", 1000],
            [FW + "特許権等収入", 50],
            ["経常費用", None],
            [FW + "教育経費", 1100],
            ["経常利益(△経常損失)", "△50"],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert figure(ledger, 2008) == (1050, 1100)
        assert ledger.reading.reconciled == (2008,)


# -- English reports, summary tables, balance sheets ------------------------------------------


class TestEnglishAndSummaries:
    def test_english_annual_report(self, ledger_book: LedgerFactory) -> None:
        """Net sales, Cost of sales, SG&A, Operating income, Non-operating income, Ordinary
        income: 500 + 20 = 520 revenue, 200 + 250 + 10 = 460 expenses, 60 stated."""
        rows: list[list[Any]] = [
            ["Statements of Income (Thousands of yen)"],
            ["Item", "FY2007"],
            ["Net sales", 500],
            ["Cost of sales", 200],
            ["Gross profit", 300],
            ["Selling, general and administrative expenses", 250],
            ["Operating income (loss)", 50],
            ["Non-operating income", None],
            ["  Subsidy income", 20],
            ["Non-operating expenses", None],
            ["  Interest expense", 10],
            ["Ordinary income (loss)", 60],
            ["Extraordinary losses", 5],
            ["Net income", 40],
        ]
        ledger = ok(read_file(ledger_book(rows, sheet="Income statement")))
        assert figure(ledger, 2007) == (520, 460)
        assert ledger.amounts["subsidy_income"][2007] == 20_000

    def test_english_itemized_revenue(self, ledger_book: LedgerFactory) -> None:
        """Royalty income 300 + Government grants 100 = 400; Personnel 350; 50 stated."""
        rows: list[list[Any]] = [
            ["(Thousands of yen)"],
            ["Item", "FY2006"],
            ["Revenue", None],
            ["Royalty income", 300],
            ["Government grants", 100],
            ["Expenses", None],
            ["Personnel costs", 350],
            ["Ordinary income", 50],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert figure(ledger, 2006) == (400, 350)
        assert ledger.amounts["subsidy_income"][2006] == 100_000

    def test_summary_table_derives_the_missing_side(self, ledger_book: LedgerFactory) -> None:
        """売上高 and 経常利益 only: expenses derived as 412 − 28 = 384, marked derived."""
        rows: list[list[Any]] = [
            ["(単位：百万円)"],
            ["区分", "2007年度", "2008年度"],
            ["売上高", 412, 450],
            ["経常利益", 28, -10],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert ledger.amounts["unitemized_expenses"] == {2007: 384e6, 2008: 460e6}
        assert ledger.reading.derived == ("unitemized_expenses",)
        assert "unitemized-side" in codes(report)
        assert ledger.reading.coverage_expenses == 0.0

    def test_summary_table_without_expenses_listed(self, ledger_book: LedgerFactory) -> None:
        """Revenue lines and 経常損失 as a positive loss: expenses 100 + 20 + 30 = 150."""
        rows: list[list[Any]] = [
            ["(単位：千円)"],
            ["科目", "2007年度"],
            ["実施料収入", 100],
            ["補助金収入", 20],
            ["経常損失", 30],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.amounts["unitemized_expenses"] == {2007: 150_000}

    def test_balance_sheet_only_is_refused(self, ledger_book: LedgerFactory) -> None:
        """A workbook whose only sheet is a balance sheet: the message says so."""
        rows: list[list[Any]] = [
            ["(単位：千円)"],
            ["科目", "平成19年度"],
            ["資産の部", None],
            ["現金及び預金", 500],
            ["資産合計", 500],
            ["負債合計", 100],
            ["純資産合計", 400],
        ]
        report = read_file(ledger_book(rows, sheet="貸借対照表"))
        assert [i.code for i in report.errors] == ["no-income-statement"]
        assert "this sheet is a balance sheet" in str(report.errors[0])
        assert "損益計算書 / 正味財産増減計算書 / 収支計算書" in str(report.errors[0])

    def test_balance_sheet_beside_the_statement_is_ignored(
        self, ledger_book: LedgerFactory
    ) -> None:
        """A 損益計算書 sheet is chosen over a 貸借対照表 beside it (no error)."""
        from tests.conftest import PROFILE, write_book

        path = ledger_book([["科目", 2007], ["実施料収入", 1], ["人件費", 1]])
        book = write_book(
            path.with_name("two.xlsx"),
            {
                "概要": PROFILE,
                "損益計算書": [["科目", 2007], ["実施料収入", 5], ["人件費", 3]],
                "貸借対照表": [["科目", 2007], ["資産合計", 9]],
            },
        )
        ledger = ok(read_file(book))
        assert figure(ledger, 2007) == (5, 3)


US_STYLE: list[list[Any]] = [
    ["Statements of Operations (Thousands of yen)"],
    ["Item", "FY2007", "FY2008"],
    ["Revenues", None, None],
    ["  Royalty income", 500, 400],
    ["  Grant income", 100, 100],
    ["Total revenues", 600, 500],
    ["Operating expenses", None, None],
    ["  Personnel costs", 300, 300],
    ["  Patent costs", 100, 100],
    ["  General and administrative", 100, 120],
    ["Total operating expenses", 500, 520],
    ["Operating income (loss)", 100, "(20)"],
    ["Other income (expenses)", None, None],
    ["  Interest income", 5, 5],
    ["  Interest expense", "(10)", "(10)"],
    ["  Gain on sale of investment securities", 20, 0],
    ["  Impairment loss", "(15)", 0],
    ["  Other, net", 3, "(4)"],
    ["Income before income taxes", 103, "(29)"],
    ["Income taxes", 30, 0],
    ["Net income", 73, "(29)"],
]


class TestNoOrdinaryLine:
    ROWS = US_STYLE

    def test_ordinary_profit_from_pre_tax_income(self, ledger_book: LedgerFactory) -> None:
        """US style: ordinary profit = pre-tax income less the below-ordinary items.

        FY2007: revenue 600 + 5 + 3 = 608; expenses 500 + 10 = 510; ordinary profit 98 =
        103 − (20 − 15). The gain on sale and the impairment are checked against the pre-tax
        line, never counted. FY2008: revenue 500 + 5 = 505; expenses 520 + 10 + 4 (Other, net
        as an expense by its sign) = 534; −29 = the pre-tax line (nothing below ordinary).
        """
        report = read_file(ledger_book(self.ROWS, sheet="Income statement"))
        ledger = ok(report)
        assert figure(ledger, 2007) == (608, 510)
        assert figure(ledger, 2008) == (505, 534)
        assert "one_off_income" not in ledger.amounts
        assert ledger.amounts["other_income"] == {2007: 8000, 2008: 5000}
        assert ledger.amounts["other_expenses"] == {2007: 10000, 2008: 14000}
        assert "subtotal-mismatch" not in codes(report)
        assert not ledger.reading.states_ordinary_profit and ledger.reading.stated_totals

    def test_pre_tax_line_that_does_not_add_up_warns(self, ledger_book: LedgerFactory) -> None:
        """Income before income taxes stated 200 in FY2007 instead of 103: a warning."""
        rows = [list(r) for r in self.ROWS]
        rows[18] = ["Income before income taxes", 200, "(29)"]
        report = read_file(ledger_book(rows, sheet="Income statement"))
        assert [i.code for i in report.issues if i.code == "subtotal-mismatch"] == [
            "subtotal-mismatch"
        ]


class TestBalanceSheetOnTheSameSheet:
    def test_balance_sheet_block_before_the_statement(self, ledger_book: LedgerFactory) -> None:
        """A 貸借対照表 above the 損益計算書 on one sheet: only its balance items are read
        (純資産合計 400 as net assets; 流動資産 and its total are not items); revenue 300,
        expenses 250, 50 stated."""
        rows: list[list[Any]] = [
            ["(単位：千円)"],
            ["科目", "2007年度"],
            ["資産の部", None],
            ["流動資産", None],
            [FW + "現金及び預金", 450],
            [FW + "未収入金", 50],
            ["資産合計", 500],
            ["負債の部", None],
            [FW + "未払金", 100],
            ["負債合計", 100],
            ["純資産合計", 400],
            ["収益の部", None],
            [FW + "実施料収入", 300],
            ["費用の部", None],
            [FW + "人件費", 250],
            ["経常利益", 50],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert figure(ledger, 2007) == (300, 250)
        assert ledger.amounts["net_assets"] == {2007: 400_000}
        assert ledger.amounts["cash"] == {2007: 450_000}
        assert codes(report) == []
