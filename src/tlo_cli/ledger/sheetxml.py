"""What the cell reader does not say about a worksheet, found in its XML in one linear pass.

python-calamine gives cell values only. A formula with no stored result reads as an empty
string, an error value (``#DIV/0!``, ``#N/A``) as an empty cell, a hidden row or column like
any other, and a number formatted ``#,##0,`` as the stored number. This module finds those
cells. Every pattern is bounded by the next ``<`` or ``>``, so the scan is linear in the size of
the part whatever its shape (an earlier pattern that looked for ``</c>`` after each ``<c`` took
minutes on 60,000 unclosed elements).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from tlo_cli.ledger.numfmt import Scale, attributes, small_int, unescape

_TOKEN = re.compile(rb"<(/?)(?:\w+:)?(row|c|f|v|is)\b([^<>]*?)(/?)>")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^<>]*)>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^<>]*)>")
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_TRUE = ("1", "true")
#: Literal searches through re, several times faster than ``in`` for these needles.
_HIDDEN = re.compile(rb"hidden")
_FORMULA_TAG = re.compile(rb"<f")


@dataclass(slots=True)
class Marks:
    """Cells to treat specially, by 0-based (row, column)."""

    formulas_without_value: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    scaled: dict[tuple[int, int], Scale] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)

    @property
    def touches_cells(self) -> bool:
        return bool(self.errors or self.scaled or self.hidden_rows or self.hidden_cols)


@cache
def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """The A1 address of a 0-based (row, column)."""
    return column_letter(col) + str(row + 1)


def cell_position(ref: str) -> tuple[int, int] | None:
    """ "C7" → (6, 2), 0-based; None when ``ref`` is not an A1 address."""
    m = _REF.fullmatch(ref)
    if m is None:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _has_formula(data: bytes) -> bool:
    if _FORMULA_TAG.search(data):
        return True
    return b"<worksheet" not in data[:4096] and b":f" in data  # a prefixed <x:f>


def needs_scan(data: bytes) -> bool:
    """True when the part may hold a formula, an error value or a hidden row or column.

    Literal searches only (an error value starts with #, which a sheet's XML rarely holds).
    """
    return b"#" in data or _HIDDEN.search(data) is not None or _has_formula(data)


def scan(data: bytes, scales: dict[int, Scale], max_cols: int) -> Marks:
    """The marks of one worksheet part; the cells are walked only when the part has a formula,
    an error value, or the workbook has a scaling number format."""
    marks = Marks()
    if _HIDDEN.search(data):
        _hidden(data, marks, max_cols)
    errors = b"#" in data and _ERROR_TYPE.search(data) is not None
    if scales or errors or _has_formula(data):
        _cells(data, scales, marks)
    return marks


def _hidden(data: bytes, marks: Marks, max_cols: int) -> None:
    row = -1
    for m in _ROW.finditer(data):
        attrs = attributes(m.group(1))
        number = small_int(attrs.get(b"r", ""))
        row = number - 1 if number is not None else row + 1
        if attrs.get(b"hidden", "").lower() in _TRUE:
            marks.hidden_rows.add(row)
    for m in _COL.finditer(data):
        attrs = attributes(m.group(1))
        if attrs.get(b"hidden", "").lower() not in _TRUE:
            continue
        low, high = small_int(attrs.get(b"min", "")), small_int(attrs.get(b"max", ""))
        if low is not None and high is not None:
            marks.hidden_cols.update(range(max(low - 1, 0), min(high, max_cols)))


def _cells(data: bytes, scales: dict[int, Scale], marks: Marks) -> None:
    row, col = -1, -1
    cell: tuple[int, int] | None = None
    kind = style = ""
    formula: str | None = None
    value: str | None = None
    inline = False
    for m in _TOKEN.finditer(data):
        closing, name, attrs_raw, empty = m.groups()
        if name == b"row":
            if not closing:
                number = small_int(attributes(attrs_raw).get(b"r", ""))
                row = number - 1 if number is not None else row + 1
                col = -1
            continue
        if name == b"c":
            if closing:
                if cell is not None:
                    _end_cell(cell, kind, style, formula, value, inline, scales, marks)
                cell = None
                continue
            attrs = attributes(attrs_raw)
            ref = cell_position(attrs.get(b"r", ""))
            if ref is None:
                ref = (max(row, 0), col + 1)
            row, col = ref
            if empty:
                cell = None
                continue
            cell, kind, style = ref, attrs.get(b"t", ""), attrs.get(b"s", "")
            formula = value = None
            inline = False
        elif cell is None or closing:
            continue
        elif name == b"f":
            formula = "" if empty else unescape(_text_after(data, m.end()))
        elif name == b"v":
            value = "" if empty else _text_after(data, m.end())
        else:  # <is>: an inline string
            inline = True


def _text_after(data: bytes, start: int) -> str:
    end = data.find(b"<", start)
    return data[start : end if end >= 0 else len(data)].decode("utf-8", "replace").strip()


def _end_cell(
    cell: tuple[int, int],
    kind: str,
    style: str,
    formula: str | None,
    value: str | None,
    inline: bool,
    scales: dict[int, Scale],
    marks: Marks,
) -> None:
    if kind == "e":
        marks.errors[cell] = value or "#N/A"
        return
    has_value = inline or bool(value) or (kind == "str" and value is not None)
    if formula is not None and not has_value:
        marks.formulas_without_value[cell] = formula
        return
    index = small_int(style) if scales else None
    if index is not None and index in scales and kind in ("", "n") and value:
        marks.scaled[cell] = scales[index]
