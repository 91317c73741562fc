"""The consoles and the one way results leave the program: stdout, or a file written atomically.

Everything printed passes through here: text from the inputs has its control characters shown
escaped, and a console that cannot encode a character gets a plain stand-in (never an error).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from tlo_cli.errors import usage
from tlo_cli.model import Unit
from tlo_cli.render.lang import Lang, default_lang
from tlo_cli.render.tables import Format, TableData
from tlo_cli.render.text import can_encode, clean, fallback

if TYPE_CHECKING:
    from rich.console import Console

EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "table",
    ".xlsx": "xlsx",
}


class Result(Protocol):
    """What every command returns: a JSON document and the tables that show it."""

    def to_dict(self) -> dict[str, Any]: ...

    def tables(self) -> Sequence[TableData]: ...


@dataclass(slots=True)
class Presentation:
    """How results are shown, from the options every table command shares."""

    lang: Lang | None = None
    columns: tuple[str, ...] | None = None
    years: int | None = None
    bom: bool = False

    @property
    def language(self) -> Lang:
        return self.lang if self.lang is not None else default_lang()


#: Set by the options' callbacks while the command line is parsed (see cli/options.py).
PRESENTATION = Presentation()


def reset_presentation() -> None:
    PRESENTATION.lang, PRESENTATION.columns, PRESENTATION.years = None, None, None
    PRESENTATION.bom = False


class SafeStream:
    """A text stream that never fails to encode: unencodable characters get stand-ins."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.encoding: str = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        return self._stream.write(fallback(text, self.encoding))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self._stream, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self._stream.fileno()


def _width() -> int | None:
    if sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else 200


def stdout_console(width: int | None = None) -> Console:
    from rich.console import Console

    return Console(file=SafeStream(sys.stdout), width=width or _width(), highlight=False)  # type: ignore[arg-type]


def stderr_console() -> Console:
    from rich.console import Console

    return Console(file=SafeStream(sys.stderr), stderr=True, highlight=False)  # type: ignore[arg-type]


def diagnostic(message: str) -> None:
    """One line on stderr, never wrapped: `tlo: message` (control characters escaped)."""
    SafeStream(sys.stderr).write(f"tlo: {clean(message)}\n")


def jsonable(value: Any) -> Any:
    """Plain JSON values: NaN and infinities become null, numpy scalars Python numbers."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {str(k): jsonable(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [jsonable(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return jsonable(value.item())
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def to_json(document: dict[str, Any], *, ascii_only: bool = False) -> str:
    from tlo_cli.cli.jsontext import dumps_indented  # json.dumps(indent=2), faster

    return dumps_indented(jsonable(document), ensure_ascii=ascii_only, allow_nan=False) + "\n"


def render_text(result: Result, fmt: str, unit: Unit, *, lang: Lang = Lang.EN) -> str:
    """The result as text in one of the text formats (for CSV, the main table only)."""
    from tlo_cli.render.tables import to_csv, to_markdown

    if fmt == "json":
        return to_json(result.to_dict())
    if fmt == "csv":
        tables = result.tables()
        return to_csv(tables[0], unit) if tables else ""
    if fmt == "markdown":
        return to_markdown(result.tables(), unit, lang)
    import io

    from rich.console import Console

    from tlo_cli.render.fit import fit_table

    buffer = io.StringIO()
    console = Console(width=200, file=buffer, color_system=None, highlight=False)
    for table in result.tables():
        fitted = fit_table(table, unit, width=200, lang=lang)
        console.print(fitted.renderable)
    return buffer.getvalue()


def print_tables(tables: Sequence[TableData], unit: Unit) -> None:
    """Console tables fitted to the terminal; one stderr line per table that left columns out."""
    from tlo_cli.render.fit import fit_table

    p = PRESENTATION
    console = stdout_console()
    encoding = getattr(console.file, "encoding", None)
    for table in tables:
        fitted = fit_table(
            table,
            unit,
            width=console.width,
            lang=p.language,
            encoding=encoding,
            columns=p.columns,
            years=p.years,
        )
        target = console if fitted.width <= console.width else stdout_console(fitted.width)
        target.print(fitted.renderable)
        if fitted.dropped:
            years = any(c.key.isdigit() for c in table.columns)
            diagnostic(
                f"{table_label(table)}: left out {', '.join(fitted.dropped)} to fit "
                f"{console.width} columns (widen the terminal, or choose with --columns"
                + (", --years N" if years else "")
                + ")"
            )
    if p.columns:
        known = {c.key.casefold() for t in tables for c in t.columns}
        known |= {c.header.casefold() for t in tables for c in t.columns}
        unknown = [k for k in p.columns if k.casefold() not in known]
        if unknown:
            keys = ", ".join(dict.fromkeys(c.key for t in tables for c in t.columns))
            diagnostic(f"--columns: no column {', '.join(unknown)}; the columns are {keys}")


def table_label(table: TableData) -> str:
    return table.title if len(table.title) <= 40 else table.title[:39] + "…"


def write_stdout(text: str, *, json_document: dict[str, Any] | None = None) -> None:
    """Text on stdout; JSON falls back to \\u escapes on a console that cannot encode it."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if json_document is not None and not can_encode(text, encoding):
        text = to_json(json_document, ascii_only=True)
    SafeStream(sys.stdout).write(text)


