"""Paths → ledgers: files, directories and combined workbooks, with every problem reported.

One file is read by :mod:`tlo_cli.ledger.book`; this module expands directories, reads many
files across processes, and puts the cohort together (duplicate ids are skipped).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tlo_cli.errors import Issue, TloError, error, usage
from tlo_cli.ledger.book import FileReport, read_file, read_ledger_sheet
from tlo_cli.ledger.read import MarkedOutput
from tlo_cli.marker import is_tlo_output
from tlo_cli.model import Ledger, Unit

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Cohort",
    "FileReport",
    "Skipped",
    "expand_paths",
    "load_cohort",
    "read_file",
    "read_files",
    "read_inputs",
    "read_ledger_sheet",
]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, and the first reason why."""

    path: str
    error: str
    issue: Issue

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


@dataclass(frozen=True, slots=True)
class Cohort:
    """The ledgers read from every input, and the inputs skipped."""

    ledgers: tuple[Ledger, ...]
    reports: tuple[FileReport, ...]
    skipped: tuple[Skipped, ...] = field(default=())

    def find(self, tlo_id: str) -> Ledger | None:
        """The ledger whose id matches, case-insensitively."""
        wanted = tlo_id.casefold()
        return next((led for led in self.ledgers if led.id.casefold() == wanted), None)

    def to_frame(self) -> pd.DataFrame:
        """The tidy table: tlo, fiscal_year, item, value (yen; counts as counts), path, sheet, cell."""
        from tlo_cli.api import tidy_frame

        return tidy_frame(self.ledgers)


def expand_paths(paths: Iterable[Path | str], own_outputs: list[Path] | None = None) -> list[Path]:
    """Files as given, and every workbook directly inside a directory.

    In a directory, Office lock files (``~$*``) and workbooks tlo wrote as output (reports,
    exports: see :mod:`tlo_cli.marker`) are skipped; the latter are added to ``own_outputs``.
    """
    files: list[Path] = []
    for raw in paths:
        path, found = _list_one(raw)
        if found is None:
            files.append(path)
            continue
        ours = [p for p in found if is_tlo_output(p)]
        if ours:
            found = [p for p in found if p not in ours]
            if own_outputs is not None:
                own_outputs.extend(ours)
        if not found:
            raise usage(f"{path}: no .xlsx workbook in this directory", code="no-ledgers")
        files.extend(found)
    return files


def _listed(paths: Iterable[Path | str]) -> list[tuple[Path, list[Path] | None]]:
    """Each input with the workbooks directly inside it when it is a directory (else None)."""
    return [_list_one(raw) for raw in paths]


def _list_one(raw: Path | str) -> tuple[Path, list[Path] | None]:
    path = Path(raw)
    if path.is_dir():
        found = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$")
        )
        return path, found
    if path.exists():
        return path, None
    raise usage(f"{path}: no such file or directory", code="path-not-found")


