"""Generated docs are in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

from tools.docgen import cli_reference, command_paths, label_reference

DOCS = Path(__file__).resolve().parent.parent / "docs"


class TestGeneratedDocs:
    """docs/cli.md and the label tables of docs/ledger-format.md are regenerated, not edited."""

    def test_cli_reference_is_current(self) -> None:
        """docs/cli.md equals the help of every command (run `python -m tools.docgen`)."""
        assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_reference()

    def test_every_command_and_option_documented(self) -> None:
        """Every command and every one of its options appears in docs/cli.md."""
        import typer.main

        from tlo_cli.cli.app import app

        text = (DOCS / "cli.md").read_text(encoding="utf-8")
        root = typer.main.get_command(app)
        for path in command_paths():
            assert f"## tlo {' '.join(path)}\n" in text, path
            command = root
            for name in path:
                command = command.commands[name]  # type: ignore[attr-defined]
            for param in command.params:
                for opt in getattr(param, "opts", []):
                    if opt.startswith("-"):
                        assert re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text), (path, opt)

    def test_label_tables_are_current(self) -> None:
        """docs/ledger-format.md lists exactly the labels of labels.toml."""
        assert label_reference() in (DOCS / "ledger-format.md").read_text(encoding="utf-8")


class TestMethodologyPage:
    """docs/methodology.md embeds the default methodology."""

    def test_methodology_tables_are_current(self) -> None:
        """The generated tables equal `tlo methodology --format markdown` with the defaults."""
        from tools.docgen import methodology_reference

        assert methodology_reference() in (DOCS / "methodology.md").read_text(encoding="utf-8")
