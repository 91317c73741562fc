"""Fast paths for common shapes give exactly what the general reading gives.

Each workbook is read twice, once as is and once with the fast path switched off; the file
reports (ledgers, amounts, cells, issues and their messages) must be equal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LedgerFactory
from tlo_cli.ledger import header
from tlo_cli.ledger.book import FileReport, read_file

BODY = [["実施料収入", 100, 120], ["人件費", 50, 60]]

SHAPES: dict[str, list[list[Any]]] = {
    "plain years": [["(単位：千円)"], ["科目", 2006, 2007], *BODY],
    "years ended caption in the title": [
        ["(Thousands of yen)"],
        ["Years ended March 31"],
        ["Item", 2007, 2008],
        *BODY,
    ],
    "one year with amounts beside it": [
        ["(単位：千円)"],
        ["科目", 2007],
        ["実施料収入", 100, 120],
        ["人件費", 50, 60],
    ],
    "a year twice": [["(単位：千円)"], ["科目", 2007, 2007], *BODY],
    "a future year": [["(単位：千円)"], ["科目", 2007, 2099], *BODY],
    "a period title over plain years": [
        ["平成19年度 損益計算書"],
        ["(単位：千円)"],
        ["科目", 2006, 2007],
        *BODY,
    ],
    "a currency caption over a year": [
        ["(単位：千円)"],
        [None, None, "Thousands of U.S. dollars"],
        ["科目", 2006, 2007],
        *BODY,
    ],
    "a text year among numbers": [["(単位：千円)"], ["科目", 2006, "2007年度"], *BODY],
    "a year with a fraction": [["(単位：千円)"], ["科目", 2006, 2007.5], *BODY],
}


def general_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> FileReport:
    with monkeypatch.context() as patch:
        patch.setattr(header, "_plain_years", lambda *args: None)
        return read_file(path)


@pytest.mark.parametrize("shape", SHAPES)
def test_plain_year_header(
    shape: str, ledger_book: LedgerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ledger_book(SHAPES[shape])
    assert read_file(path) == general_reading(monkeypatch, path)


def test_plain_year_header_merged(
    ledger_book: LedgerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merged title cell: the general reading (a merge anywhere in the sheet)."""
    path = ledger_book([["損益計算書"], ["科目", 2006, 2007], *BODY], merges=["A1:C1"])
    assert read_file(path) == general_reading(monkeypatch, path)


def test_the_fast_path_is_taken(
    ledger_book: LedgerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain years: the fast path answers (so the comparisons above compare two readings)."""
    calls: list[object] = []
    fast = header._plain_years

    def spy(*args: Any) -> object:
        calls.append(result := fast(*args))
        return result

    monkeypatch.setattr(header, "_plain_years", spy)
    report = read_file(ledger_book(SHAPES["plain years"]))
    assert report.ledgers[0].years == (2006, 2007)
    assert calls and calls[0] is not None


class TestCleanPartsRemembered:
    """Parts found clean are not inflated again; a part that differs by a byte still is."""

    def test_entity_in_a_part_seen_clean_elsewhere(
        self, tmp_path: Path, ledger_book: LedgerFactory
    ) -> None:
        """Read a clean workbook (its styles are remembered), then the same workbook with a
        DTD in its styles and in its theme: refused, twice (nothing unsafe is remembered)."""
        import zipfile

        from tlo_cli.ledger import safety

        good = ledger_book(SHAPES["plain years"])
        assert read_file(good).ok
        assert any(stored for _, stored in safety._CLEAN_PARTS)
        for part in ("xl/styles.xml", "xl/theme/theme1.xml"):
            bad = tmp_path / f"bad-{part.replace('/', '-')}.xlsx"
            with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
                for info in src.infolist():
                    data = src.read(info)
                    if info.filename == part:
                        data = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + data
                    dst.writestr(info, data)
            for _ in range(2):
                report = read_file(bad)
                assert [i.code for i in report.errors] == ["unsafe-xml"]
                assert part in report.errors[0].message
        assert read_file(good) == read_file(good)


class TestArchiveNames:
    def test_names_as_zipfile_reads_them(self, tmp_path: Path) -> None:
        """ASCII names, UTF-8 names (flagged) and names without the flag (cp437) read as the
        standard library's zipfile reads them."""
        import io
        import struct
        import zipfile

        from tlo_cli.ledger.archive import Archive

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for name in ("xl/workbook.xml", "xl/média.xml", "docProps/コア.xml"):
                out.writestr(name, "<x/>")
        raw = buffer.getvalue()
        assert {e.name for e in Archive(raw).entries} == set(zipfile.ZipFile(buffer).namelist())
        # The same archive with the UTF-8 flag cleared in the central directory: cp437 names.
        patched = bytearray(raw)
        pos = patched.find(b"PK\x01\x02")
        while pos >= 0:
            (flags,) = struct.unpack_from("<H", patched, pos + 8)
            struct.pack_into("<H", patched, pos + 8, flags & ~0x800)
            pos = patched.find(b"PK\x01\x02", pos + 4)
        names = {e.name for e in Archive(bytes(patched)).entries}
        assert names == set(zipfile.ZipFile(io.BytesIO(bytes(patched))).namelist())
        assert "xl/workbook.xml" in names and "xl/média.xml" not in names
