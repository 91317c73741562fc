"""The generator of the docs that come from the code, so that they cannot drift.

Run from the repository root:

    python -m tools.docgen          # docs/cli.md, the label tables, the methodology tables
    python -m tools.docgen readme   # re-run the README's examples and paste their output

tests/test_docs.py and tests/test_readme.py fail when a generated part is stale.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

BEGIN = "<!-- BEGIN GENERATED: {name} -->"
END = "<!-- END GENERATED: {name} -->"
HELP_WIDTH = "100"


def command_paths() -> list[list[str]]:
    """Every command and sub-command of `tlo`, as argument lists, in help order."""
    import typer.main

    from tlo_cli.cli.app import app

    def walk(group: object, prefix: list[str]) -> Iterator[list[str]]:
        for name, command in sorted(getattr(group, "commands", {}).items()):
            yield [*prefix, name]
            yield from walk(command, [*prefix, name])

    return list(walk(typer.main.get_command(app), []))


@contextlib.contextmanager
def fixed_env(columns: str) -> Iterator[None]:
    """A fixed terminal width and an English locale, whatever the developer's are."""
    names = ("COLUMNS", "LANG", "LC_ALL", "LC_MESSAGES")
    old = {name: os.environ.get(name) for name in names}
    os.environ.update({"COLUMNS": columns, "LANG": "C.UTF-8"})
    os.environ.pop("LC_ALL", None)
    os.environ.pop("LC_MESSAGES", None)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def help_text(args: list[str]) -> str:
    """The --help of a command, as printed at a fixed width."""
    from tlo_cli.cli.app import main

    buffer = io.StringIO()
    with fixed_env(HELP_WIDTH), contextlib.redirect_stdout(buffer):
        main([*args, "--help"])
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()).strip() + "\n"


def cli_reference() -> str:
    """docs/cli.md: the help of `tlo` and of every command."""
    parts = [
        "# CLI reference\n",
        "Generated from `--help` by `python -m tools.docgen`; a test fails when it is stale.\n",
        "## tlo\n",
        "```text\n" + help_text([]) + "```\n",
    ]
    for path in command_paths():
        parts.append(f"## tlo {' '.join(path)}\n")
        parts.append("```text\n" + help_text(path) + "```\n")
    return "\n".join(parts)


def label_reference() -> str:
    """The accepted labels of every canonical item, sheet and section, from labels.toml."""
    from tlo_cli.ledger.labels import catalogue

    raw = catalogue().raw
    lines = ["| item | accepted labels (besides the item's own name) |", "|---|---|"]
    for item, labels in raw["items"].items():
        lines.append(f"| `{item}` | {', '.join(labels)} |")
    lines += ["", "| sheet | accepted names |", "|---|---|"]
    for kind, names in raw["sheets"].items():
        lines.append(f"| {kind} | {', '.join(names)} |")
    lines += ["", "| section | headers |", "|---|---|"]
    for kind, names in raw["sections"].items():
        lines.append(f"| {kind} | {', '.join(names)} |")
    lines += [
        "",
        "| line | labels |",
        "|---|---|",
        f"| ordinary profit (stated, cross-checked) | {', '.join(raw['ordinary_profit']['profit'])}; as a loss: {', '.join(raw['ordinary_profit']['loss'])} |",
        f"| intermediate profit (cross-checked) | {', '.join(raw['profit_subtotals']['profit'])}; as a loss: {', '.join(raw['profit_subtotals']['loss'])} |",
        f"| below the ordinary-profit line (ignored) | {', '.join(raw['below_line']['labels'])} |",
        f"| axis headers (not items) | {', '.join(raw['axis']['item'] + raw['axis']['year'])} |",
        "",
        "| profile key | accepted keys |",
        "|---|---|",
    ]
    for key, names in raw["profile"]["keys"].items():
        lines.append(f"| `{key}` | {', '.join(names)} |")
    lines += ["", "| legal form | accepted values |", "|---|---|"]
    for key, names in raw["profile"]["forms"].items():
        lines.append(f"| `{key}` | {', '.join(names)} |")
    lines += ["", "| region | accepted values (and the prefectures that imply it) |", "|---|---|"]
    for key, names in raw["profile"]["regions"].items():
        lines.append(f"| `{key}` | {', '.join(names)} ({', '.join(raw['prefectures'][key])}) |")
    return "\n".join(lines) + "\n"


def methodology_reference() -> str:
    """The default methodology as Markdown tables (what `tlo methodology -f markdown` prints)."""
    from tlo_cli.metrics.methodology import default_methodology
    from tlo_cli.model import Unit
    from tlo_cli.render.tables import to_markdown

    return to_markdown(default_methodology().tables(), Unit.THOUSAND).replace("## ", "### ")


def splice(text: str, name: str, generated: str) -> str:
    """Replace the generated block ``name`` in ``text``."""
    begin, end = BEGIN.format(name=name), END.format(name=name)
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"no generated block {name!r}")
    return pattern.sub(lambda _: f"{begin}\n{generated}{end}", text)


CONSOLE = re.compile(r"```console\n\$ (tlo [^\n]*)\n(.*?)```", re.DOTALL)
README_COLUMNS = "200"


def run_console(command: str, cwd: Path) -> str:
    """The stdout then stderr of a `tlo …` command run in ``cwd``, as a README shows it."""
    import shlex

    from tlo_cli.cli.app import main as tlo_main

    out, err = io.StringIO(), io.StringIO()
    old_cwd = Path.cwd()
    os.chdir(cwd)
    try:
        with (
            fixed_env(README_COLUMNS),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            tlo_main(shlex.split(command)[1:])
    finally:
        os.chdir(old_cwd)
    text = out.getvalue() + err.getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip() + "\n"


def readme_with_outputs(text: str, cwd: Path) -> str:
    """README text with every ```console block's output replaced by the command's real output."""
    return CONSOLE.sub(
        lambda m: f"```console\n$ {m.group(1)}\n{run_console(m.group(1), cwd)}```", text
    )


def backtest_quote(sample: Path) -> str:
    """The sample's backtest as README.md and docs/methodology.md quote it."""
    from tlo_cli.ledger import load_cohort
    from tlo_cli.metrics.backtest import replay
    from tlo_cli.render.backtest import quote

    return quote(replay(load_cohort([sample], unit=None, strict=False).ledgers))


def main(docs: Path = Path("docs")) -> None:
    (docs / "cli.md").write_text(cli_reference(), encoding="utf-8")
    backtest = backtest_quote(docs.parent / "data" / "sample")
    for path, name, generated in (
        (docs / "ledger-format.md", "labels", label_reference()),
        (docs / "methodology.md", "methodology", methodology_reference()),
        (docs / "methodology.md", "backtest", backtest),
        (docs.parent / "README.md", "backtest", backtest),
    ):
        path.write_text(splice(path.read_text(encoding="utf-8"), name, generated), encoding="utf-8")


def refresh_readme(readme: Path) -> None:
    """Re-run the README's console examples in a scratch directory holding the sample data."""
    import shutil
    import tempfile

    root = readme.resolve().parent
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("data", "examples"):
            if (root / name).is_dir():
                shutil.copytree(root / name, Path(scratch) / name)
        readme.write_text(
            readme_with_outputs(readme.read_text(encoding="utf-8"), Path(scratch)), encoding="utf-8"
        )


if __name__ == "__main__":
    if sys.argv[1:] == ["readme"]:
        refresh_readme(Path("README.md"))
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
