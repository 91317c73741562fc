"""Fiscal years, dates, amounts and units from single cell values."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tlo_cli.ledger.parse import (
    ErrorValue,
    WrittenAmount,
    fiscal_year_of_date,
    parse_amount,
    parse_date,
    parse_fiscal_year,
    parse_unit,
)
from tlo_cli.model import Unit


class TestFiscalYear:
    """Every fiscal-year notation of SPEC §3."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (2007, 2007),
            (2007.0, 2007),
            ("2007", 2007),
            ("FY2007", 2007),
            ("fy 2007", 2007),
            ("2007年度", 2007),
            ("平成19年度", 2007),
            ("H19", 2007),
            ("H19年度", 2007),
            ("ｈ１９", 2007),
            ("令和3年度", 2021),
            ("R3", 2021),
            ("令和元年度", 2019),
            ("平成元年度", 1989),
            ("昭和63年度", 1988),
            ("２００７年度", 2007),
            ("ＦＹ２００７", 2007),
            (dt.date(2007, 4, 1), 2007),
            (dt.date(2008, 3, 31), 2007),
            (dt.datetime(2007, 12, 31, 0, 0), 2007),
            ("2008年3月期", 2007),
            ("2007/4/1", 2007),
        ],
    )
    def test_notation(self, value: object, expected: int) -> None:
        """Each accepted notation gives the fiscal year it names."""
        assert parse_fiscal_year(value) == expected

    @pytest.mark.parametrize(
        "value", [1949, 2101, 2007.5, "科目", "", None, True, "平成", "12,345"]
    )
    def test_not_a_year(self, value: object) -> None:
        """Numbers outside 1950–2100, fractions, labels and logical values are not fiscal years."""
        assert parse_fiscal_year(value) is None

    def test_april_starts_the_year(self) -> None:
        """April–December belong to their year's FY, January–March to the year before."""
        assert fiscal_year_of_date(dt.date(2004, 4, 1)) == 2004
        assert fiscal_year_of_date(dt.date(2005, 3, 31)) == 2004


class TestDate:
    """Approval dates as text or cells."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2004-06-01", dt.date(2004, 6, 1)),
            ("2004/6/1", dt.date(2004, 6, 1)),
            ("平成16年6月1日", dt.date(2004, 6, 1)),
            ("H16.6.1", dt.date(2004, 6, 1)),
            ("２００４年６月１日", dt.date(2004, 6, 1)),
        ],
    )
    def test_text(self, text: str, expected: dt.date) -> None:
        """Dates written as text in western or era notation are read."""
        assert parse_date(text) == expected

    def test_invalid_date(self) -> None:
        """A date that does not exist is not a date."""
        assert parse_date("2004-02-31") is None


class TestAmount:
    """Amount notations: commas, full width, △/▲, parentheses, dashes."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (1234, 1234.0),
            (12.5, 12.5),
            ("1,234", 1234.0),
            ("１２３４", 1234.0),
            ("１，２３４", 1234.0),
            ("△1,234", -1234.0),
            ("▲1,234", -1234.0),
            ("(1,234)", -1234.0),
            ("（１，２３４）", -1234.0),
            ("-1,234", -1234.0),
            ("－１２３４", -1234.0),
            ("△ 500", -500.0),
            ("-", 0.0),
            ("－", 0.0),
            ("—", 0.0),
            (" 12.5 ", 12.5),
        ],
    )
    def test_notation(self, value: object, expected: float) -> None:
        """Each accepted amount notation gives its value."""
        assert parse_amount(value) == expected

    @pytest.mark.parametrize("value", ["", None, "   "])
    def test_empty_is_none(self, value: object) -> None:
        """An empty cell is None (zero, but distinguishable from a written zero)."""
        assert parse_amount(value) is None

    @pytest.mark.parametrize(
        "value", ["abc", "12a", "nan", "inf", "1,23", True, dt.date(2007, 1, 1)]
    )
    def test_rejected(self, value: object) -> None:
        """Text, NaN, malformed groups, logical values and dates are not amounts."""
        with pytest.raises(ValueError, match=r"where an amount belongs|not a finite"):
            parse_amount(value)


