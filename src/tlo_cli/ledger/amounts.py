"""Amounts from cell values: notations, note markers, units written after the number, and
everything refused (error values, odd digits, spaces inside a number, other currencies, double
negatives).

Pure functions of one cell value; they return ``None`` for an empty cell or raise
:class:`ValueError` with the reason, and never touch a workbook.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from tlo_cli.model import Unit

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
