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


def is_year_text(value: Any) -> bool:
    """True when the value is written as a fiscal year in text (not a bare number)."""
    return isinstance(value, str | dt.date) and parse_fiscal_year(value) is not None


_DASHES = frozenset({"-", "--", "---", "—", "―", "‐", "–", "−", "ー", "…", "・"})
_NEGATIVE_MARKS = ("△", "▲", "-", "−", "▵", "ー", "‐", "–")
_NUMBER = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_DOTTED = re.compile(r"^\d{1,3}\.\d{3}$")

#: What Excel shows in a cell whose formula failed, or what was pasted from one.
ERROR_VALUES = frozenset(
    {
        "#DIV/0!",
        "#N/A",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#REF!",
        "#VALUE!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)
_NOTE = r"(?:※\d{0,2}|\*\d{0,2}|\(注\d{0,2}\)|注\d{0,2})"
#: A note marker before the number: digits in the marker need a space after them.
_LEADING_NOTE = re.compile(rf"^(?:{_NOTE}\s+|[※*](?=[\d(△▲▵¥+\-−]))")
_TRAILING_NOTE = re.compile(rf"\s*{_NOTE}$")
_TRAILING_UNIT = re.compile(r"\s*(百万円|千円|円)$")
_CELL_UNITS = {"円": Unit.YEN, "千円": Unit.THOUSAND, "百万円": Unit.MILLION}
_YEN_SIGNS = ("¥", "jpy")
_CURRENCY_CODE = re.compile(
    r"(?<![a-z])(?:usd|eur|gbp|cny|rmb|krw|twd|hkd|sgd|aud|cad|chf|inr|thb|nzd|sek)(?![a-z])"
    r"|ドル|ユーロ|ポンド|ウォン|人民元|ユアン"
)
_FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")


class WrittenAmount(float):
    """An amount read from text that said more than its number: a unit after it (``unit``,
    ``14,500千円``) or a dot with exactly three digits after it (``dotted``, ``14.500``), for the
    checks that need the sheet (:mod:`tlo_cli.ledger.checks`). Otherwise a float like any other."""

    __slots__ = ("dotted", "text", "unit")
    dotted: bool
    text: str
    unit: Unit | None

    def __new__(cls, number: float, text: str, unit: Unit | None, dotted: bool) -> WrittenAmount:
        self = super().__new__(cls, number)
        self.text, self.unit, self.dotted = text, unit, dotted
        return self


class ErrorValue(str):
    """An Excel error value (#DIV/0!, #N/A …) found in a cell, cached or typed."""

    __slots__ = ()


def _odd_character(value: str) -> str | None:
    """The first character that is a digit or number to Unicode but not 0–9 (², ①, ٣)."""
    for ch in value:
        if ch.isascii() or ch in _FULL_WIDTH_DIGITS:
            continue
        if unicodedata.category(ch)[0] == "N":
            return ch
    return None


def _strip_notes(text: str) -> str:
    """``※1 929,125``, ``929,125 ※2``, ``*1``, ``(注1)`` → ``929,125`` (text already NFKC)."""
    text = _LEADING_NOTE.sub("", text, count=1)
    return _TRAILING_NOTE.sub("", text, count=1).strip()


def parse_amount(value: Any) -> float | None:
    """An amount as a float, or None for an empty cell.

    Numbers are taken as they are; text may use commas, full-width digits, a leading △, ▲ or
    minus sign, or parentheses for a negative (one of them: ``(△100)`` is refused as a double
    negative); a dash alone is zero; a note marker before or after the number (``※1``, ``*1``,
    ``(注1)``), a ¥ sign and a trailing unit (``千円``, whose agreement with the sheet's unit the
    caller checks) are set aside.
    Raises ValueError naming what was found when the value is not an amount: an error value
    (#DIV/0!, #N/A), a space inside the number, a superscript or other odd digit, a currency
    other than yen, or any other text.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"the logical value {str(value).upper()} where an amount belongs")
    if isinstance(value, int | float):
        return _bounded(float(value))
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise ValueError(f"the date or time {value} where an amount belongs")
    if not isinstance(value, str):
        raise ValueError(f"{value!r} where an amount belongs")
    shown = value.strip()
    if isinstance(value, ErrorValue) or shown.upper() in ERROR_VALUES:
        raise ValueError(
            f"the error value {shown} where an amount belongs (a formula that failed, or a "
            "pasted error)"
        )
    odd = _odd_character(shown)
    if odd is not None:
        raise ValueError(
            f'text "{shown}" where an amount belongs: 「{odd}」 is not a plain digit 0–9'
        )
    text = unicodedata.normalize("NFKC", shown).strip().lower()
    if not text:
        return None
    if text in _DASHES:
        return 0.0
    text = _strip_notes(text)
    written_unit = _TRAILING_UNIT.search(text)
    if written_unit is not None:
        text = text[: written_unit.start()]
    if any(unicodedata.category(ch) == "Sc" and ch != "¥" for ch in text) or (
        _CURRENCY_CODE.search(text)
    ):
        raise ValueError(f'text "{shown}" where an amount belongs: a currency other than yen')
    for sign in _YEN_SIGNS:
        text = text.replace(sign, "", 1) if text.startswith(sign) else text
    text = text.strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith(_NEGATIVE_MARKS):
        if negative:
            raise ValueError(
                f'text "{shown}" where an amount belongs: two negative signs (write △100 or '
                "(100), not both)"
            )
        negative, text = True, text[1:].lstrip()
    elif text.startswith("+"):
        text = text[1:].lstrip()
    text = text.removeprefix("¥").strip()
    if text.startswith((*_NEGATIVE_MARKS, "(")):
        raise ValueError(f'text "{shown}" where an amount belongs: two negative signs')
    if any(ch.isspace() for ch in text):
        raise ValueError(
            f'text "{shown}" where an amount belongs: a space inside the number '
            "(write 100200 or 100,200)"
        )
    if "," in text:
        if not _GROUPED.match(text):
            raise ValueError(f'text "{shown}" where an amount belongs')
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise ValueError(f'text "{shown}" where an amount belongs')
    number = _bounded(float(text))
    if negative:
        number = -number
    dotted = _DOTTED.match(text) is not None
    if written_unit is None and not dotted:
        return number
    unit = _CELL_UNITS[written_unit.group(1)] if written_unit else None
    return WrittenAmount(number, shown, unit, dotted)


MAX_AMOUNT = 1e15


def _bounded(number: float) -> float:
    if not math.isfinite(number):
        raise ValueError(f"{number!r} is not a finite amount")
    if abs(number) > MAX_AMOUNT:
        raise ValueError(f"the amount {number:.3g} is beyond any ledger (more than 10^15)")
    return number


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