def read_inputs(
    paths: Iterable[Path | str],
    *,
    unit: Unit | None = None,
    strict: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[Cohort, list[Path], list[Path]]:
    """``load_cohort(expand_paths(paths, own))``: the cohort, the files read and ``own``.

    The same results and errors, but a directory's workbooks are tested for tlo's output mark
    as they are read (in parallel), not all beforehand.
    """
    paths = list(paths)
    try:
        listed = _listed(paths)
    except TloError:
        expand_paths(paths)  # raises the first problem in input order, as it would have
        raise
    for path, found in listed:
        if found == []:
            expand_paths(paths)
            raise usage(f"{path}: no .xlsx workbook in this directory", code="no-ledgers")
    jobs: list[tuple[Path, Unit | None, bool, bool]] = []
    for path, found in listed:
        if found is None:
            jobs.append((path, unit, strict, False))
        else:
            jobs.extend((file, unit, strict, True) for file in found)
    results = _read_all(jobs, meanwhile)
    at = 0
    for path, found in listed:
        count = 1 if found is None else len(found)
        if found is not None and all(result is None for result in results[at : at + count]):
            raise usage(f"{path}: no .xlsx workbook in this directory", code="no-ledgers")
        at += count
    own = [job[0] for job, result in zip(jobs, results, strict=True) if result is None]
    files = [job[0] for job, result in zip(jobs, results, strict=True) if result is not None]
    return _cohort([result for result in results if result is not None]), files, own


PARALLEL_MIN_FILES = 64


def _workers(n_files: int) -> int:
    """Processes to read with: 1 below PARALLEL_MIN_FILES or where fork is unavailable.

    TLO_WORKERS overrides (1 disables parallel reading).
    """
    override = os.environ.get("TLO_WORKERS", "")
    if override.isdigit() and int(override) > 0:
        return int(override)
    if n_files < PARALLEL_MIN_FILES or sys.platform != "linux":
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _read_one(args: tuple[Path, Unit | None, bool]) -> FileReport:
    path, unit, strict = args
    return read_file(path, unit=unit, strict=strict)


def _read_input(args: tuple[Path, Unit | None, bool, bool]) -> FileReport | None:
    """The file read, or None when asked to skip tlo's own outputs and it is one.

    The mark is looked for in the bytes read (see :func:`tlo_cli.marker.marked_in`); a file
    that could not be read that far is tested on its own.
    """
    path, unit, strict, skip_outputs = args
    if not skip_outputs:
        return read_file(path, unit=unit, strict=strict)
    try:
        report = read_file(path, unit=unit, strict=strict, skip_marked=True)
    except MarkedOutput:
        return None
    if report.errors and is_tlo_output(path):
        return None
    return report


#: Files per piece of work handed out in a parallel read: small enough that the processes
#: finish within a few milliseconds of each other.
CHUNK_FILES = 4

J = TypeVar("J")
R = TypeVar("R")


def _in_parallel(
    jobs: Sequence[J], work: Callable[[J], R], meanwhile: Callable[[], object] | None
) -> list[R]:
    """``[work(job) for job in jobs]``, across processes when there are many jobs.

    With n workers, n − 1 forked processes take chunks of the list from the front while this
    process does ``meanwhile`` (such as importing what comes next) and then takes chunks from
    the back until they meet (see :mod:`tlo_cli.ledger.parallel`), so no core waits idle and
    only part of the results cross a pipe.
    """
    workers = _workers(len(jobs))
    if workers <= 1:
        results = [work(job) for job in jobs]
        if meanwhile is not None:
            meanwhile()
        return results
    from tlo_cli.ledger.parallel import share_out

    return share_out(jobs, work, helpers=workers - 1, chunk=CHUNK_FILES, meanwhile=meanwhile)


def _read_all(
    jobs: Sequence[tuple[Path, Unit | None, bool, bool]],
    meanwhile: Callable[[], object] | None,
) -> list[FileReport | None]:
    return _in_parallel(jobs, _read_input, meanwhile)


def read_files(
    files: Sequence[Path],
    *,
    unit: Unit | None,
    strict: bool,
    meanwhile: Callable[[], object] | None = None,
) -> list[FileReport]:
    """Read every file, in order; across processes when there are many (the work is per file).

    ``meanwhile`` runs in this process while others read (see :func:`_in_parallel`).
    """
    return _in_parallel([(path, unit, strict) for path in files], _read_one, meanwhile)


def load_cohort(
    paths: Sequence[Path | str],
    *,
    unit: Unit | None = None,
    strict: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> Cohort:
    """Read every input; unreadable ones and duplicate ids are skipped with the reason.

    ``meanwhile`` runs while other processes read (see :func:`read_files`).
    """
    return _cohort(read_files(expand_paths(paths), unit=unit, strict=strict, meanwhile=meanwhile))


def _cohort(reports: Sequence[FileReport]) -> Cohort:
    """The cohort of the reports in order: duplicate ids are skipped with the reason."""
    ledgers: list[Ledger] = []
    seen: dict[str, Ledger] = {}
    checked: list[FileReport] = []
    for report in reports:
        kept: list[Ledger] = []
        duplicates: list[Issue] = []
        for ledger in report.ledgers:
            key = ledger.id.casefold()
            if key in seen:
                duplicates.append(
                    error(
                        "duplicate-tlo",
                        f"TLO id {ledger.id} was already read from {seen[key].source}",
                        ledger.source,
                        "give each TLO its own id",
                    )
                )
                continue
            seen[key] = ledger
            kept.append(ledger)
        ledgers += kept
        if duplicates:
            report = FileReport(report.path, tuple(kept), report.issues + tuple(duplicates))
        checked.append(report)
    skipped = [
        Skipped(report.path, str(report.errors[0]), report.errors[0])
        for report in checked
        if report.errors
    ]
    return Cohort(tuple(ledgers), tuple(checked), tuple(skipped))
