"""Fiscal years, dates, amounts and units, read from cell values.

Pure functions of one cell value each; they return ``None`` (or raise :class:`ValueError`
with the reason) and never touch a workbook.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

# Amounts are read in ledger/amounts.py; re-exported here, where the readers import them from.
from tlo_cli.ledger.amounts import ERROR_VALUES as ERROR_VALUES
from tlo_cli.ledger.amounts import MAX_AMOUNT as MAX_AMOUNT
from tlo_cli.ledger.amounts import ErrorValue as ErrorValue
from tlo_cli.ledger.amounts import WrittenAmount as WrittenAmount
from tlo_cli.ledger.amounts import parse_amount as parse_amount
from tlo_cli.model import Unit

FY_MIN, FY_MAX = 1950, 2100

#: Era name → the calendar year before its first year (平成元年 = 1989).
ERAS: dict[str, int] = {
    "明治": 1867,
    "m": 1867,
    "大正": 1911,
    "t": 1911,
    "昭和": 1925,
    "s": 1925,
    "平成": 1988,
    "h": 1988,
    "令和": 2018,
    "r": 2018,
}
_ERA = r"(明治|大正|昭和|平成|令和|[mtshr])"
_YEAR_TEXT = re.compile(
    rf"^(?:fy|fiscalyear|年度)?(?:(\d{{4}})|{_ERA}(\d{{1,2}}|元))(?:年度|年|fy|期)?$"
)
_DATE_TEXT = re.compile(
    rf"^(?:(\d{{4}})|{_ERA}(\d{{1,2}}|元))[-/.年](\d{{1,2}})(?:[-/.月](\d{{1,2}})日?|月期|月度|月)?$"
)
_SPACE = re.compile(r"\s+")


def _text(value: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", value)).lower()


def _era_year(era: str, year: str) -> int:
    n = 1 if year == "元" else int(year)
    return ERAS[era] + n


def fiscal_year_of_date(date: dt.date) -> int:
    """The fiscal year (April–March) a date falls in: April–December its year, else the year before."""
    return date.year if date.month >= 4 else date.year - 1


def parse_date(value: Any) -> dt.date | None:
    """A date from a date cell or date text (2004-06-01, 2004/6/1, 平成16年6月1日, 2008年3月期)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE_TEXT.match(_text(value))
    if not m:
        return None
    western, era, era_year, month, day = m.groups()
    year = int(western) if western else _era_year(era, era_year)
    try:
        return dt.date(year, int(month), int(day) if day else 1)
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def parse_fiscal_year(value: Any) -> int | None:
    """A fiscal year from a cell: 2007, FY2007, 2007年度, 平成19年度, H19, 令和元年度, or a date.

    Returns None when the value is not a fiscal year (including integers outside 1950–2100).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
            return None
        year = int(value)
        return year if FY_MIN <= year <= FY_MAX else None
    if isinstance(value, dt.date):
        return fiscal_year_of_date(value if not isinstance(value, dt.datetime) else value.date())
    if not isinstance(value, str):
        return None
    text = _text(value)
    m = _YEAR_TEXT.match(text)
    if m:
        western, era, era_year = m.groups()
        year = int(western) if western else _era_year(era, era_year)
        return year if FY_MIN <= year <= FY_MAX else None
    date = parse_date(value)
    if date is None:
        return None
    year = fiscal_year_of_date(date)
    return year if FY_MIN <= year <= FY_MAX else None


_UNIT_PATTERNS: tuple[tuple[re.Pattern[str], Unit], ...] = (
    (re.compile(r"単位[:]?(百万円)"), Unit.MILLION),
    (re.compile(r"単位[:]?(千円)"), Unit.THOUSAND),
    (re.compile(r"単位[:]?(円)"), Unit.YEN),
    (re.compile(r"\((百万円)\)"), Unit.MILLION),
    (re.compile(r"\((千円)\)"), Unit.THOUSAND),
    (re.compile(r"\((円)\)"), Unit.YEN),
    (re.compile(r"(?:jpy|yen|¥)(?:in)?millions?|millions?(?:of)?(?:jpy|yen)|¥m\b"), Unit.MILLION),
    (
        re.compile(r"(?:jpy|yen|¥)(?:in)?thousands?|thousands?(?:of)?(?:jpy|yen)|¥k\b"),
        Unit.THOUSAND,
    ),
    (re.compile(r"\((?:jpy|yen|¥)\)|単位[:]?(?:jpy|yen)|\bin(?:jpy|yen)\b"), Unit.YEN),
)


def parse_unit(value: Any) -> Unit | None:
    """The unit stated in a cell such as (単位：千円), 単位：百万円, (円), (JPY thousand), or None."""
    if not isinstance(value, str):
        return None
    text = _text(value)
    for pattern, unit in _UNIT_PATTERNS:
        if pattern.search(text):
            return unit
    return None
