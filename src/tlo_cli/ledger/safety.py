"""Checks on an untrusted workbook before anything in it is expanded or parsed.

The first bytes tell an xlsx from a legacy .xls, a password-protected workbook or another
format renamed; the zip directory is checked for sizes and compression ratios absurd for a
ledger; every XML part's prolog is checked for a DTD or entity declaration; and every worksheet's
cell references are checked for a reach that would make the cell reader allocate billions of
cells. Each refusal is an InputError naming the file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from tlo_cli.errors import InputError, Location, error
from tlo_cli.ledger.archive import Archive

#: Limits for a ledger workbook; anything beyond is refused before it is expanded.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 32 * 1024 * 1024
MAX_MEMBER_RATIO = 200
MAX_ROWS = 5_000
MAX_COLUMNS = 500
RATIO_FLOOR = 1024 * 1024  # ratios are only judged for members larger than this

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a directory: never opened or read."""

    def __str__(self) -> str:
        return str(self.strerror)


class FileTooLarge(OSError):
    """The file holds more bytes than the cap it is read with."""

    def __str__(self) -> str:
        return f"too large: {self.strerror}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def require_regular_file(path: Path) -> None:
    """Raise :class:`NotRegularFile` unless ``path`` (symbolic links followed) is a regular file.

    Checked before opening, so that a FIFO named ``.xlsx`` never blocks and ``/dev/zero`` is
    never read.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(errno.EINVAL, f"{_kind(mode)}, not a regular file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else and anything over ``limit``.

    The file is opened without waiting (a FIFO swapped in after the check cannot block) and
    checked again on the open descriptor; at most ``limit`` + 1 bytes are ever read.
    """
    require_regular_file(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, f"{_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise FileTooLarge(errno.EFBIG, f"{info.st_size:,} bytes")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileTooLarge(errno.EFBIG, f"more than {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def sniff(path: Path, raw: bytes) -> None:
    """Raise InputError when the first bytes of ``raw`` say the file is not an xlsx workbook."""
    head = raw[:512]
    where = Location(str(path))
    if not head:
        raise InputError(error("empty-file", "the file is empty (0 bytes)", where))
    if head.startswith(_ZIP_MAGIC):
        return
    if head.startswith(_OLE_MAGIC):
        data = raw[: 16 * 1024 * 1024]
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

    Returns every worksheet part (its XML), for what the cell reader does not tell (formulas
    without a stored result, error values, hidden rows and columns, number formats); the
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
        if info.size > RATIO_FLOOR and ratio > MAX_MEMBER_RATIO:
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
    worksheets: dict[str, bytes] = {}
    for info in infos:
        if not info.name.endswith((".xml", ".rels")):
            continue
        worksheet = info.name.startswith("xl/worksheets/")
        stored = None if worksheet else archive.stored(info.name)
        key = None if stored is None else (info.method, stored)
        if key is not None and key in _CLEAN_PARTS:
            continue  # the same bytes as a part already found clean (theme, styles …)
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
        if key is not None and len(_CLEAN_PARTS) < 4096:
            _CLEAN_PARTS.add(key)
        if worksheet:
            _check_extent(path, info.name, data)
            worksheets[info.name] = data
    return worksheets


_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")
#: Parts (compression method, bytes as stored) found to declare no DTD. Workbooks written by
#: one program share most of their parts byte for byte, and equal stored bytes inflate to
#: equal contents, so each is checked once.
_CLEAN_PARTS: set[tuple[int, bytes]] = set()


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


#: Every cell or row reference as the cell reader may read it: prefixed tags, either quote,
#: spaces around =, lower case, leading zeros, any number of letters (then a huge column).
_CELL_OR_ROW_REF = re.compile(
    rb"""<(?:[\w.-]+:)?(?:c|row)\b[^<>]*?\br\s*=\s*["']\s*([A-Za-z]{0,12})([0-9]{0,12})"""
)
#: A superset of the references beyond column SF (500) or row 5,000, in any of those forms:
#: only when one is found is the extent computed exactly. No \b before r: the search is several
#: times faster, and an attribute merely ending in r (operator="between") only costs the exact
#: computation.
_FAR_REF = re.compile(
    rb"""r\s*=\s*["']\s*(?:[A-Za-z]{3}|[T-Zt-z][A-Za-z]|[Ss][G-Zg-z]"""
    rb"""|[A-Za-z]{0,2}0*(?:[1-9][0-9]{4}|[5-9][0-9]{3}))"""
)


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters.upper():
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
    max_row = max((int(digits) for _, digits in refs if digits), default=0)
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
