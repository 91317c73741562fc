"""The README's examples are real: every console block is the command's current output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tools.docgen import CONSOLE, run_console

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readme")
    for name in ("data", "examples"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, path / name)
    return path


class TestReadme:
    """Run `python -m tools.docgen readme` after changing output."""

    def test_two_commands(self) -> None:
        """The README states the two commands exactly."""
        assert "pip install -e . && tlo rank data/sample" in README
        assert "pip install -e '.[test]' && pytest" in README

    @pytest.mark.parametrize(
        ("command", "output"), [(m.group(1), m.group(2)) for m in CONSOLE.finditer(README)]
    )
    def test_console_block(self, scratch: Path, command: str, output: str) -> None:
        """The pasted output is what the command prints now."""
        assert run_console(command, scratch) == output
