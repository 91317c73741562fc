"""Number formats that change what a cell shows: ``#,##0,`` (thousands) and ``0%`` (percent).

A ledger is read as a person reads it on screen: 1,234,567 formatted ``#,##0,`` under
(単位：千円) is 1,234.567 thousand yen, not 1,234,567. The cell style → number format map comes
from ``xl/styles.xml`` (``cellXfs`` and ``numFmts``), read with bounded patterns over bytes whose
prolog :func:`tlo_cli.ledger.safety.check_archive` has already checked (no DTD, no entities).
"""

from __future__ import annotations

import re

#: Built-in number formats that scale: 9 is ``0%``, 10 is ``0.00%``.
_BUILTIN_SCALING = {9: "0%", 10: "0.00%"}
_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b([^<>]*)>")
_XF = re.compile(rb"<(?:\w+:)?xf\b([^<>]*)>")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
#: A built-in percent format (9 is 0%, 10 is 0.00%) used by a cell style.
_BUILTIN_PERCENT = re.compile(rb"""numFmtId\s*=\s*["'](?:9|10)["']""")
_ONE = (1.0, 1.0, 1.0)
_MAX_POWER = 8
_TRAILING_COMMAS = re.compile(r"[0#?](,+)[^0#?]*$")

Scale = tuple[float, float, float]
"""The factor from the stored value to the shown one, for positive, negative and zero values."""


_SMALL_NUMBER = re.compile(r"[0-9]{1,9}")


def small_int(text: str) -> int | None:
    """An attribute's whole number of at most nine ASCII digits, else None (never raises: a
    5,000-digit or a superscript "number" is not one)."""
    return int(text) if _SMALL_NUMBER.fullmatch(text) else None


def unescape(text: str) -> str:
    """XML text with its five predefined entities replaced (&amp; last)."""
    if "&" not in text:
        return text
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def attributes(tag: bytes) -> dict[bytes, str]:
    """The attributes of one start tag, unescaped (either quote style)."""
    return {
        name.split(b":")[-1]: unescape((double or single).decode("utf-8", "replace"))
        for name, double, single in _ATTR.findall(tag)
    }


def _sections(code: str) -> list[str]:
    """The ``;``-separated sections of a format code (a ``;`` inside quotes does not count)."""
    sections, current, quoted, i = [], [], False, 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted and i + 1 < len(code):
            current.append(code[i : i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    sections.append("".join(current))
    return sections


def section_scale(section: str) -> float:
    """shown = stored × 100^p ÷ 1000^k for one section of a format code.

    p is the number of ``%`` signs and k the number of commas right after the last digit
    placeholder (``0``, ``#`` or ``?``) with no placeholder after them, both outside quoted
    text, escapes and ``[…]`` codes: ``#,##0,`` → ÷1,000; ``#,##0,,"百万円"`` → ÷1,000,000;
    ``0.0%`` → ×100; ``#,##0`` → 1 (a comma between placeholders only groups digits).
    """
    bare = _LITERAL.sub("", section)
    if re.search(r"[eE][+-]", bare):
        return 1.0  # scientific notation: commas do not scale
    m = _TRAILING_COMMAS.search(bare)
    commas = len(m.group(1)) if m else 0
    percents = min(bare.count("%"), _MAX_POWER)  # a format of 500 % signs is not worth a crash
    return 100.0**percents / 1000.0 ** min(commas, _MAX_POWER)


def format_scale(code: str) -> Scale:
    """The factors of a whole format code: one section serves all values; with two, the second
    is for negatives; with three or more, the third is for zero."""
    sections = [section_scale(s) for s in _sections(code)]
    positive = sections[0]
    negative = sections[1] if len(sections) > 1 else positive
    zero = sections[2] if len(sections) > 2 else positive
    return positive, negative, zero


def _block(styles: bytes, name: bytes) -> bytes:
    """The bytes from the element ``name`` to its end tag (the next mention of the name)."""
    start = styles.find(b"<" + name)
    if start < 0:
        start = styles.find(b":" + name)  # a prefixed <x:cellXfs>
    if start < 0:
        return b""
    end = styles.find(name, start + len(name) + 1)
    return styles[start : end if end > 0 else len(styles)]


def style_scales(styles: bytes) -> dict[int, Scale]:
    """Cell style index (the ``s`` of a ``<c>``) → its scale, for the styles that scale only.

    The custom formats are looked at first, then the cell styles only when one of them, or a
    built-in percent format, may scale: a workbook with none costs two searches.
    """
    codes: dict[int, str] = {}
    for m in _NUM_FMT.finditer(_block(styles, b"numFmts")):
        attrs = attributes(m.group(1))
        number = small_int(attrs.get(b"numFmtId", ""))
        if number is not None and b"formatCode" in attrs:
            codes[number] = attrs[b"formatCode"]
    xfs = _block(styles, b"cellXfs")
    scaling = {number for number, code in codes.items() if format_scale(code) != _ONE}
    if not scaling and not _BUILTIN_PERCENT.search(xfs):
        return {}
    codes = {**_BUILTIN_SCALING, **codes}
    scales: dict[int, Scale] = {}
    for index, m in enumerate(_XF.finditer(xfs)):
        number = small_int(attributes(m.group(1)).get(b"numFmtId", "0"))
        code = codes.get(number) if number is not None else None
        if code is None:
            continue
        scale = format_scale(code)
        if scale != _ONE:
            scales[index] = scale
    return scales


def shown(value: float, scale: Scale) -> float:
    """The value as its number format shows it (decimals the format hides are kept)."""
    factor = scale[0] if value > 0 else scale[1] if value < 0 else scale[2]
    if factor == 1.0:
        return value
    x = value * factor
    return x if x.is_integer() else round(x, 9)
