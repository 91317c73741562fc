"""The consoles and the one way results leave the program: stdout, or a file written atomically."""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tlo_cli.errors import usage
from tlo_cli.model import Unit
from tlo_cli.render.tables import Format, TableData

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

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


def _width() -> int | None:
    if sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else 200


def stdout_console() -> Console:
    from rich.console import Console

    return Console(width=_width(), highlight=False)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def diagnostic(message: str) -> None:
    """One line on stderr, never wrapped: `tlo: message`."""
    print(f"tlo: {message}", file=sys.stderr)


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


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(jsonable(document), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_text(result: Result, fmt: str, unit: Unit) -> str:
    """The result as text in one of the text formats (table rendered without colour)."""
    from tlo_cli.render.tables import to_csv, to_markdown

    if fmt == "json":
        return to_json(result.to_dict())
    if fmt == "csv":
        tables = result.tables()
        return to_csv(tables[0], unit) if tables else ""
    if fmt == "markdown":
        return to_markdown(result.tables(), unit)
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(width=200, file=buffer, color_system=None, highlight=False)
    for renderable in renderables(result, unit):
        console.print(renderable)
    return buffer.getvalue()


def renderables(result: Result, unit: Unit) -> list[RenderableType]:
    from tlo_cli.render.tables import to_rich

    return [to_rich(table, unit) for table in result.tables()]


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

    if output is None:
        if fmt is Format.TABLE:
            console = stdout_console()
            for renderable in renderables(result, unit):
                console.print(renderable)
        else:
            sys.stdout.write(render_text(result, fmt.value, unit))
        return
    file_fmt = check_output(output, inputs)
    if file_fmt == "xlsx":
        writer = getattr(result, "write_xlsx", None)
        if writer is None:
            from tlo_cli.render.xlsx import write_tables

            write_atomic(output, lambda temp: write_tables(temp, result.tables(), unit))
        else:
            write_atomic(output, lambda temp: writer(temp, unit))
    else:
        write_text_atomic(output, render_text(result, file_fmt, unit))
    diagnostic(f"wrote {output}")
