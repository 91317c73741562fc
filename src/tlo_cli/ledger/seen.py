"""A sheet's cells as a person sees them in Excel, from the cells read and the marks of its XML.

Hidden rows and columns are blanked (positions unchanged, so cell addresses stay right) and
said in one warning; error values (``#DIV/0!``, ``#N/A``) stand in their cells as
:class:`~tlo_cli.ledger.parse.ErrorValue`, so that reading one as an amount is an error naming
the cell, never a zero; numbers are scaled as their number format shows them; merged ranges are
clipped to the cells the sheet has, so that a range reaching XFD1048576 costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.cells import is_blank
from tlo_cli.ledger.numfmt import shown
from tlo_cli.ledger.parse import ErrorValue
from tlo_cli.ledger.sheetxml import Marks, cell_ref, column_letter

Range = tuple[tuple[int, int], tuple[int, int]]


def clip_merged(merged: Iterable[Range], height: int, width: int) -> tuple[Range, ...]:
    """Merged ranges cut to the sheet's used extent; ranges wholly outside it are dropped."""
    clipped: list[Range] = []
    for (r0, c0), (r1, c1) in merged:
        if r0 >= height or c0 >= width or r1 < r0 or c1 < c0:
            continue
        clipped.append(((r0, c0), (min(r1, height - 1), min(c1, width - 1))))
    return tuple(clipped)


def apply_marks(rows: list[list[Any]], marks: Marks, where: Location) -> list[Issue]:
    """Change ``rows`` in place to what is seen; the warning about hidden cells, if any."""
    for (r, c), scale in marks.scaled.items():
        if r < len(rows) and c < len(rows[r]) and type(rows[r][c]) is float:
            rows[r][c] = shown(rows[r][c], scale)
    hidden = _hidden_note(rows, marks, where)
    errors: list[Issue] = []
    for (r, c), text in sorted(marks.errors.items()):
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = ErrorValue(text)
            errors.append(error_value(text, where.at(cell_ref(r, c))))
    return hidden + errors


def error_value(text: str, where: Location) -> Issue:
    """The error for a cell holding an Excel error value."""
    return error(
        "error-value",
        f"the error value {text.strip()} (a formula that failed, or a pasted error); "
        "an error is never read as zero",
        where,
        "correct the formula, or type the value",
    )


def _hidden_note(rows: list[list[Any]], marks: Marks, where: Location) -> list[Issue]:
    """Blank the hidden rows and columns; one warning naming those that held something."""
    if not marks.hidden_rows and not marks.hidden_cols:
        return []
    rows_hidden = sorted(
        r for r in marks.hidden_rows if r < len(rows) and not all(map(is_blank, rows[r]))
    )
    cols_hidden = sorted(
        c for c in marks.hidden_cols if any(c < len(row) and not is_blank(row[c]) for row in rows)
    )
    for r in marks.hidden_rows:
        if r < len(rows):
            rows[r] = [""] * len(rows[r])
    for c in marks.hidden_cols:
        for row in rows:
            if c < len(row):
                row[c] = ""
    for cells in (marks.formulas_without_value, marks.errors):
        for r, c in list(cells):
            if r in marks.hidden_rows or c in marks.hidden_cols:
                del cells[(r, c)]
    if not rows_hidden and not cols_hidden:
        return []
    parts = []
    if rows_hidden:
        parts.append(_listed("row", [str(r + 1) for r in rows_hidden]))
    if cols_hidden:
        parts.append(_listed("column", [column_letter(c) for c in cols_hidden]))
    verb = "are" if len(rows_hidden) + len(cols_hidden) > 1 else "is"
    return [
        warning(
            "hidden-cells",
            f"{' and '.join(parts)} {verb} hidden; not read",
            where,
            "unhide them in Excel if they belong to the statement",
        )
    ]


def _listed(what: str, names: Sequence[str]) -> str:
    shown_names = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    return f"{what}{'s' if len(names) > 1 else ''} {shown_names}"
