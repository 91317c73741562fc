"""Helpers for tests that read a workbook and look at its one ledger or its issue codes."""

from __future__ import annotations

from tlo_cli.ledger.load import FileReport
from tlo_cli.model import Ledger


def ok(report: FileReport) -> Ledger:
    """The one ledger of a report that has no error (the errors are shown when it fails)."""
    assert report.ok, [str(i) for i in report.errors]
    (ledger,) = report.ledgers
    return ledger


def codes(report: FileReport) -> list[str]:
    """Every issue's code, in order."""
    return [i.code for i in report.issues]
