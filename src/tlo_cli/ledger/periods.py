"""Column headers and title text → accounting periods and their fiscal years.

A header may name a fiscal year (2007, 平成19年度), a period (自 平成19年4月1日 至 平成20年3月31日,
April 1, 2007 – March 31, 2008), the end of a period (2008年3月期, H20.3期, FY2008/3, Year ended
March 31, 2008), a period relative to the current one (前事業年度, 当期), an ordinal period (第6期),
a month of a monthly export (2007/04, 4月), or a column that is not a period at all (増減, 予算額,
US$ …). The fiscal year of a period of months m₁…mₙ is the April-start fiscal year of month
m₁ + ⌊(n−1)/2⌋, the month holding its midpoint (docs/ledger-format.md, "Periods").
Pure functions of text; nothing here touches a workbook.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from tlo_cli.ledger.months import (
    ERA,
    MONTH_NAME,
    MONTHS,
    current_fiscal_year,
    dates_in,
    era_or_western_year,
    era_problem,
    fy_of_month,
    fy_of_period,
    fy_of_period_end,
)
from tlo_cli.ledger.parse import fiscal_year_of_date, parse_fiscal_year

__all__ = [
    "Head",
    "HeadKind",
    "classify",
    "current_fiscal_year",
    "dates_in",
    "fiscal_year_of",
    "fy_of_month",
    "fy_of_period",
    "fy_of_period_end",
    "head_of",
    "is_currency",
    "norm",
    "period_of",
    "title_head",
]

_YEAR_ENDED = re.compile(
    rf"(?:for)?(?:the)?(?:fiscal)?years?ended{MONTH_NAME}(\d{{1,2}})?,?(\d{{4}})?$"
)
_END_NAME = re.compile(
    rf"^(?:第\d+期)?\(?(?:(\d{{4}})|{ERA}\.?(\d{{1,2}}|元))[年.](\d{{1,2}})月?(?:決算)?期(?:決算)?\)?$"
)
_FY_SLASH = re.compile(r"^(?:fy)?(\d{4})[/\-](\d{1,4})(期)?$")
_FY_SHORT = re.compile(r"^fy'?(\d{2})$")
_MONTH_ONLY = re.compile(r"^(\d{1,2})月(?:分)?$")
_YEAR_MONTH = re.compile(rf"^(?:(\d{{4}})|{ERA}\.?(\d{{1,2}}|元))年(\d{{1,2}})月(?:分)?$")
_ORDINAL = re.compile(r"^第(\d{1,3})期(.*)$")
_ERA_YEAR = re.compile(rf"{ERA}\.?(\d{{1,2}}|元)")
_SPACE = re.compile(r"\s+")
_TITLE_TOKEN = re.compile(
    rf"(?:第\d{{1,3}}期)?\(?(?:(?:\d{{4}}|{ERA}\.?(?:\d{{1,2}}|元))"
    rf"(?:年度|年\d{{1,2}}月(?:決算)?期|\.\d{{1,2}}期)\)?|fy\d{{4}}(?:/\d{{1,2}})?)"
    rf"|(?:for)?(?:the)?(?:fiscal)?years?ended{MONTH_NAME}\d{{0,2}},?(?:\d{{4}})?"
)

_PRIOR = ("前事業年度", "前会計年度", "前年度", "前期", "prioryear", "previousyear", "lastyear")
_CURRENT = ("当事業年度", "当会計年度", "当年度", "当期", "currentyear", "thisyear")
_AMOUNT = frozenset({"金額", "決算額", "決算", "実績", "実績額", "amount", "amounts", "決算金額"})
_TOTAL = frozenset({"合計", "計", "total", "総計", "年計", "年間合計"})
_INNER = frozenset({"内訳", "内訳金額"})
_CODE = frozenset(
    {"コード", "科目コード", "勘定コード", "勘定科目コード", "code", "accountcode", "no", "no."}
)
_SKIP = re.compile(
    r"増減|差異|差額|前年比|前期比|前年度比|対前年|構成比|比率|%|予算|備考|注記|摘要|注番号|note"
)
_CURRENCY = re.compile(
    r"us\$|usd|米ドル|u\.s\.dollars|dollars|ドル|eur|ユーロ|€|£|ポンド|ウォン|人民元|rmb|cny|gbp"
)


class HeadKind(StrEnum):
    PERIOD = "period"  # a fiscal year named by the header itself
    BARE = "bare"  # a bare number such as 2007 (an end year under a "years ended" caption)
    RELATIVE = "relative"  # 前期 / 当期: the year comes from elsewhere
    ORDINAL = "ordinal"  # 第6期 with no year: the year comes from elsewhere
    AMOUNT = "amount"  # 金額 / 決算額: the one period of the statement
    MONTH = "month"  # one month of a monthly export
    INNER = "inner"  # 内訳: the inner column of a period
    TOTAL = "total"  # 合計 / 計 / Total
    CODE = "code"  # account codes
    SKIP = "skip"  # not a period (増減, 予算額, a currency …)
    CAPTION = "caption"  # "Years ended March 31": bare years below are period ends


@dataclass(frozen=True, slots=True)
class Head:
    """What a column header (or a title cell) says about its period."""

    kind: HeadKind
    fy: int | None = None
    months: int | None = None  # the length of a period given by its two dates
    offset: int = 0  # relative: −1 for the prior period, 0 for the current one
    ordinal: int = 0  # 第N期
    year: int = 0  # monthly: the calendar year (0 when only the month is written)
    month: int = 0  # monthly: the month; a caption: the month periods end in
    reason: str = ""  # skipped: why
    problem: str = ""  # a year that cannot be (平成0年, H32): the reason


def norm(value: Any) -> str:
    """Header text as compared: NFKC, no whitespace, lower case."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(value))).lower()


