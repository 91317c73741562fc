"""The mark tlo puts on the workbooks it writes as output, and the test for it.

Reports, tables written with `-o FILE.xlsx` and exports carry the keyword ``tlo-output`` in
their document properties, so that reading a directory skips them instead of failing on them
(a report saved beside the ledgers must not break the next `tlo rank`). Ledgers that tlo
writes (`tlo template`, `tlo sample`) are inputs and carry no mark.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

OUTPUT_MARKER = "tlo-output"
_NEEDLE = f"<cp:keywords>{OUTPUT_MARKER}</cp:keywords>".encode()
_CORE = "docProps/core.xml"
_CORE_LIMIT = 64 * 1024


def is_tlo_output(path: Path) -> bool:
    """True when ``path`` is an xlsx workbook marked as tlo's output."""
    try:
        with zipfile.ZipFile(path) as book:
            info = book.getinfo(_CORE)
            if info.file_size > _CORE_LIMIT:
                return False
            return _NEEDLE in book.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return False
