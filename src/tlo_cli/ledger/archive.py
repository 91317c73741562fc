"""A minimal reader of the zip container of an xlsx, over bytes already in memory.

A ledger workbook is a few kilobytes, so the reader takes the whole file at once, parses the
central directory itself (the standard library's zipfile spends more time per member than the
cell read does) and inflates members straight from memory. Anything unusual — zip64, encryption,
another compression method — falls back to the standard library.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import NamedTuple

_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_END_RECORD = struct.Struct("<4sHHHHIIH")
_CENTRAL_RECORD = struct.Struct("<8xHH8xIIHHH8xI")


class ArchiveError(ValueError):
    """The bytes are not a readable zip archive."""


#: What the standard library raises on a damaged archive.
_BROKEN = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zlib.error,
    struct.error,
)


class Entry(NamedTuple):  # a named tuple: ten of these a file, built faster than a dataclass
    name: str
    method: int
    compressed_size: int
    size: int
    offset: int
    flags: int


class Archive:
    """The members of a zip archive held in memory."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        try:
            self.entries = _central_directory(raw)
            self._fallback: zipfile.ZipFile | None = None
        except ArchiveError:
            try:
                self._fallback = zipfile.ZipFile(io.BytesIO(raw))
            except _BROKEN as exc:
                raise ArchiveError(str(exc) or type(exc).__name__) from exc
            self.entries = [
                Entry(
                    i.filename,
                    i.compress_type,
                    i.compress_size,
                    i.file_size,
                    i.header_offset,
                    i.flag_bits,
                )
                for i in self._fallback.infolist()
            ]
        self.by_name = {e.name: e for e in self.entries}

    def stored(self, name: str) -> bytes | None:
        """The member's bytes as stored (compressed), when :meth:`read` takes them from memory
        and they are whole; else None. Equal stored bytes inflate to equal contents."""
        entry = self.by_name[name]
        if self._fallback is not None or entry.flags & 0x1:
            return None
        try:
            return self._body(name, entry)
        except ArchiveError:
            return None

    def _body(self, name: str, entry: Entry) -> bytes:
        start = entry.offset
        if self.raw[start : start + 4] != _LOCAL:
            raise ArchiveError(f"{name}: local header missing")
        try:
            name_len, extra_len = struct.unpack_from("<HH", self.raw, start + 26)
        except struct.error as exc:
            raise ArchiveError(f"{name}: truncated local header") from exc
        begin = start + 30 + name_len + extra_len
        body = self.raw[begin : begin + entry.compressed_size]
        if len(body) != entry.compressed_size:
            raise ArchiveError(f"{name}: truncated")
        return body

    def read(self, name: str, limit: int | None = None) -> bytes:
        """The member ``name`` inflated (its first ``limit`` bytes when given)."""
        entry = self.by_name[name]
        if self._fallback is None and not entry.flags & 0x1:
            body = self._body(name, entry)
            if entry.method == zipfile.ZIP_STORED:
                return body if limit is None else body[:limit]
            if entry.method == zipfile.ZIP_DEFLATED:
                try:
                    return zlib.decompressobj(-15).decompress(body, limit or 0)
                except zlib.error as exc:
                    raise ArchiveError(f"{name}: {exc}") from exc
        try:
            archive = self._fallback or zipfile.ZipFile(io.BytesIO(self.raw))
            with archive.open(name) as member:
                return member.read() if limit is None else member.read(limit)
        except (*_BROKEN, KeyError) as exc:
            raise ArchiveError(f"{name}: {exc}") from exc


def _central_directory(raw: bytes) -> list[Entry]:
    try:
        return _parse_central_directory(raw)
    except (struct.error, UnicodeDecodeError) as exc:
        raise ArchiveError(f"damaged central directory ({exc})") from exc


def _parse_central_directory(raw: bytes) -> list[Entry]:
    end = raw.rfind(_EOCD, max(0, len(raw) - 65_557))
    if end < 0 or end + 22 > len(raw):
        raise ArchiveError("no end of central directory")
    (_, disk, _, count, total, size, offset, _) = _END_RECORD.unpack_from(raw, end)
    if disk != 0 or count != total or offset == 0xFFFFFFFF or count == 0xFFFF:
        raise ArchiveError("multi-disk or zip64 archive")
    if offset + size > end:
        raise ArchiveError("central directory outside the archive")
    entries: list[Entry] = []
    pos = offset
    for _ in range(total):
        if raw[pos : pos + 4] != _CENTRAL:
            raise ArchiveError("damaged central directory")
        (flags, method, csize, usize, name_len, extra_len, comment_len, local) = (
            _CENTRAL_RECORD.unpack_from(raw, pos)
        )
        name_bytes = raw[pos + 46 : pos + 46 + name_len]
        name = (  # ASCII reads the same in both codecs, and cp437's decoder is Python code
            name_bytes.decode("ascii")
            if name_bytes.isascii()
            else name_bytes.decode("utf-8" if flags & 0x800 else "cp437")
        )
        if 0xFFFFFFFF in (csize, usize, local):
            raise ArchiveError("zip64 member")
        entries.append(Entry(name, method, csize, usize, local, flags))
        pos += 46 + name_len + extra_len + comment_len
    return entries