def period_of(text: str) -> Head | None:
    """A period given by two dates (自 … 至 …, … 〜 …, April 1, 2007 – March 31, 2008)."""
    dates = dates_in(text)
    if len(dates) < 2:
        return None
    (y0, m0, d0), (y1, m1, d1) = dates[0], dates[1]
    months = (y1 * 12 + m1) - (y0 * 12 + m0) + 1
    if d0 > 1 and d1 < d0 - 1:  # 15 April to 14 April: whole months from mid-month
        months -= 1
    if months < 1:
        return None
    return Head(HeadKind.PERIOD, fy_of_period((y0, m0), months), months=months)


def _end_name(text: str) -> Head | None:
    m = _END_NAME.match(text)
    if m:
        western, era, era_year, month = m.groups()
        problem = era_problem(era, era_year) if era and era_year else ""
        mo = int(month)
        if not 1 <= mo <= 12:
            return None
        return Head(
            HeadKind.PERIOD,
            fy_of_period_end(era_or_western_year(western, era, era_year), mo),
            problem=problem,
        )
    m = _YEAR_ENDED.match(text)
    if m:
        name, _day, year = m.groups()
        if year is None:
            return Head(HeadKind.CAPTION, month=MONTHS[name])
        return Head(HeadKind.PERIOD, fy_of_period_end(int(year), MONTHS[name]))
    m = _FY_SLASH.match(text)
    if m:
        year, second, suffix = int(m.group(1)), m.group(2), m.group(3)
        n = int(second)
        if len(second) == 4 and n == year + 1:
            return Head(HeadKind.PERIOD, year)
        if len(second) == 2 and n == (year + 1) % 100 and not suffix:
            return Head(HeadKind.PERIOD, year, year=year, month=n if n <= 12 else 0)
        if 1 <= n <= 12 and len(second) <= 2:
            if suffix or text.startswith("fy"):
                return Head(HeadKind.PERIOD, fy_of_period_end(year, n))
            return Head(HeadKind.MONTH, fy_of_period_end(year, n), year=year, month=n)
    return None


