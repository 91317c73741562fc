"""Which sheet is the ledger: hidden sheets are never read, and two candidates are an error.

A workbook may hold a statement beside a balance sheet (貸借対照表), a profile, or one sheet per
fiscal year; none of those is a second ledger. But ``PL`` beside ``損益計算書``, or ``損益計算書``
beside ``損益計算書(修正後)``, leaves the reader to guess which one is meant: it never guesses.
"""

from __future__ import annotations

import re

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.labels import catalogue, normalize
from tlo_cli.ledger.parse import parse_fiscal_year
from tlo_cli.ledger.read import Workbook

#: Ledger sheet names long enough to be recognised inside a longer name (損益計算書(修正後)).
_MIN_INNER = 4
#: Words that make a sheet something other than the statement, whatever else its name says.
_NOT_LEDGER = (
    "貸借対照表",
    "balancesheet",
    "financialposition",
    "キャッシュフロー",
    "cashflow",
    "予算",
    "budget",
    "内訳",
    "明細",
    "注記",
)


def hidden_sheet_notes(book: Workbook) -> list[Issue]:
    """One warning per hidden sheet: it is not read."""
    return [
        warning(
            "hidden-sheet",
            "the sheet is hidden; not read",
            Location(book.path, name),
            "unhide it in Excel if it is the statement, or delete it",
        )
        for name in book.hidden_sheets
    ]


def ledger_candidates(names: list[str], kinds: dict[str, str | None]) -> list[str]:
    """The visible sheets that could be the ledger, in workbook order.

    A sheet is a candidate when its name is a ledger sheet name (損益計算書, PL, ledger …) or
    contains one of at least four characters (損益計算書(修正後), 収支計算書_旧), unless what is
    left beside that name is a fiscal year or period (損益計算書H18: one sheet per year) or the
    name says it is something else (貸借対照表, 予算, 内訳表, 明細, Cash flows …).
    """
    inner = [n for n in catalogue().sheets.get("ledger", ()) if len(n) >= _MIN_INNER]
    found: list[str] = []
    for name in names:
        if kinds.get(name) == "ledger":
            found.append(name)
            continue
        if kinds.get(name) is not None:
            continue
        key = normalize(name)
        if any(word in key for word in _NOT_LEDGER):
            continue
        for known in inner:
            if known in key:
                rest = key.replace(known, "", 1)
                if rest and not _names_a_year(rest):
                    found.append(name)
                break
    return found


_TERM = re.compile(r"第\d{1,3}期")


def _names_a_year(rest: str) -> bool:
    """True when what is left of a sheet name is a fiscal year or a term: H18, 2007年度, 第6期."""
    return parse_fiscal_year(rest) is not None or _TERM.fullmatch(rest) is not None


def duplicate_ledgers(path: str, candidates: list[str]) -> Issue:
    """The error for two or more sheets that could each be the ledger."""
    named = " and ".join(f"«{n}»" for n in candidates)
    return error(
        "duplicate-ledger-sheet",
        f"{len(candidates)} sheets could be the ledger: {named}; refusing to pick one",
        Location(path),
        "delete or rename all but one (hide an old version to keep it: hidden sheets are not read)",
    )