def check_output(output: Path, inputs: Sequence[Path]) -> str:
    """The format an output file is written in (from its extension); refuses to overwrite inputs."""
    fmt = EXTENSIONS.get(output.suffix.lower())
    if fmt is None:
        raise usage(
            f"{output}: cannot tell the format from the extension {output.suffix or '(none)'}",
            "use .json, .csv, .md, .txt or .xlsx",
        )
    if output.is_dir():
        raise usage(f"{output}: is a directory", "give a file name")
    target = output.resolve()
    for path in inputs:
        if path.resolve() == target:
            raise usage(
                f"{output}: refusing to overwrite an input file", "choose another output name"
            )
    if not target.parent.is_dir():
        raise usage(f"{output}: the directory {output.parent} does not exist")
    return fmt


def csv_paths(output: Path, names: Sequence[str]) -> list[Path]:
    """NAME.csv for the main table, NAME.<table>.csv for each other table."""
    return [output, *(output.with_name(f"{output.stem}.{name}.csv") for name in names[1:])]


def emit(
    result: Result,
    *,
    fmt: Format,
    output: Path | None,
    inputs: Sequence[Path] = (),
    unit: Unit = Unit.THOUSAND,
) -> None:
    """Print the result on stdout, or write it to ``output`` atomically in the extension's format."""
    from tlo_cli.atomic import write_atomic, write_text_atomic
    from tlo_cli.render.tables import csv_tables

    p = PRESENTATION
    if output is None:
        if fmt is Format.TABLE:
            print_tables(result.tables(), unit)
        elif fmt is Format.CSV:
            tables = csv_tables(result.tables(), unit)
            if tables:
                write_stdout(("\ufeff" if p.bom else "") + tables[0][1])
            if len(tables) > 1:
                others = ", ".join(name for name, _ in tables[1:])
                diagnostic(
                    f"csv: wrote the main table; {len(tables) - 1} more ({others}): "
                    "-o NAME.csv writes each to NAME.<table>.csv"
                )
        elif fmt is Format.JSON:
            document = result.to_dict()
            write_stdout(to_json(document), json_document=document)
        else:
            write_stdout(render_text(result, fmt.value, unit, lang=p.language))
        return
    file_fmt = check_output(output, inputs)
    if file_fmt == "xlsx":
        writer = getattr(result, "write_xlsx", None)
        if writer is None:
            from tlo_cli.render.xlsx import write_tables

            shown = result.tables()
            write_atomic(output, lambda temp: write_tables(temp, shown, unit, p.language))
        else:
            write_atomic(output, lambda temp: writer(temp, unit))
        diagnostic(f"wrote {output}")
    elif file_fmt == "csv":
        named = csv_tables(result.tables(), unit)
        paths = csv_paths(output, [name for name, _ in named])
        for path in paths[1:]:
            check_output(path, inputs)
        for path, (_, text) in zip(paths, named, strict=True):
            write_text_atomic(path, text, bom=p.bom)
        diagnostic("wrote " + ", ".join(str(path) for path in paths))
    else:
        write_text_atomic(output, render_text(result, file_fmt, unit, lang=p.language))
        diagnostic(f"wrote {output}")
