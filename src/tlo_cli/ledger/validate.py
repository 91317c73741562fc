"""`tlo validate`: every problem in every ledger, as data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tlo_cli.ledger.load import FileReport, load_cohort
from tlo_cli.model import Unit
from tlo_cli.table import Col, Column, TableData


@dataclass(frozen=True, slots=True)
class Validation:
    """The reports of every file read, in the order read."""

    files: tuple[FileReport, ...]

    @property
    def ok(self) -> bool:
        return all(report.ok for report in self.files)

    @property
    def error_count(self) -> int:
        return sum(len(report.errors) for report in self.files)

    @property
    def warning_count(self) -> int:
        return sum(len(report.warnings) for report in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": [
                {
                    "path": report.path,
                    "ok": report.ok,
                    "tlos": [ledger.id for ledger in report.ledgers],
                    "errors": [issue.to_dict() for issue in report.errors],
                    "warnings": [issue.to_dict() for issue in report.warnings],
                    "skipped_columns": [
                        {"cell": cell, "header": header, "reason": why}
                        for ledger in report.ledgers
                        for cell, header, why in ledger.skipped_columns
                    ],
                }
                for report in self.files
            ],
            "summary": {
                "files": len(self.files),
                "files_ok": sum(report.ok for report in self.files),
                "errors": self.error_count,
                "warnings": self.warning_count,
            },
        }

    def tables(self) -> list[TableData]:
        rows: list[dict[str, Any]] = []
        for report in self.files:
            if not report.issues:
                rows.append(
                    {
                        "path": report.path,
                        "status": "ok",
                        "severity": "",
                        "where": "",
                        "code": "",
                        "message": f"{len(report.ledgers)} TLO(s) read",
                    }
                )
            skipped = [s for ledger in report.ledgers for s in ledger.skipped_columns]
            if skipped:
                rows.append(
                    {
                        "path": report.path,
                        "status": "ok" if report.ok else "error",
                        "severity": "info",
                        "where": "",
                        "code": "skipped-columns",
                        "message": "columns that are not periods, skipped: "
                        + "; ".join(f"{cell} {header} ({why})" for cell, header, why in skipped),
                    }
                )
            for issue in report.issues:
                loc = issue.location
                where = " › ".join(p for p in (loc.sheet, loc.cell) if p) if loc else ""
                rows.append(
                    {
                        "path": report.path,
                        "status": "ok" if report.ok else "error",
                        "severity": issue.severity.value,
                        "where": where,
                        "code": issue.code,
                        "message": issue.message + (f" ({issue.hint})" if issue.hint else ""),
                    }
                )
        summary = (
            f"{len(self.files)} file(s): {sum(r.ok for r in self.files)} ok, "
            f"{self.error_count} error(s), {self.warning_count} warning(s)."
        )
        return [
            TableData(
                "Ledger validation",
                [
                    Column("path", "file"),
                    Column("status", "status", Col.LEVEL),
                    Column("severity", "severity", Col.LEVEL),
                    Column("where", "sheet › cell"),
                    Column("code", "code"),
                    Column("message", "message"),
                ],
                rows,
                [summary],
            )
        ]


def validate_paths(
    paths: Sequence[Path | str], *, unit: Unit | None = None, strict: bool = False
) -> Validation:
    """Read every input and keep every problem; nothing is skipped and nothing is changed."""
    return Validation(load_cohort(paths, unit=unit, strict=strict).reports)
