"""A corpus of broken and hostile workbooks, built by the tests themselves."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.conftest import PROFILE, write_book

GOOD_ROWS = [["(単位：千円)"], ["科目", 2006, 2007], ["実施料収入", 10, 20], ["人件費", 5, 5]]


def good(
    path: Path, rows: list[list[object]] | None = None, merges: list[str] | None = None
) -> Path:
    return write_book(
        path,
        {"概要": PROFILE, "損益計算書": rows or GOOD_ROWS},
        merges={"損益計算書": merges or []},
    )


def rewrite(src: Path, dst: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """Copy a workbook, passing every member through ``change(name, data)``."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            b.writestr(info.filename, change(info.filename, a.read(info)))
    return dst


def with_doctype(src: Path, dst: Path, doctype: bytes) -> Path:
    def change(name: str, data: bytes) -> bytes:
        return doctype + data if name == "xl/workbook.xml" else data

    return rewrite(src, dst, change)


def zip_bomb(path: Path, unpacked: int = 1 << 30) -> Path:
    """A real zip bomb: a worksheet of ``unpacked`` zero bytes deflated about 1000:1.

    One 4 MB block of zeros is deflated once and repeated (a full flush makes each copy
    independent), so building a 1 GB bomb takes a moment, not minutes.
    """
    chunk = b"\0" * (1 << 22)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    copies = unpacked // len(chunk)
    data = piece * copies + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(copies):
        crc = zlib.crc32(chunk, crc)
    info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size, info.compress_size, info.CRC = copies * len(chunk), len(data), crc
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        fp = archive.fp
        assert fp is not None
        info.header_offset = fp.tell()
        fp.write(info.FileHeader(zip64=False))
        fp.write(data)
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive.start_dir = fp.tell()
    return path


def build(tmp: Path) -> dict[str, Path]:
    """Every broken workbook kind, by name."""
    base = good(tmp / "base.xlsx")
    raw = base.read_bytes()
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        files[name] = tmp / f"{name}.xlsx"
        files[name].write_bytes(data)

    put("truncated", raw[: len(raw) // 2])
    put("empty", b"")
    put("renamed-csv", "科目,2007\n実施料収入,10\n".encode())
    put(
        "legacy-xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + "Workbook".encode("utf-16-le"),
    )
    put(
        "encrypted",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + "EncryptionInfo".encode("utf-16-le"),
    )
    put("random-bytes", bytes(range(256)) * 8)
    files["zip-bomb"] = zip_bomb(tmp / "zip-bomb.xlsx")
    files["xxe"] = with_doctype(
        base, tmp / "xxe.xlsx", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    )
    laughs = (
        b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
        )
        + b"]>"
    )
    files["billion-laughs"] = with_doctype(base, tmp / "laughs.xlsx", laughs)
    padding = b"<!--" + b" " * 10_000 + b"-->"
    files["padded-xxe"] = with_doctype(
        base,
        tmp / "padded.xlsx",
        padding + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    )
    files["duplicate-years"] = good(tmp / "dup.xlsx", [["科目", 2007, "H19"], ["実施料収入", 1, 2]])
    files["text-amounts"] = good(tmp / "text.xlsx", [["科目", 2007], ["実施料収入", "たくさん"]])
    files["negative-count"] = good(tmp / "neg.xlsx", [*GOOD_ROWS, ["技術移転件数", 1, -3]])
    files["merged-cells"] = good(tmp / "merged.xlsx", merges=["B3:C4"])
    files["formula-without-value"] = good(
        tmp / "formula.xlsx", [*GOOD_ROWS[:3], ["人件費", "=B3*2", 5]]
    )
    files["huge-number"] = good(tmp / "huge.xlsx", [*GOOD_ROWS[:3], ["人件費", 1e300, 5]])
    files["nan-text"] = good(tmp / "nan.xlsx", [*GOOD_ROWS[:3], ["人件費", "NaN", "inf"]])
    files["wide"] = good(tmp / "wide.xlsx", [["科目", 2007, *(["x"] * 10_000)], ["実施料収入", 1]])
    files["far-cell"] = rewrite(
        base,
        tmp / "far.xlsx",
        lambda name, data: (
            data.replace(
                b"</sheetData>", b'<row r="99999"><c r="ZZZ99999"><v>1</v></c></row></sheetData>'
            )
            if name.startswith("xl/worksheets/")
            else data
        ),
    )
    files["no-years"] = good(tmp / "noyears.xlsx", [["科目", "説明"], ["実施料収入", 1]])
    files["no-ledger-sheet"] = write_book(
        tmp / "nosheet.xlsx", {"概要": PROFILE, "A": GOOD_ROWS, "B": GOOD_ROWS}
    )
    return files