class TestAmountHostile:
    """Notes, units, odd digits, spaces, other currencies, error values, double negatives."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("※1 929,125", 929_125.0),
            ("929,125 ※2", 929_125.0),
            ("929,125※2", 929_125.0),
            ("※929,125", 929_125.0),
            ("*1 5", 5.0),
            ("＊1 5", 5.0),
            ("(注1) 7", 7.0),
            ("7 (注1)", 7.0),
            ("△1,234 ※3", -1_234.0),
            ("14,500千円", 14_500.0),
            ("14,500 円", 14_500.0),
            ("2百万円", 2.0),
            ("¥1,000", 1_000.0),
            ("￥1,000", 1_000.0),
            ("JPY 100", 100.0),
        ],
    )
    def test_read(self, value: str, expected: float) -> None:
        assert parse_amount(value) == expected

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("(△100)", "two negative signs"),
            ("（▲100）", "two negative signs"),
            ("△-100", "two negative signs"),
            ("100 200", "a space inside the number"),
            ("1 234", "a space inside the number"),
            ("10²", "「²」 is not a plain digit"),
            ("①", "「①」 is not a plain digit"),
            ("١٢٣", "「١」 is not a plain digit"),
            ("$100", "a currency other than yen"),
            ("US$100", "a currency other than yen"),
            ("100 USD", "a currency other than yen"),
            ("€5", "a currency other than yen"),
            ("£5", "a currency other than yen"),
            ("#DIV/0!", "the error value #DIV/0!"),
            ("#n/a", "the error value #n/a"),
            (ErrorValue("#REF!"), "the error value #REF!"),
        ],
    )
    def test_refused(self, value: str, reason: str) -> None:
        with pytest.raises(ValueError, match=re.escape(reason)):
            parse_amount(value)

    @pytest.mark.parametrize(
        ("value", "unit", "dotted"),
        [
            ("14,500千円", Unit.THOUSAND, False),
            ("3百万円", Unit.MILLION, False),
            ("100円 ※1", Unit.YEN, False),
            ("14.500", None, True),
            ("△14.500千円", Unit.THOUSAND, True),
        ],
    )
    def test_what_the_text_said(self, value: str, unit: Unit | None, dotted: bool) -> None:
        """A unit after the number, or a dot with three digits after it, travels with the
        amount for the checks that know the sheet's unit and its other amounts."""
        amount = parse_amount(value)
        assert isinstance(amount, WrittenAmount)
        assert (amount.unit, amount.dotted, amount.text) == (unit, dotted, value)

    @pytest.mark.parametrize("value", ["1,234", "12.5", "1234.500", 7.0])
    def test_plain_amounts_are_plain_floats(self, value: object) -> None:
        assert type(parse_amount(value)) is float


class TestUnit:
    """Units stated in a cell, alone or inside a title."""

    @pytest.mark.parametrize(
        ("text", "unit"),
        [
            ("(単位：千円)", Unit.THOUSAND),
            ("（単位：千円）", Unit.THOUSAND),
            ("単位：百万円", Unit.MILLION),
            ("(円)", Unit.YEN),
            ("単位 円", Unit.YEN),
            ("(JPY thousand)", Unit.THOUSAND),
            ("(JPY million)", Unit.MILLION),
            ("Income statement (JPY million)", Unit.MILLION),
            ("in thousands of yen", Unit.THOUSAND),
            ("損益計算書（単位：千円）", Unit.THOUSAND),
        ],
    )
    def test_stated(self, text: str, unit: Unit) -> None:
        """Each way of stating the unit is recognised."""
        assert parse_unit(text) is unit

    @pytest.mark.parametrize("text", ["損益計算書", "科目", 1000])
    def test_none(self, text: object) -> None:
        """Cells that state no unit give None."""
        assert parse_unit(text) is None
