"""The mark tlo puts on the workbooks it writes as output, and the test for it.

Reports, tables written with `-o FILE.xlsx` and exports carry the keyword ``tlo-output`` in
their document properties, so that reading a directory skips them instead of failing on them
(a report saved beside the ledgers must not break the next `tlo rank`). Ledgers that tlo
writes (`tlo template`, `tlo sample`) are inputs and carry no mark.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tlo_cli.ledger.archive import Archive

OUTPUT_MARKER = "tlo-output"
_NEEDLE = f"<cp:keywords>{OUTPUT_MARKER}</cp:keywords>".encode()
_CORE = "docProps/core.xml"
_CORE_LIMIT = 64 * 1024
#: Workbooks up to this size are first looked at whole, from memory (see `_surely_unmarked`).
_QUICK_LIMIT = 4 * 1024 * 1024


def is_tlo_output(path: Path) -> bool:
    """True when ``path`` is an xlsx workbook marked as tlo's output."""
    if _surely_unmarked(path):
        return False
    try:
        with zipfile.ZipFile(path) as book:
            info = book.getinfo(_CORE)
            if info.file_size > _CORE_LIMIT:
                return False
            return _NEEDLE in book.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return False


def marked_in(path: Path, archive: Archive) -> bool:
    """``is_tlo_output(path)`` for a workbook whose bytes are open as ``archive`` already."""
    return not _unmarked(archive) and is_tlo_output(path)


def _surely_unmarked(path: Path) -> bool:
    """True when a quick look finds no mark, so the full test above would return False.

    A small file is read whole and looked at from memory (the standard library's zipfile
    costs several times more per file); anything else is left to the full test.
    """
    from tlo_cli.ledger.archive import Archive

    try:
        if path.stat().st_size > _QUICK_LIMIT:
            return False
        return _unmarked(Archive(path.read_bytes()))
    except Exception:  # anything unusual: the full test decides
        return False


def _unmarked(archive: Archive) -> bool:
    """True when the archive's document properties surely carry no mark.

    The look finds the same member as zipfile (the central directory's last entry of that
    name) and inflates the same bytes, so where it finds no mark the full test finds none
    either; where it finds one, or anything is unusual, the full test decides.
    """
    try:
        if any("\x00" in name for name in archive.by_name):
            return False  # zipfile cuts names at a NUL: leave such an archive to it
        info = archive.by_name.get(_CORE)
        if info is None:
            return True
        if info.size > _CORE_LIMIT:
            return True
        return _NEEDLE not in archive.read(_CORE)
    except Exception:  # anything unusual: the full test decides
        return False
