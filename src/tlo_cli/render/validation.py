"""`tlo validate` as lines: one per problem, `file › sheet › cell: error code: message (hint)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tlo_cli.render.text import clean

if TYPE_CHECKING:
    from tlo_cli.errors import Issue
    from tlo_cli.ledger.validate import Validation


def issue_line(path: str, issue: Issue) -> str:
    """`file › sheet › cell: error|warning code: message (hint)` (controls escaped)."""
    loc = issue.location
    where = " › ".join(
        p
        for p in (loc.path if loc else path, loc.sheet if loc else None, loc.cell if loc else None)
        if p
    )
    hint = f" ({issue.hint})" if issue.hint else ""
    return clean(f"{where}: {issue.severity.value} {issue.code}: {issue.message}{hint}")


def validation_lines(result: Validation) -> list[str]:
    """Every problem of every file, a line for each file without one, then a summary."""
    lines: list[str] = []
    for report in result.files:
        if not report.issues:
            lines.append(clean(f"{report.path}: ok ({len(report.ledgers)} TLO(s) read)"))
        lines += [issue_line(report.path, issue) for issue in report.issues]
    lines.append(
        f"{len(result.files)} file(s): {sum(r.ok for r in result.files)} ok, "
        f"{result.error_count} error(s), {result.warning_count} warning(s)."
    )
    return lines
