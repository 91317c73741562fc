"""Workbook → cells. The only module that opens Excel files.

Before anything is expanded, the file is identified by its first bytes (xlsx, legacy .xls,
password-protected, another format renamed) and its zip directory is checked for sizes and
compression ratios absurd for a ledger. Cells are read with python-calamine. Formulas with no
stored result, which calamine reads as empty strings, are found in the sheet XML.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from tlo_cli.errors import InputError, Location, error
from tlo_cli.ledger.archive import Archive, ArchiveError
from tlo_cli.ledger.safety import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    check_archive,
    sniff,
)

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.DOTALL)
_VALUE = re.compile(rb"<v\b[^>]*>([^<]+)</v>|<is\b", re.DOTALL)
_SHEET_ENTRY = re.compile(rb"<sheet\b[^>]*?/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL_ENTRY = re.compile(rb"<Relationship\b[^>]*?/?>")


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


def _ref_to_rc(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    assert m is not None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


@dataclass(frozen=True, slots=True)
class Sheet:
    """The cells of one sheet: ``rows[r][c]`` is the value at 0-based (r, c), "" when empty."""

    name: str
    rows: list[list[Any]]
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    formulas_without_value: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int) -> Any:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return ""


@dataclass(slots=True)
class Workbook:
    """A readable workbook: its path as given and its sheets, read on demand."""

    path: str
    sheet_names: list[str]
    _book: Any
    _archive: Archive
    _formula_parts: dict[str, bytes] = field(default_factory=dict)
    _parts: dict[str, str] | None = None
    _cache: dict[str, Sheet] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet:
        """The cells of sheet ``name`` (raises InputError when it is absurdly large)."""
        if name in self._cache:
            return self._cache[name]
        where = Location(self.path, name)
        from python_calamine import CalamineError

        try:
            raw = self._book.get_sheet_by_name(name)
        except (CalamineError, OSError, ValueError) as exc:  # broken XML
            raise InputError(
                error("truncated-file", f"cannot read the sheet ({_reason(exc)})", where)
            ) from exc
        except BaseException as exc:  # a panic in the Rust reader surfaces as BaseException
            if type(exc).__name__ != "PanicException":
                raise
            raise InputError(
                error("truncated-file", f"cannot read the sheet ({_reason(exc)})", where)
            ) from None
        if raw.height > MAX_ROWS or raw.width > MAX_COLUMNS:
            raise InputError(
                error(
                    "too-large",
                    f"the sheet has {raw.height:,} rows × {raw.width:,} columns; "
                    f"a ledger has at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns",
                    where,
                )
            )
        rows = raw.to_python(skip_empty_area=False)
        merged = tuple(raw.merged_cell_ranges or ())
        sheet = Sheet(name, rows, merged, self._formulas_without_value(name))
        self._cache[name] = sheet
        return sheet

    def _formulas_without_value(self, name: str) -> dict[tuple[int, int], str]:
        if not self._formula_parts:
            return {}
        data = self._formula_parts.get(self._sheet_parts().get(name, ""))
        if data is None:
            return {}
        found: dict[tuple[int, int], str] = {}
        for m in _CELL.finditer(data):
            body = m.group(2) or b""
            formula = _FORMULA.search(body)
            if formula is None or _VALUE.search(body):
                continue
            if b't="str"' in m.group(1) and b"<v" in body:
                continue  # a formula whose stored result is the empty string
            ref = _REF.search(m.group(1))
            if ref is None:
                continue
            text = (formula.group(1) or b"").decode("utf-8", "replace")
            found[_ref_to_rc(ref.group(1).decode())] = text
        return found

    def _sheet_parts(self) -> dict[str, str]:
        if self._parts is None:
            self._parts = _sheet_parts(self._archive)
        return self._parts

    def close(self) -> None:
        self._book.close()


def _unescape(value: bytes) -> str:
    text = value.decode("utf-8", "replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def _sheet_parts(archive: Archive) -> dict[str, str]:
    """Sheet name → its XML part, from workbook.xml and its relationships."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except (KeyError, ArchiveError):
        return {}
    targets: dict[str, str] = {}
    for m in _REL_ENTRY.finditer(rels):
        attrs = dict(_ATTR.findall(m.group(0)))
        if b"Id" in attrs and b"Target" in attrs:
            target = _unescape(attrs[b"Target"])
            path = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
            )
            targets[_unescape(attrs[b"Id"])] = path
    parts: dict[str, str] = {}
    for m in _SHEET_ENTRY.finditer(workbook):
        attrs = dict(_ATTR.findall(m.group(0)))
        rid = attrs.get(b"r:id") or next((v for k, v in attrs.items() if k.endswith(b":id")), None)
        if b"name" in attrs and rid is not None and _unescape(rid) in targets:
            parts[_unescape(attrs[b"name"])] = targets[_unescape(rid)]
    return parts


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def open_workbook(path: Path, display: str | None = None) -> Workbook:
    """Open an xlsx for reading, after the checks above. Never writes to the file."""
    shown = display or str(path)
    where = Location(shown)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                error(
                    "too-large",
                    f"the file is {size / 1e6:,.0f} MB; a ledger workbook is at most "
                    f"{MAX_FILE_BYTES / 1e6:,.0f} MB",
                    where,
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            error("not-xlsx", f"cannot open the file ({exc.strerror})", where)
        ) from exc
    sniff(path, raw[:512])
    damaged = "copy the file again or re-save it in Excel"
    try:
        archive = Archive(raw)
        formula_parts = check_archive(shown, archive)
    except ArchiveError as exc:
        raise InputError(
            error("truncated-file", f"truncated or damaged xlsx ({_reason(exc)})", where, damaged)
        ) from exc
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        names = [str(n) for n in book.sheet_names]
    except (CalamineError, OSError, ValueError) as exc:  # broken zips and XML
        raise InputError(
            error("truncated-file", f"truncated or damaged xlsx ({_reason(exc)})", where, damaged)
        ) from exc
    except BaseException as exc:  # a panic in the Rust reader surfaces as BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise InputError(
            error("truncated-file", f"truncated or damaged xlsx ({_reason(exc)})", where, damaged)
        ) from None
    return Workbook(shown, names, book, archive, formula_parts)
