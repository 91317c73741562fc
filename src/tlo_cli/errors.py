"""Problems as data: where they are, what kind they are, and what to do about them.

Expected problems in a ledger are :class:`Issue` records. Only a problem that stops a
command raises, as a :class:`TloError` carrying its issue; the CLI turns it into a
one-line message and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file, and the sheet and cell when there is one."""

    path: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        return " › ".join(part for part in (self.path, self.sheet, self.cell) if part)

    def at(self, cell: str | None) -> Location:
        """The same sheet, another cell."""
        return Location(self.path, self.sheet, cell)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sheet": self.sheet, "cell": self.cell}


#: Every kind of problem: its code and a title. Messages name the place and the fix.
CODES: dict[str, str] = {
    "path-not-found": "a path given on the command line does not exist",
    "no-ledgers": "a directory holds no workbook",
    "empty-file": "the file is empty",
    "not-xlsx": "the file is not an xlsx workbook",
    "truncated-file": "the xlsx file is truncated or damaged",
    "encrypted-file": "the workbook is password-protected",
    "legacy-xls": "the workbook is in the legacy Excel 97-2003 format",
    "too-large": "the workbook is absurdly large for a ledger",
    "unsafe-xml": "the workbook's XML declares entities",
    "missing-ledger-sheet": "no ledger sheet",
    "missing-tlo-sheet": "a TLO in the registry has no ledger sheet",
    "no-fiscal-years": "no row or column of fiscal years",
    "duplicate-fiscal-year": "the same fiscal year twice",
    "period-without-year": "periods named (前期/当期, 第N期, 金額) with no fiscal year to place them",
    "fiscal-year-conflict": "the title, sheet name and profile name different fiscal years",
    "invalid-fiscal-year": "a year of an era that does not exist (平成0年, H32)",
    "future-fiscal-year": "a fiscal year later than the current one",
    "period-length": "a period header whose dates do not make twelve months",
    "missing-months": "monthly columns without all twelve months of a fiscal year",
    "monthly-total-mismatch": "a total beside monthly columns that differs from their sum",
    "text-amount": "text where an amount belongs",
    "bad-amount": "an amount that cannot be used",
    "negative-count": "a negative count",
    "formula-without-value": "a formula with no stored result",
    "merged-amount": "merged cells where amounts belong",
    "not-regular-file": "the path is a FIFO, device or other non-regular file",
    "error-value": "an Excel error value (#DIV/0!, #N/A …) in a cell",
    "negative-amount": "a revenue or expense amount below zero",
    "unit-mismatch": "a unit written in an amount cell differs from the sheet's unit",
    "dot-thousands": "a dot that probably separates thousands (14.500)",
    "hidden-cells": "hidden rows or columns, not read",
    "hidden-sheet": "a hidden sheet, not read",
    "duplicate-ledger-sheet": "two sheets that could each be the ledger",
    "unknown-label": "a label that matches no line item",
    "label-without-amounts": "amounts without a label",
    "no-line-items": "no revenue or expense items",
    "bad-profile-value": "a profile value that cannot be read",
    "duplicate-tlo": "the same TLO id twice",
    "folded-label": "an unknown label counted as other income or expenses",
    "section-as-item": "a section total with no items taken as one item",
    "subtotal-mismatch": "a stated total differs from the sum of its items",
    "ordinary-profit-mismatch": "the stated ordinary profit differs from the computed one",
    "unit-assumed": "no unit stated; thousand yen assumed",
    "unit-conflict": "the sheet's unit differs from --unit",
    "unknown-profile-key": "a profile key that is not recognised",
    "missing-profile": "no profile sheet",
    "missing-approval": "no approval date or fiscal year",
    "empty-year": "a fiscal year with no amounts",
    "ignored-row": "a row beside the year axis that is not a fiscal year",
    "extra-sheet": "a sheet in a combined workbook that no registry row names",
    "write-failed": "an output file could not be written",
    "near-miss-label": "a label one typo away from an accepted label",
    "too-ambiguous": "too many lines that could each be an item or a total",
    "unitemized-side": "a summary table that itemizes one side not at all",
    "no-income-statement": "a sheet with a balance sheet and no income statement",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in an input, with its place and, when there is one, a fix."""

    code: str
    message: str
    location: Location | None = None
    severity: Severity = Severity.ERROR
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message if not self.hint else f"{self.message} ({self.hint})",
            "location": self.location.to_dict() if self.location else None,
        }


def error(
    code: str, message: str, location: Location | None = None, hint: str | None = None
) -> Issue:
    return Issue(code, message, location, Severity.ERROR, hint)


def warning(
    code: str, message: str, location: Location | None = None, hint: str | None = None
) -> Issue:
    return Issue(code, message, location, Severity.WARNING, hint)


class TloError(Exception):
    """A problem that stops a command; ``exit_code`` is 2 unless said otherwise."""

    exit_code = 2

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue


class InputError(TloError):
    """An input file that cannot be read as a ledger."""


class UsageError(TloError):
    """A command line that cannot be carried out."""


def usage(message: str, hint: str | None = None, code: str = "usage") -> UsageError:
    return UsageError(Issue(code, message, None, Severity.ERROR, hint))
