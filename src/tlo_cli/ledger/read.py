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

#: Limits for a ledger workbook; anything beyond is refused before it is expanded.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 32 * 1024 * 1024
MAX_MEMBER_RATIO = 200
MAX_ROWS = 5_000
MAX_COLUMNS = 500
_RATIO_FLOOR = 1024 * 1024  # ratios are only judged for members larger than this

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
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


def sniff(path: Path, head: bytes) -> None:
    """Raise InputError when the first bytes say the file is not an xlsx workbook."""
    where = Location(str(path))
    if not head:
        raise InputError(error("empty-file", "the file is empty (0 bytes)", where))
    if head.startswith(_ZIP_MAGIC):
        return
    if head.startswith(_OLE_MAGIC):
        data = path.read_bytes()[: 16 * 1024 * 1024]
        if any(marker in data for marker in _ENCRYPTION_MARKERS):
            raise InputError(
                error(
                    "encrypted-file",
                    "the workbook is password-protected",
                    where,
                    "save an unprotected copy",
                )
            )
        raise InputError(
            error(
                "legacy-xls",
                "legacy Excel 97-2003 format (.xls)",
                where,
                "open it in Excel and save as .xlsx",
            )
        )
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<?xml", b"<html", b"<!doctype", b"<table")):
        kind = "an HTML or XML file"
    elif head.startswith(b"%PDF"):
        kind = "a PDF file"
    elif _looks_like_text(head):
        kind = "a text (CSV?) file"
    else:
        kind = "unrecognised content"
    raise InputError(
        error(
            "not-xlsx",
            f"not an xlsx workbook: {kind}",
            where,
            "open it in Excel and save as .xlsx",
        )
    )


def _looks_like_text(head: bytes) -> bool:
    for encoding in ("utf-8", "cp932"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return all(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return False


def check_archive(path: str, archive: Archive) -> dict[str, bytes]:
    """Refuse zip bombs (sizes and ratios from the directory) and XML that declares entities.

    Returns the worksheet parts that contain formulas (their XML), for the formula check; the
    worksheets are small once the sizes have been checked, so each is read once here.
    """
    where = Location(path)
    infos = archive.entries
    total = sum(info.size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            error(
                "too-large",
                f"unpacks to {total / 1e6:,.0f} MB; a ledger workbook is at most "
                f"{MAX_UNPACKED_BYTES / 1e6:,.0f} MB unpacked (refused before expanding it)",
                where,
            )
        )
    for info in infos:
        ratio = info.size / max(info.compressed_size, 1)
        if info.size > _RATIO_FLOOR and ratio > MAX_MEMBER_RATIO:
            raise InputError(
                error(
                    "too-large",
                    f"{info.name} is compressed {ratio:,.0f}:1; refused as a zip bomb",
                    where,
                )
            )
    names = set(archive.by_name)
    if "xl/workbook.xml" not in names:
        kind = (
            "a Word document"
            if "word/document.xml" in names
            else "an OpenDocument file"
            if "mimetype" in names
            else "a zip archive"
        )
        raise InputError(
            error(
                "not-xlsx",
                f"not an xlsx workbook: {kind} with no xl/workbook.xml",
                where,
                "open it in Excel and save as .xlsx",
            )
        )
    formula_parts: dict[str, bytes] = {}
    for info in infos:
        if not info.name.endswith((".xml", ".rels")):
            continue
        worksheet = info.name.startswith("xl/worksheets/")
        data = archive.read(info.name, None if worksheet else 512)
        if _declares_entities(archive, info.name, data):
            raise InputError(
                error(
                    "unsafe-xml",
                    f"{info.name} declares a DTD or entities, which no Excel workbook needs; "
                    "refused (possible XXE or entity-expansion attack)",
                    where,
                )
            )
        if worksheet:
            _check_extent(path, info.name, data)
            if b"<f" in data:
                formula_parts[info.name] = data
    return formula_parts


_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")


def _declares_entities(archive: Archive, name: str, head: bytes) -> bool:
    """True when the part's prolog (everything before its root element) has a DTD or entity.

    A DTD can only stand before the root element; when the head read so far holds no element
    (a long comment could push the DTD further), the whole part is read.
    """
    root = _ROOT_ELEMENT.search(head)
    if root is None:
        head = archive.read(name)
        root = _ROOT_ELEMENT.search(head)
    return _DTD.search(head, 0, root.start() if root else len(head)) is not None


_CELL_OR_ROW_REF = re.compile(rb'<(?:c|row)\b[^>]*?\br="([A-Z]{0,3})([0-9]{1,9})"')
#: A reference beyond column SF (500) or row 5,000: only then is the extent computed exactly.
_FAR_REF = re.compile(
    rb'\br="(?:[A-Z]{3,}|[T-Z][A-Z]|S[G-Z]|[A-Z]{0,2}(?:[1-9][0-9]{4,}|[5-9][0-9]{3}))"'
)


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index


def _check_extent(path: str, part: str, data: bytes) -> None:
    """Refuse a worksheet whose cells reach absurdly far before the cell reader allocates them.

    The cell reader holds a sheet as a dense grid from A1 to its farthest cell, so one cell
    at ZZZ99999 would ask for billions of cells.
    """
    if not _FAR_REF.search(data):
        return
    refs = _CELL_OR_ROW_REF.findall(data)
    max_row = max(int(digits) for _, digits in refs)
    max_col = max((_column_index(letters) for letters, _ in refs if letters), default=0)
    if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
        raise InputError(
            error(
                "too-large",
                f"{part} reaches row {max_row:,} and column {max_col:,}; a ledger has at most "
                f"{MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns (refused before reading its cells)",
                Location(path),
            )
        )


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
