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
from pathlib import Path, PurePosixPath
from typing import Any

from tlo_cli.errors import InputError, Issue, Location, error
from tlo_cli.ledger.archive import Archive, ArchiveError
from tlo_cli.ledger.numfmt import Scale, style_scales, unescape
from tlo_cli.ledger.safety import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    FileTooLarge,
    NotRegularFile,
    check_archive,
    read_regular,
    sniff,
)
from tlo_cli.ledger.seen import apply_marks, clip_merged
from tlo_cli.ledger.sheetxml import Marks, needs_scan, scan
from tlo_cli.ledger.sheetxml import cell_ref as cell_ref  # re-exported: the readers use them
from tlo_cli.ledger.sheetxml import column_letter as column_letter
from tlo_cli.marker import marked_in

_SHEET_ENTRY = re.compile(rb"<sheet\b[^<>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL_ENTRY = re.compile(rb"<Relationship\b[^<>]*>")


@dataclass(frozen=True, slots=True)
class Sheet:
    """The cells of one sheet: ``rows[r][c]`` is the value at 0-based (r, c), "" when empty."""

    name: str
    rows: list[list[Any]]
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    formulas_without_value: dict[tuple[int, int], str] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()  # hidden rows and columns, error values in the sheet

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
    _worksheets: dict[str, bytes] = field(default_factory=dict)
    hidden_sheets: list[str] = field(default_factory=list)
    _parts: dict[str, str] | None = None
    _scales: dict[int, Scale] | None = None
    _plain: bool = False
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
        marks = self._marks(name, raw.width)
        issues = apply_marks(rows, marks, where) if marks.touches_cells else []
        merged = clip_merged(raw.merged_cell_ranges or (), len(rows), raw.width)
        sheet = Sheet(name, rows, merged, marks.formulas_without_value, tuple(issues))
        self._cache[name] = sheet
        return sheet

    def _marks(self, name: str, width: int) -> Marks:
        """What the sheet's XML says beyond the values: see :mod:`tlo_cli.ledger.sheetxml`.

        Once per workbook: the scaling number formats, and whether any worksheet needs a look at
        all; a plain workbook costs a few substring searches.
        """
        if self._scales is None:
            styled = any(b' s="' in d or b" s='" in d for d in self._worksheets.values())
            self._scales = style_scales(self._styles()) if styled else {}
            self._plain = not self._scales and not any(map(needs_scan, self._worksheets.values()))
        if self._plain:
            return Marks()
        data = self._worksheets.get(self._sheet_parts().get(name, ""))
        if data is None:
            return Marks()
        return scan(data, self._scales, max(width, 1))

    def _styles(self) -> bytes:
        try:
            return self._archive.read("xl/styles.xml")
        except (KeyError, ArchiveError):
            return b""

    def _sheet_parts(self) -> dict[str, str]:
        if self._parts is None:
            self._parts = _sheet_parts(self._archive)
        return self._parts

    def close(self) -> None:
        self._book.close()


def _unescape(value: bytes) -> str:
    return unescape(value.decode("utf-8", "replace"))


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


class MarkedOutput(Exception):  # a signal, not an error
    """The workbook carries tlo's output mark (raised only when asked to look for it)."""


def open_workbook(path: Path, display: str | None = None, *, skip_marked: bool = False) -> Workbook:
    """Open an xlsx for reading, after the checks above. Never writes to the file.

    With ``skip_marked``, a workbook tlo wrote as output (see :mod:`tlo_cli.marker`) raises
    :class:`MarkedOutput` as soon as its directory is read, before any check of its parts.
    """
    shown = display or str(path)
    where = Location(shown)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        raise InputError(
            error(
                "not-regular-file",
                f"cannot read it: {exc.strerror}",
                where,
                "give the path of an .xlsx file",
            )
        ) from None
    except FileTooLarge:
        raise InputError(
            error(
                "too-large",
                f"the file is over {MAX_FILE_BYTES / 1e6:,.0f} MB, the most a ledger workbook "
                "may be",
                where,
            )
        ) from None
    except OSError as exc:
        raise InputError(
            error("not-xlsx", f"cannot open the file ({exc.strerror})", where)
        ) from exc
    sniff(path, raw)
    damaged = "copy the file again or re-save it in Excel"
    try:
        archive = Archive(raw)
        if skip_marked and marked_in(path, archive):
            raise MarkedOutput(shown)
        worksheets = check_archive(shown, archive)
    except ArchiveError as exc:
        raise InputError(
            error("truncated-file", f"truncated or damaged xlsx ({_reason(exc)})", where, damaged)
        ) from exc
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        names = [str(n) for n in book.sheet_names]
        hidden = [
            str(m.name) for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible
        ]
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
    visible = [n for n in names if n not in hidden]
    return Workbook(shown, visible, book, archive, worksheets, hidden)