@lru_cache(maxsize=4096)
def classify(text: str) -> Head | None:
    """What a header's normalized text says, or None when it says nothing of periods."""
    if not text:
        return None
    head = _end_name(text)
    if head is not None:
        return head
    period = period_of(text)
    m = _ORDINAL.match(text)
    if m:
        rest = m.group(2).strip("()")
        inner = period or (classify(rest) if rest else None)
        if inner is not None and inner.fy is not None:
            return Head(
                HeadKind.PERIOD,
                inner.fy,
                inner.months,
                ordinal=int(m.group(1)),
                problem=inner.problem,
            )
        return Head(HeadKind.ORDINAL, ordinal=int(m.group(1)))
    if period is not None:
        return period
    if _CURRENCY.search(text):
        return Head(HeadKind.SKIP, reason="a currency other than yen")
    if _SKIP.search(text):
        return Head(HeadKind.SKIP, reason="not a period")
    if _BRACKETS.search(text):
        noted = _bracketed(text)
        if noted is not None and noted.kind is HeadKind.PERIOD:
            return noted
    for words, offset in ((_PRIOR, -1), (_CURRENT, 0)):
        if text.startswith(words):
            return Head(HeadKind.RELATIVE, offset=offset)
    m = _FY_SHORT.match(text)
    if m:
        n = int(m.group(1))
        return Head(HeadKind.PERIOD, 2000 + n if n < 50 else 1900 + n)
    m = _YEAR_MONTH.match(text)
    if m and 1 <= int(m.group(4)) <= 12:  # 2007年4月: a month, or a period ending then
        year, month = era_or_western_year(m.group(1), m.group(2), m.group(3)), int(m.group(4))
        problem = era_problem(m.group(2), m.group(3)) if m.group(2) else ""
        return Head(
            HeadKind.MONTH, fy_of_period_end(year, month), year=year, month=month, problem=problem
        )
    m = _MONTH_ONLY.match(text)
    if m and 1 <= int(m.group(1)) <= 12:
        return Head(HeadKind.MONTH, month=int(m.group(1)))
    if text in _AMOUNT:
        return Head(HeadKind.AMOUNT)
    if text in _TOTAL:
        return Head(HeadKind.TOTAL)
    if text in _INNER:
        return Head(HeadKind.INNER)
    if text in _CODE:
        return Head(HeadKind.CODE, reason="account codes")
    m = _ERA_YEAR.match(text)
    if m:
        problem = era_problem(m.group(1), m.group(2))
        if problem:
            return Head(
                HeadKind.PERIOD, era_or_western_year(None, m.group(1), m.group(2)), problem=problem
            )
    fy = parse_fiscal_year(text)
    if fy is not None:
        if text.isdigit():
            return Head(HeadKind.BARE, fy)
        return Head(HeadKind.PERIOD, fy)
    return _bracketed(text)


_BRACKETS = re.compile(r"[()\[\]【】<>]")


def _bracketed(text: str) -> Head | None:
    """A heading with a note in brackets: 当期(2007年度), 金額(千円), 平成19年度(2007年度).

    The strongest part stands: a year over a relative or amount heading.
    """
    parts = [part for part in _BRACKETS.split(text) if part]
    if len(parts) < 2:
        return None
    heads = [h for h in (classify(part) for part in parts) if h is not None]
    named = next((h for h in heads if h.kind is HeadKind.PERIOD), None)
    return named or (heads[0] if heads else None)


def head_of(value: Any) -> Head | None:
    """What a header cell says: a date cell is the fiscal year it falls in, as in version 1."""
    if isinstance(value, bool) or value == "":
        return None
    if isinstance(value, dt.date):
        date = value.date() if isinstance(value, dt.datetime) else value
        return Head(HeadKind.PERIOD, fiscal_year_of_date(date))
    if isinstance(value, int | float):
        return _head_of_number(value)
    return _head_of_text(str(value))


@lru_cache(maxsize=4096, typed=True)
def _head_of_number(value: float) -> Head | None:  # year numbers repeat from file to file
    fy = parse_fiscal_year(value)
    return None if fy is None else Head(HeadKind.BARE, fy)


def is_currency(value: Any) -> bool:
    """A caption or heading naming a currency other than yen (US$, 千米ドル, U.S. dollars)."""
    return isinstance(value, str) and bool(_CURRENCY.search(norm(value)))


_NAMES_A_YEAR = frozenset({HeadKind.PERIOD, HeadKind.BARE, HeadKind.MONTH})


def fiscal_year_of(value: Any) -> int | None:
    """The fiscal year a cell names by itself (a year, a period, a period end), else None."""
    head = head_of(value)
    if head is None or head.problem or head.kind not in _NAMES_A_YEAR:
        return None
    return head.fy  # a month alone (2008年3月) names the year ending then


@lru_cache(maxsize=65536)
def _head_of_text(value: str) -> Head | None:
    return classify(norm(value))


def title_head(value: Any) -> Head | None:
    """The period a title cell names: two dates, 平成19年度, 2008年3月期, 第N期(…), or a caption.

    A single date (the date of a notice) or a bare number names no period.
    """
    if not isinstance(value, str):
        return None
    text = norm(value)
    if not text or len(text) > 80:
        return None
    period = period_of(text)
    if period is not None:
        return period
    for m in _TITLE_TOKEN.finditer(text):
        head = classify(m.group(0))
        if head is not None and head.kind in (HeadKind.PERIOD, HeadKind.CAPTION):
            return head
    return None
