"""Every broken or hostile workbook: exit code 2, one line naming the file, no traceback."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.hardening.corpus import build
from tlo_cli.ledger import read_file

EXPECTED = {
    "truncated": "truncated-file",
    "empty": "empty-file",
    "renamed-csv": "not-xlsx",
    "legacy-xls": "legacy-xls",
    "encrypted": "encrypted-file",
    "random-bytes": "not-xlsx",
    "zip-bomb": "too-large",
    "xxe": "unsafe-xml",
    "billion-laughs": "unsafe-xml",
    "padded-xxe": "unsafe-xml",
    "duplicate-years": "duplicate-fiscal-year",
    "text-amounts": "text-amount",
    "negative-count": "negative-count",
    "merged-cells": "merged-amount",
    "formula-without-value": "formula-without-value",
    "huge-number": "text-amount",
    "nan-text": "text-amount",
    "wide": "too-large",
    "far-cell": "too-large",
    "no-years": "no-fiscal-years",
    "no-ledger-sheet": "missing-ledger-sheet",
}
CELLS = {
    "duplicate-years": "C1",
    "text-amounts": "B2",
    "negative-count": "C5",
    "merged-cells": "B3",
    "formula-without-value": "B4",
    "huge-number": "B4",
    "nan-text": "B4",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("corpus"))


class TestCorpus:
    """The reader names each problem; the CLI says it in one line and exits 2."""

    @pytest.mark.parametrize("kind", sorted(EXPECTED))
    def test_reader(self, corpus: dict[str, Path], kind: str) -> None:
        """The first error has the expected code, and the cell where there is one."""
        report = read_file(corpus[kind])
        assert report.ledgers == ()
        first = report.errors[0]
        assert first.code == EXPECTED[kind]
        if kind in CELLS:
            assert first.location is not None and first.location.cell == CELLS[kind]

    @pytest.mark.parametrize("kind", sorted(EXPECTED))
    def test_cli(self, cli: CliRunner, corpus: dict[str, Path], kind: str) -> None:
        """`tlo assess FILE`: exit 2, one line on stderr naming the file, nothing on stdout."""
        path = corpus[kind]
        code, out, err = cli("assess", path)
        assert code == 2
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith(f"tlo: error: {path}")
        assert "Traceback" not in err and "internal error" not in err

    def test_validate_keeps_going(
        self, cli: CliRunner, corpus: dict[str, Path], tmp_path: Path
    ) -> None:
        """`tlo validate` reports every broken file and still checks the good one (exit 1)."""
        from tests.conftest import PROFILE
        from tests.hardening.corpus import GOOD_ROWS, write_book

        directory = corpus["truncated"].parent
        profile = [["id", "GOOD"], *PROFILE[1:]]
        write_book(directory / "zz-good.xlsx", {"profile": profile, "ledger": GOOD_ROWS})
        code, out, err = cli("validate", directory, "--format", "json")
        assert code == 1
        import json

        doc = json.loads(out)
        by_path = {Path(f["path"]).name: f for f in doc["files"]}
        assert by_path["zz-good.xlsx"]["ok"] is True
        assert sum(not f["ok"] for f in doc["files"]) >= len(EXPECTED)
        assert "Traceback" not in err


class TestZipBomb:
    """A 1 GB zip bomb is refused from its directory, without expanding it."""

    def test_refused_without_expanding(
        self, corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The 4 MB file that unpacks to 1 GB is refused before any member is inflated."""
        from tlo_cli.ledger.archive import Archive

        path = corpus["zip-bomb"]
        assert path.stat().st_size < 4 * 1024 * 1024
        inflated: list[str] = []
        original = Archive.read

        def spy(self: Archive, name: str, limit: int | None = None) -> bytes:
            inflated.append(name)
            return original(self, name, limit)

        monkeypatch.setattr(Archive, "read", spy)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        report = read_file(path)
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        assert report.errors[0].code == "too-large"
        assert inflated == []
        assert grown_mb < 256
