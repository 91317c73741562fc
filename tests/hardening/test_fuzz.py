"""Fuzzing: random bytes and random mutations of valid workbooks never raise.

The budget is small in CI; set TLO_FUZZ_EXAMPLES (e.g. 10000) for a long local run.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.corpus import GOOD_ROWS, good
from tlo_cli.ledger import read_file
from tlo_cli.metrics.assess import assess_cohort

EXAMPLES = int(os.environ.get("TLO_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 150,
)

with tempfile.TemporaryDirectory() as _scratch:
    _path = good(
        Path(_scratch) / "seed.xlsx",
        [*GOOD_ROWS, ["技術移転件数", 3, 4], ["純資産合計", "△1,000", "(2)"]],
    )
    SEED = _path.read_bytes()
with zipfile.ZipFile(io.BytesIO(SEED)) as _archive:
    MEMBERS = {info.filename: _archive.read(info) for info in _archive.infolist()}


def survive(data: bytes) -> None:
    """Read the bytes as a workbook and assess whatever was read: any exception fails the test."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "fuzz.xlsx"
        path.write_bytes(data)
        report = read_file(path)
        assert report.ledgers or report.errors
        if report.ledgers:
            assess_cohort(list(report.ledgers))


def rezip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class TestFuzz:
    """No input makes the reader raise."""

    @FUZZ
    @given(st.binary(max_size=4096))
    def test_random_bytes(self, data: bytes) -> None:
        """Arbitrary bytes, with and without a zip signature in front."""
        survive(data)
        survive(b"PK\x03\x04" + data)

    @FUZZ
    @given(st.data())
    def test_byte_flips(self, data: st.DataObject) -> None:
        """A valid workbook with random bytes overwritten, cut or inserted."""
        raw = bytearray(SEED)
        for _ in range(data.draw(st.integers(1, 8))):
            at = data.draw(st.integers(0, len(raw) - 1))
            action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
            if action == "flip":
                raw[at] = data.draw(st.integers(0, 255))
            elif action == "cut":
                del raw[at : at + data.draw(st.integers(1, 64))]
            else:
                raw[at:at] = data.draw(st.binary(min_size=1, max_size=32))
            if not raw:
                break
        survive(bytes(raw))

    @FUZZ
    @given(st.data())
    def test_xml_mutations(self, data: st.DataObject) -> None:
        """A valid zip whose XML parts are mutated: cells, attributes and tags damaged."""
        members = dict(MEMBERS)
        xml_names = sorted(n for n in members if n.endswith(".xml"))
        for _ in range(data.draw(st.integers(1, 4))):
            name = data.draw(st.sampled_from(xml_names))
            text = bytearray(members[name])
            at = data.draw(st.integers(0, max(0, len(text) - 1)))
            replacement = data.draw(
                st.sampled_from(
                    [
                        b"",
                        b"<",
                        b">",
                        b'"',
                        b"&",
                        b"<f>SUM(A1)</f>",
                        b"<v>1e308</v>",
                        b"<v>NaN</v>",
                        b't="s"',
                        b'<c r="ZZZ99999"><v>1</v></c>',
                        b"\xff\xfe",
                    ]
                )
                | st.binary(max_size=16)
            )
            text[at : at + data.draw(st.integers(0, 16))] = replacement
            members[name] = bytes(text)
        survive(rezip(members))
