"""The house rules: the product cites its own docs and the literature; layers import downwards."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = [ROOT / "src", ROOT / "docs", ROOT / "README.md", ROOT / "examples"]


def _files() -> list[Path]:
    out: list[Path] = []
    for base in PRODUCT:
        out += [base] if base.is_file() else [p for p in base.rglob("*") if p.is_file()]
    return [p for p in out if p.suffix in (".py", ".md", ".toml", ".txt", "")]


class TestCitations:
    def test_no_internal_spec(self) -> None:
        """Nothing users read cites "SPEC §n" (a document they do not have): docs/… instead."""
        pattern = re.compile(r"SPEC( |§)")
        hits = [
            f"{path.relative_to(ROOT)}:{n}"
            for path in _files()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if pattern.search(line)
        ]
        assert hits == []


class TestLayers:
    @pytest.mark.parametrize("layer", ["ledger", "metrics", "scenarios"])
    def test_library_does_not_import_presentation(self, layer: str) -> None:
        """The reader, the figures and the scenarios import neither tlo_cli.render nor
        tlo_cli.cli (only cli prints; render presents what they return)."""
        offenders = []
        for path in (ROOT / "src" / "tlo_cli" / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                else:
                    continue
                offenders += [
                    f"{path.name}: {name}"
                    for name in names
                    if name.startswith(("tlo_cli.render", "tlo_cli.cli"))
                ]
        assert offenders == []

    def test_only_cli_prints(self) -> None:
        """No module outside cli/ calls print()."""
        offenders = []
        for path in (ROOT / "src" / "tlo_cli").rglob("*.py"):
            if "cli" in path.relative_to(ROOT / "src" / "tlo_cli").parts[:1]:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "print"
                ):
                    offenders.append(f"{path.name}:{node.lineno}")
        assert offenders == []
