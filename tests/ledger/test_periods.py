"""Period headers and where a column's fiscal year comes from, checked by hand.

The fiscal year of a period of n months starting in month m₁ is the April-start fiscal year of
month m₁ + ⌊(n−1)/2⌋; for a twelve-month period that is its 6th month (end month − 6).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROFILE, LedgerFactory, write_book
from tlo_cli.errors import Location
from tlo_cli.ledger import read_file
from tlo_cli.ledger.layout import read_table
from tlo_cli.ledger.load import FileReport
from tlo_cli.ledger.periods import (
    HeadKind,
    current_fiscal_year,
    fy_of_period,
    fy_of_period_end,
    head_of,
    title_head,
)
from tlo_cli.ledger.read import Sheet
from tlo_cli.model import Ledger

WHERE = Location("t.xlsx", "損益計算書")


def only_ledger(report: FileReport) -> Ledger:
    assert report.ok, [str(i) for i in report.errors]
    assert len(report.ledgers) == 1
    return report.ledgers[0]


def errors(report: FileReport) -> list[tuple[str, str]]:
    return [(i.code, str(i)) for i in report.errors]


def sheet(rows: list[list[Any]], merged: tuple[Any, ...] = ()) -> Sheet:
    """A sheet as the reader sees it: "" for empty, floats for numbers."""
    width = max(len(r) for r in rows)
    cells = [
        [("" if v is None else float(v) if isinstance(v, int) else v) for v in r]
        + [""] * (width - len(r))
        for r in rows
    ]
    return Sheet("損益計算書", cells, merged)


BODY = [["実施料収入", 100, 120], ["人件費", 40, 50]]


class TestFormulas:
    """The fiscal year of a period, from its first month and length or from its end."""

    def test_fy_of_period(self) -> None:
        """Apr 2007–Mar 2008: Apr+5 = Sep 2007 → FY2007; Jul 2015–Jun 2016: Dec 2015 → FY2015;
        Jan–Dec 2015: Jun 2015 → FY2015; Oct 2007–Mar 2008 (6 months): Oct+2 = Dec 2007 → FY2007;
        Jan–Mar 2008 (3 months): Jan+1 = Feb 2008 → FY2007."""
        assert fy_of_period((2007, 4), 12) == 2007
        assert fy_of_period((2015, 7), 12) == 2015
        assert fy_of_period((2015, 1), 12) == 2015
        assert fy_of_period((2007, 10), 6) == 2007
        assert fy_of_period((2008, 1), 3) == 2007

    def test_fy_of_period_end(self) -> None:
        """Ending Mar 2008 → Apr 2007–Mar 2008 → FY2007; ending Jun 2016 → FY2015;
        ending Dec 2015 → Jan–Dec 2015 → FY2015."""
        assert fy_of_period_end(2008, 3) == 2007
        assert fy_of_period_end(2016, 6) == 2015
        assert fy_of_period_end(2015, 12) == 2015


class TestHeaders:
    """Header text → the fiscal year or kind of column it names."""

    @pytest.mark.parametrize(
        ("text", "fy"),
        [
            ("自 平成19年4月1日 至 平成20年3月31日", 2007),  # 平成19 = 2007, Apr–Mar
            ("自 平成19年4月1日\n至 平成20年3月31日", 2007),
            ("(自 2007年4月1日 至 2008年3月31日)", 2007),
            ("April 1, 2007 – March 31, 2008", 2007),
            ("自 平成27年7月1日 至 平成28年6月30日", 2015),  # Jul 2015 + 5 = Dec 2015
            ("平成28年6月期", 2015),  # ends Jun 2016 → Jul 2015–Jun 2016
            ("2008年3月期", 2007),
            ("H20.3期", 2007),  # H20 = 2008
            ("FY2008/3", 2007),
            ("Year ended March 31, 2008", 2007),
            ("第6期(平成16年度)", 2004),
            ("2007/08", 2007),  # 08 is the next year: FY2007
            ("2007-08", 2007),
            ("2012/13", 2012),
            ("FY06", 2006),
            ("令和元年度", 2019),
            ("2007年度", 2007),
        ],
    )
    def test_fiscal_year(self, text: str, fy: int) -> None:
        """Each notation names the fiscal year worked out by hand beside it."""
        head = head_of(text)
        assert head is not None
        assert head.fy == fy

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("前事業年度", HeadKind.RELATIVE),
            ("当事業年度", HeadKind.RELATIVE),
            ("前期", HeadKind.RELATIVE),
            ("当年度", HeadKind.RELATIVE),
            ("第6期", HeadKind.ORDINAL),
            ("金額", HeadKind.AMOUNT),
            ("決算額", HeadKind.AMOUNT),
            ("Amount", HeadKind.AMOUNT),
            ("Years ended March 31", HeadKind.CAPTION),
            ("2007", HeadKind.BARE),
        ],
    )
    def test_kinds(self, text: str, kind: HeadKind) -> None:
        """Headings that stand for a period without naming its year, and captions."""
        head = head_of(text)
        assert head is not None and head.kind is kind

    def test_relative_offsets(self) -> None:
        """前… is the period before the current one; 当… the current one."""
        prior, current = head_of("前事業年度"), head_of("当期")
        assert prior is not None and prior.offset == -1
        assert current is not None and current.offset == 0

    @pytest.mark.parametrize("text", ["平成0年度", "H32", "平成32年度", "S65", "昭和65年度"])
    def test_impossible_era_years(self, text: str) -> None:
        """平成 ended in its year 31 and 昭和 in 64; there is no year 0."""
        head = head_of(text)
        assert head is not None and head.problem

    def test_titles(self) -> None:
        """A notice's date is no period; a title's 自…至…, 平成19年度 or 第N期(…) is."""
        assert title_head("平成20年6月27日") is None
        assert title_head("第9期決算公告") is None
        head = title_head("収支計算書(2009年4月1日〜2010年3月31日)")
        assert head is not None and head.fy == 2009 and head.months == 12
        head = title_head("平成19年度 損益計算書")
        assert head is not None and head.fy == 2007


class TestPeriodColumns:
    """Workbooks whose amount columns are headed by periods, read to their fiscal years."""

    def test_relative_headers_with_dates_in_the_cell(self, ledger_book: LedgerFactory) -> None:
        """前事業年度/当事業年度 with 自…至… in the same cell on three lines: a June year end."""
        rows = [
            ["損益計算書"],
            [None, None, "(単位：千円)"],
            [
                None,
                "前事業年度\n(自 平成27年7月1日\n至 平成28年6月30日)",
                "当事業年度\n(自 平成28年7月1日\n至 平成29年6月30日)",
            ],
            *BODY,
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2015, 2016)
        assert ledger.amounts["licensing_income"] == {2015: 100_000, 2016: 120_000}

    def test_relative_beside_a_dated_current_period(self, ledger_book: LedgerFactory) -> None:
        """当期 is dated FY2007, so 前期 is FY2006."""
        rows = [
            ["(単位：千円)"],
            ["科目", "前期", "当期(自平成19年4月1日 至平成20年3月31日)"],
            *BODY,
        ]
        assert only_ledger(read_file(ledger_book(rows))).years == (2006, 2007)

    def test_period_dates_in_the_rows_below(self, ledger_book: LedgerFactory) -> None:
        """前期/当期, with 自 and 至 on the two rows below: the header is three rows."""
        rows = [
            ["(単位：千円)"],
            ["科目", "前期", "当期"],
            [None, "自 平成18年4月1日", "自 平成19年4月1日"],
            [None, "至 平成19年3月31日", "至 平成20年3月31日"],
            *BODY,
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2006, 2007)
        assert ledger.amounts["personnel_cost"] == {2006: 40_000, 2007: 50_000}

    def test_english_period_header(self, ledger_book: LedgerFactory) -> None:
        """April 1, 2006 – March 31, 2007 is FY2006."""
        rows = [
            ["(Thousands of yen)"],
            ["Item", "April 1, 2006 – March 31, 2007", "April 1, 2007 – March 31, 2008"],
            *BODY,
        ]
        assert only_ledger(read_file(ledger_book(rows))).years == (2006, 2007)

    def test_years_ended_caption_makes_bare_years_end_years(
        self, ledger_book: LedgerFactory
    ) -> None:
        """Under "Years ended March 31", the column 2008 ends in March 2008: FY2007."""
        rows = [["(Thousands of yen)"], ["Years ended March 31"], ["Item", "2007", "2008"], *BODY]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2006, 2007)
        assert ledger.amounts["licensing_income"] == {2006: 100_000, 2007: 120_000}

    def test_years_ended_caption_over_the_first_year_only(self) -> None:
        """The caption in B1 over 2007 | 2008 (B2, C2): both are end years, FY2006 and FY2007."""
        table = read_table(
            sheet([[None, "Years ended March 31"], ["Item", 2007, 2008], *BODY]), WHERE
        )
        assert table is not None
        assert table.years == [2006, 2007]

    def test_period_end_names(self, ledger_book: LedgerFactory) -> None:
        """Two June year ends: 平成28年6月期 is FY2015, 平成29年6月期 FY2016."""
        rows = [["(単位：千円)"], ["科目", "平成28年6月期", "平成29年6月期"], *BODY]
        assert only_ledger(read_file(ledger_book(rows))).years == (2015, 2016)

    def test_slash_years_and_two_digit_fy(self, ledger_book: LedgerFactory) -> None:
        """2007/08 and FY06 name FY2007 and FY2006."""
        rows = [["(単位：千円)"], ["科目", "2007/08", "2008/09"], *BODY]
        assert only_ledger(read_file(ledger_book(rows))).years == (2007, 2008)
        rows = [["(単位：千円)"], ["科目", "FY06", "FY07"], *BODY]
        assert only_ledger(read_file(ledger_book(rows))).years == (2006, 2007)

    def test_two_digit_fy_over_an_amount_row_of_year_like_numbers(
        self, ledger_book: LedgerFactory
    ) -> None:
        """Issue 12: the amounts 1990 2005 2010 are amounts, not the axis."""
        rows = [
            ["(単位：千円)"],
            ["科目", "FY06", "FY07", "FY08"],
            ["実施料収入", 1990, 2005, 2010],
            ["人件費", 1000, 1000, 1000],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2006, 2007, 2008)
        assert ledger.amounts["licensing_income"][2008] == 2_010_000

    def test_amount_row_under_unrecognised_headings_is_not_the_axis(self) -> None:
        """Bare numbers under text headings are amounts: no axis rather than a wrong one."""
        rows = [["科目", "第一", "第二"], ["実施料収入", 1990, 2005], ["人件費", 10, 10]]
        assert read_table(sheet(rows), WHERE) is None

    def test_bare_years_under_period_captions_are_the_axis(self) -> None:
        """実績 | 実績 | 見込 over 2005 | 2006 | 2007: captions, the years are the axis."""
        rows = [[None, "実績", "実績", "見込"], ["科目", 2005, 2006, 2007], ["実施料収入", 1, 2, 3]]
        table = read_table(sheet(rows), WHERE)
        assert table is not None and table.years == [2005, 2006, 2007]

    def test_title_row_year_does_not_take_over(self, ledger_book: LedgerFactory) -> None:
        """Issue 12: 決算年度 | 2008年度 above a header of years."""
        rows = [
            ["決算年度", "2008年度"],
            ["(単位：千円)"],
            ["科目", 2006, 2007],
            *BODY,
        ]
        assert only_ledger(read_file(ledger_book(rows))).years == (2006, 2007)

    def test_ordinals_from_the_title(self, ledger_book: LedgerFactory) -> None:
        """第6期 is the title's period (FY2004), so 第5期 is FY2003."""
        rows = [
            ["第6期 自平成16年4月1日 至平成17年3月31日"],
            ["(単位：千円)"],
            ["科目", "第5期", "第6期"],
            *BODY,
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2003, 2004)
        assert ledger.amounts["licensing_income"] == {2003: 100_000, 2004: 120_000}

    def test_ordinal_with_its_year(self, ledger_book: LedgerFactory) -> None:
        """第5期(平成15年度) takes the year in its brackets."""
        rows = [["(単位：千円)"], ["科目", "第5期(平成15年度)", "第6期(平成16年度)"], *BODY]
        assert only_ledger(read_file(ledger_book(rows))).years == (2003, 2004)

    def test_years_as_rows_with_period_ends(self, ledger_book: LedgerFactory) -> None:
        """Rows 平成28年6月期 and 平成29年6月期: FY2015 and FY2016 (June year ends)."""
        rows = [
            ["(単位：千円)"],
            ["年度", "実施料収入", "人件費"],
            ["平成28年6月期", 10, 5],
            ["平成29年6月期", 12, 5],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.amounts["licensing_income"] == {2015: 10_000, 2016: 12_000}


class TestWhereTheYearComesFrom:
    """Header, then title rows, then sheet name, then profile; disagreement is an error."""

    def test_title_period_names_the_current_period(self, ledger_book: LedgerFactory) -> None:
        """当年度 is the title's FY2007, 前年度 FY2006."""
        rows = [
            ["損益計算書 (自 平成19年4月1日 至 平成20年3月31日)"],
            ["(単位：千円)"],
            ["科目", "前年度", "当年度"],
            *BODY,
        ]
        assert only_ledger(read_file(ledger_book(rows))).years == (2006, 2007)

    def test_profile_fiscal_year(self, ledger_book: LedgerFactory) -> None:
        """The profile's 決算年度 names 当期 when nothing on the sheet does."""
        profile = [*PROFILE, ["決算年度", "平成19年度"]]
        rows = [["(単位：千円)"], ["科目", "前期", "当期"], *BODY]
        ledger = only_ledger(read_file(ledger_book(rows, profile=profile)))
        assert ledger.years == (2006, 2007)

    def test_unreadable_profile_fiscal_year(self, ledger_book: LedgerFactory) -> None:
        """決算年度 「来年」 is no fiscal year: an error on the profile cell."""
        profile = [*PROFILE, ["決算年度", "来年"]]
        rows = [["(単位：千円)"], ["科目", 2006, 2007], *BODY]
        (problem,) = errors(read_file(ledger_book(rows, profile=profile)))
        assert problem[0] == "invalid-fiscal-year" and "概要 › B6" in problem[1]

    def test_registry_fiscal_year_column(self, tmp_path: Path) -> None:
        """A registry's 決算年度 column names each TLO's current period."""
        rows = [["(単位：千円)"], ["科目", "前期", "当期"], *BODY]
        registry = [["機関ID", "名称", "承認年度", "決算年度"], ["A1", "Alpha", 2001, "平成19年度"]]
        report = read_file(write_book(tmp_path / "r.xlsx", {"一覧": registry, "A1": rows}))
        assert only_ledger(report).years == (2006, 2007)

    def test_sheet_name(self, ledger_book: LedgerFactory) -> None:
        """A sheet named FY2007 names 当期."""
        rows = [["(単位：千円)"], ["科目", "前期", "当期"], *BODY]
        ledger = only_ledger(read_file(ledger_book(rows, sheet="FY2007")))
        assert ledger.years == (2006, 2007)

    def test_no_source_is_an_error_saying_what_to_add(self, ledger_book: LedgerFactory) -> None:
        """前期/当期 with no year anywhere: an error saying what to add."""
        rows = [["(単位：千円)"], ["科目", "前期", "当期"], *BODY]
        (problem,) = errors(read_file(ledger_book(rows)))
        assert problem[0] == "period-without-year"
        assert "› B2:" in problem[1] and "fiscal_year" in problem[1]

    def test_disagreeing_sources_name_both(self, ledger_book: LedgerFactory) -> None:
        """The title says FY2007, the profile FY2008."""
        profile = [*PROFILE, ["fiscal_year", 2008]]
        rows = [["平成19年度 損益計算書"], ["(単位：千円)"], ["科目", "前期", "当期"], *BODY]
        (problem,) = errors(read_file(ledger_book(rows, profile=profile)))
        assert problem[0] == "fiscal-year-conflict"
        assert "title at A1 names FY2007" in problem[1]
        assert "概要 › B6 (fiscal_year) names FY2008" in problem[1]


class TestChecks:
    """Years that cannot be right are refused or flagged, naming the cell."""

    def test_future_year_is_refused_naming_the_cell(self, ledger_book: LedgerFactory) -> None:
        """A fiscal year after the current one is refused as a typo."""
        later = current_fiscal_year() + 1
        rows = [["(単位：千円)"], ["科目", "2006年度", f"{later}年度"], *BODY]
        (problem,) = errors(read_file(ledger_book(rows)))
        assert problem[0] == "future-fiscal-year"
        assert "C2" in problem[1]

    def test_future_bare_year_is_refused_too(self) -> None:
        """A future bare-number year is refused on its cell, not read as amounts."""
        later = current_fiscal_year() + 2
        table = read_table(sheet([["科目", 2006, later], *BODY]), WHERE)
        assert table is not None
        assert [(i.code, i.location.cell) for i in table.issues] == [("future-fiscal-year", "C1")]

    def test_years_as_rows_refuse_impossible_and_future_years(self) -> None:
        """With years as rows, H32 and a year after the current one are errors on their cells."""
        later = current_fiscal_year() + 1
        rows = [["年度", "実施料収入"], ["H30", 1], ["H32", 2], [later, 3]]
        table = read_table(sheet(rows), WHERE)
        assert table is not None
        assert sorted((i.code, i.location.cell) for i in table.issues) == [
            ("future-fiscal-year", "A4"),
            ("invalid-fiscal-year", "A3"),
        ]

    def test_current_year_by_date(self) -> None:
        """The current fiscal year turns on 1 April."""
        assert current_fiscal_year(dt.date(2008, 3, 31)) == 2007
        assert current_fiscal_year(dt.date(2008, 4, 1)) == 2008

    def test_era_past_its_end(self, ledger_book: LedgerFactory) -> None:
        """H32 does not exist: refused, and H30 beside it still read."""
        rows = [["(単位：千円)"], ["科目", "H30", "H32"], *BODY]
        codes = [code for code, _ in errors(read_file(ledger_book(rows)))]
        assert codes == ["invalid-fiscal-year"]

    def test_two_periods_in_one_fiscal_year(self, ledger_book: LedgerFactory) -> None:
        """2008年3月期 and 2007年度 are both FY2007."""
        rows = [["(単位：千円)"], ["科目", "2008年3月期", "2007年度"], *BODY]
        (problem,) = errors(read_file(ledger_book(rows)))
        assert problem[0] == "duplicate-fiscal-year" and "C2" in problem[1]

    def test_short_first_year_is_partial(self) -> None:
        """Founded in October 2006: Oct 2006–Mar 2007 is 6 months (Oct+2 = Dec 2006 → FY2006)."""
        rows = [
            [
                "科目",
                "自 平成18年10月1日 至 平成19年3月31日",
                "自 平成19年4月1日 至 平成20年3月31日",
            ],
            *BODY,
        ]
        table = read_table(sheet(rows), WHERE)
        assert table is not None
        assert table.years == [2006, 2007]
        assert table.partial == {2006}
        assert not table.issues

    def test_short_later_period_warns(self) -> None:
        """A 6-month period after a full year (Apr–Sep 2008) is a warning naming its cell."""
        rows = [
            [
                "科目",
                "自 平成19年4月1日 至 平成20年3月31日",
                "自 平成20年4月1日 至 平成20年9月30日",
            ],
            *BODY,
        ]
        table = read_table(sheet(rows), WHERE)
        assert table is not None
        assert [(i.code, i.location.cell) for i in table.issues] == [("period-length", "C1")]


class TestOnePeriodStatements:
    """A single amount column takes its year from the title rows."""

    @pytest.mark.parametrize("heading", ["金額", "決算額", "当期", "Amount"])
    def test_single_amount_column(self, ledger_book: LedgerFactory, heading: str) -> None:
        """The period is only in the title: 自 平成19年4月1日 至 平成20年3月31日 → FY2007."""
        rows = [
            ["第9期決算公告"],
            [None, None, "平成20年6月27日"],
            ["損益計算書の要旨"],
            ["(自 平成19年4月1日\u3000至 平成20年3月31日)"],
            [None, None, "(単位：百万円)"],
            ["科目", None, heading],
            ["実施料収入", None, 412],
            ["人件費", None, 158],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2007,)
        assert ledger.amounts["licensing_income"] == {2007: 412_000_000}

    def test_a_date_just_above_the_heading_is_no_period(self, ledger_book: LedgerFactory) -> None:
        """The notice's date 平成20年6月27日 over 金額 is not its period; the title's is (FY2007)."""
        rows = [
            ["(自 平成19年4月1日 至 平成20年3月31日)"],
            [None, "平成20年6月27日"],
            ["科目", "金額"],
            ["実施料収入", 412],
        ]
        assert only_ledger(read_file(ledger_book(rows))).years == (2007,)

    def test_unit_in_the_amount_heading(self, ledger_book: LedgerFactory) -> None:
        """金額(百万円): the heading is 金額 and the unit million yen (3 → 3,000,000 yen)."""
        rows = [["平成19年度 損益計算書"], ["科目", "金額(百万円)"], ["実施料収入", 3]]
        report = read_file(ledger_book(rows))
        assert only_ledger(report).amounts["licensing_income"] == {2007: 3_000_000}
        assert "unit-assumed" not in [i.code for i in report.issues]

    @pytest.mark.parametrize(
        ("heading", "fy"), [("当期(2007年度)", 2007), ("平成19年度\n(2007年度)", 2007)]
    )
    def test_year_in_brackets(self, heading: str, fy: int) -> None:
        """A year in brackets after a heading names the column's year."""
        head = head_of(heading)
        assert head is not None and head.kind is HeadKind.PERIOD and head.fy == fy

    def test_two_amount_columns_without_years(self) -> None:
        """金額 | 金額 under a dated title: which is which is unknown, one error on the first."""
        rows = [["平成19年度"], ["科目", "金額", None, "金額"], ["実施料収入", 1, None, 2]]
        table = read_table(sheet(rows), WHERE)
        assert table is not None
        assert [(i.code, i.location.cell) for i in table.issues] == [("period-without-year", "B2")]

    def test_fiscal_year_in_title(self, ledger_book: LedgerFactory) -> None:
        """決算額 under the title 平成19年度 収支計算書 is FY2007."""
        rows = [["平成19年度 収支計算書"], ["(単位：円)"], ["科目", "決算額"], ["実施料収入", 5]]
        assert only_ledger(read_file(ledger_book(rows))).years == (2007,)

    def test_no_heading_at_all(self, ledger_book: LedgerFactory) -> None:
        """Labels and one column of amounts under a title 第6期 自平成16年4月1日 至平成17年3月31日."""
        rows = [
            ["第6期 自平成16年4月1日 至平成17年3月31日"],
            ["(単位：千円)"],
            ["実施料収入", 30],
            ["人件費", 12],
        ]
        ledger = only_ledger(read_file(ledger_book(rows)))
        assert ledger.years == (2004,)
        assert ledger.amounts["personnel_cost"] == {2004: 12_000}

    def test_no_heading_and_no_period_is_no_axis(self) -> None:
        """Labels and amounts with no period anywhere: no axis."""
        assert read_table(sheet([["実施料収入", 30], ["人件費", 12]]), WHERE) is None


class TestOneSheetPerYear:
    """Sheets named by fiscal years or periods make one ledger, one year each."""

    @pytest.mark.parametrize(
        ("names", "years"),
        [
            (("H18", "H19"), (2006, 2007)),
            (("平成18年度", "平成19年度"), (2006, 2007)),
            (("FY2006", "FY2007"), (2006, 2007)),
        ],
    )
    def test_sheets_named_by_year(
        self, tmp_path: Path, names: tuple[str, str], years: tuple[int, int]
    ) -> None:
        """Each sheet a one-period statement (金額): one ledger, each sheet its year."""
        sheets: dict[str, Any] = {"概要": PROFILE}
        for i, name in enumerate(names):
            sheets[name] = [
                ["(単位：千円)"],
                ["科目", "金額"],
                ["実施料収入", 100 + i],
                ["人件費", 40],
            ]
        ledger = only_ledger(read_file(write_book(tmp_path / "y.xlsx", sheets)))
        assert ledger.years == years
        assert ledger.amounts["licensing_income"] == {years[0]: 100_000, years[1]: 101_000}

    def test_ordinal_sheets_take_their_title_period(self, tmp_path: Path) -> None:
        """Sheets 第5期 and 第6期 take their years from their titles."""
        sheets: dict[str, Any] = {"概要": PROFILE}
        for n, year in ((5, 15), (6, 16)):
            sheets[f"第{n}期"] = [
                [f"自 平成{year}年4月1日 至 平成{year + 1}年3月31日"],
                ["(単位：千円)"],
                ["科目", "金額"],
                ["実施料収入", n],
            ]
        ledger = only_ledger(read_file(write_book(tmp_path / "y.xlsx", sheets)))
        assert ledger.years == (2003, 2004)
        assert ledger.amounts["licensing_income"] == {2003: 5_000, 2004: 6_000}

    def test_a_year_on_two_sheets(self, tmp_path: Path) -> None:
        """H19 and 平成19年度 are the same year: an error."""
        rows = [["(単位：千円)"], ["科目", "金額"], ["実施料収入", 1]]
        report = read_file(write_book(tmp_path / "y.xlsx", {"H19": rows, "平成19年度": rows}))
        assert [code for code, _ in errors(report)] == ["duplicate-fiscal-year"]
