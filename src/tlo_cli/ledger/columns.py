"""The amount columns under a header row: which fiscal year each one is, and which are skipped.

A header may take one to three rows (前事業年度 over (自 … 至 …), 平成19年度 over 4月 … 3月), and a
merged header cell speaks for every column it spans. A column's fiscal year comes, in order,
from its own header, then from a period in the title rows (which names the current period),
then from the sheet's name, then from the profile's ``fiscal_year`` (docs/ledger-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tlo_cli.ledger.cells import is_text, nonempty
from tlo_cli.ledger.labels import catalogue, normalize
from tlo_cli.ledger.periods import (
    Head,
    HeadKind,
    current_fiscal_year,
    dates_in,
    fy_of_month,
    fy_of_period_end,
    head_of,
    norm,
    title_head,
)
from tlo_cli.ledger.read import Sheet, cell_ref

#: Kinds that name (or stand for) a period.
PERIODIC = frozenset(
    {
        HeadKind.PERIOD,
        HeadKind.BARE,
        HeadKind.RELATIVE,
        HeadKind.ORDINAL,
        HeadKind.AMOUNT,
        HeadKind.MONTH,
    }
)
_RANK = {
    HeadKind.PERIOD: 0,
    HeadKind.BARE: 1,
    HeadKind.RELATIVE: 2,
    HeadKind.ORDINAL: 3,
    HeadKind.MONTH: 4,
    HeadKind.AMOUNT: 5,
    HeadKind.INNER: 6,
    HeadKind.TOTAL: 7,
    HeadKind.CODE: 8,
    HeadKind.SKIP: 9,
    HeadKind.CAPTION: 10,
}


@dataclass(frozen=True, slots=True)
class Column:
    """One fiscal year's amounts: the columns summed (one, or twelve months), inner or outer."""

    fy: int
    cols: tuple[int, ...]
    cell: str  # the header cell that names the year
    outer: bool = False
    total_col: int | None = None  # a 合計 column checked against the months' sum


@dataclass(frozen=True, slots=True)
class Hint:
    """A fiscal year known from outside the header: the title rows, the sheet name, the profile."""

    fy: int
    where: str  # a cell, "sheet name …" or "profile fiscal_year"


@dataclass(slots=True)
class Found:
    """The result of reading the header: columns, skipped columns and problems as tuples."""

    columns: list[Column] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)  # code, msg, cell, hint
    warnings: list[tuple[str, str, str]] = field(default_factory=list)  # code, message, cell
    partial: set[int] = field(default_factory=set)


def is_fragment(value: Any) -> bool:
    """A header cell part: a period, its dates, or words such as 当事業年度 or 内訳."""
    if not is_text(value):
        return False
    text = norm(value)
    if text.startswith(("自", "至", "(自", "(至", "from", "to", "~", "〜")) and any(
        ch.isdigit() for ch in text
    ):
        return True  # one end of a period: 自 平成19年4月1日, to March 31, 2008
    if len(dates_in(text)) == 1:
        return False  # a single date (of a notice, of a balance) is no period
    head = head_of(value)
    return head is not None and head.kind in PERIODIC | {HeadKind.INNER, HeadKind.CAPTION}


def _label_heading(value: Any) -> bool:
    """科目, Item, 区分 …: the heading of the label column."""
    cat = catalogue()
    return is_text(value) and (
        normalize(str(value)) in cat.axis_item or normalize(str(value)) in cat.axis_year
    )


def band_rows(sheet: Sheet, r: int, first_col: int) -> list[int]:
    """The header row and the rows just above and below it that continue its cells."""

    def continues(i: int) -> bool:
        if not 0 <= i < sheet.height:
            return False
        cells = nonempty(sheet.rows[i])
        return any(c >= first_col for c, _ in cells) and all(
            is_fragment(v) if c >= first_col else _label_heading(v) for c, v in cells
        )

    rows = [r]
    for step in (-1, 1):
        i = r + step
        while len(rows) < 4 and continues(i) and abs(i - r) <= 2:
            rows.append(i)
            i += step
    return sorted(rows)


def column_texts(sheet: Sheet, rows: list[int], first_col: int) -> dict[int, list[tuple[int, Any]]]:
    """Column → its (row, value) header parts in the band; a merged cell fills its whole span."""
    spans: dict[tuple[int, int], Any] = {}
    for (r0, c0), (r1, c1) in sheet.merged:
        if c1 > c0 and r0 in rows and c0 >= first_col:
            for r in range(r0, r1 + 1):
                for c in range(c0 + 1, c1 + 1):
                    spans[(r, c)] = sheet.value(r0, c0)
    out: dict[int, list[tuple[int, Any]]] = {}
    for r in rows:
        for c in range(first_col, len(sheet.rows[r])):
            value = spans.get((r, c), sheet.value(r, c))
            if value != "" and (not isinstance(value, str) or value.strip()):
                out.setdefault(c, []).append((r, value))
    return out


def merged_groups(sheet: Sheet, rows: list[int], first_col: int) -> dict[int, int]:
    """Column → the first column of a merged header cell over it (for columns it spans)."""
    group: dict[int, int] = {}
    for (r0, c0), (_r1, c1) in sheet.merged:
        if c1 > c0 and r0 in rows and c0 >= first_col:
            for c in range(c0, c1 + 1):
                group[c] = c0
    return group


def best_head(parts: list[tuple[int, Any]]) -> tuple[Head | None, int, str]:
    """The head of a column from its parts: all parts read together, else the strongest part."""
    texts = [str(v) for _, v in parts]
    joined = " ".join(texts)
    if len(parts) > 1:
        head = head_of(joined)
        if head is not None and head.kind is HeadKind.PERIOD:
            return head, parts[-1][0], joined
    heads = [(head_of(v), r) for r, v in parts]
    known = [(h, r) for h, r in heads if h is not None]
    if not known:
        return None, parts[-1][0], joined
    month = next(((h, r) for h, r in known if h.kind is HeadKind.MONTH and not h.year), None)
    year = next((h.fy for h, _ in known if h.kind in (HeadKind.PERIOD, HeadKind.BARE)), None)
    if month is not None and year is not None:  # 平成19年度 over 4月 … 3月
        m = month[0].month
        return Head(HeadKind.MONTH, year=year if m >= 4 else year + 1, month=m), month[1], joined
    head, r = min(known, key=lambda hr: _RANK[hr[0].kind])
    return head, r, joined


def title_hint(sheet: Sheet, above: int) -> tuple[Hint | None, Head | None]:
    """The period named in the title rows (rows above the header): a year, and a caption."""
    hint: Hint | None = None
    caption: Head | None = None
    for r in range(min(above, sheet.height)):
        for c, value in nonempty(sheet.rows[r]):
            head = title_head(value)
            if head is None:
                continue
            if head.kind is HeadKind.CAPTION:
                caption = caption or head
            elif hint is None and head.fy is not None:
                hint = Hint(head.fy, f"the title at {cell_ref(r, c)}")
    return hint, caption


def relative_offset(text: str) -> int | None:
    head = head_of(text.split("(")[0].split("（")[0].split("\n")[0])
    return head.offset if head is not None and head.kind is HeadKind.RELATIVE else None


def base_year(
    header_dated: list[tuple[int, int]],
    hints: list[Hint],
    found: Found,
    cell: str,
) -> int | None:
    """The current period's fiscal year: dated relative headers, else the first hint, checked."""
    if header_dated:
        return header_dated[0][0] - header_dated[0][1]
    if not hints:
        found.problems.append(
            (
                "period-without-year",
                "the columns name periods (前期/当期, 第N期 or 金額) but no fiscal year",
                cell,
                "add the period (自 2007年4月1日 至 2008年3月31日) to the title, "
                "or fiscal_year (決算年度) to the profile",
            )
        )
        return None
    first = hints[0]
    for other in hints[1:]:
        if other.fy != first.fy:
            found.problems.append(
                (
                    "fiscal-year-conflict",
                    f"{first.where} names FY{first.fy} but {other.where} names FY{other.fy}",
                    cell,
                    "make the title, the sheet name and the profile agree",
                )
            )
            return None
    return first.fy


def check_years(found: Found, heads: dict[int, tuple[Head, str]]) -> None:
    """Future years and impossible era years are refused; periods not of 12 months warn."""
    now = current_fiscal_year()
    first = min((col.fy for col in found.columns), default=None)
    seen: set[int] = set()
    for col in found.columns:
        if col.fy in seen:
            continue  # the outer column of a period already checked
        seen.add(col.fy)
        head, _ = heads.get(col.cols[0], (None, ""))
        bad = [heads[c] for c in col.cols if c in heads and heads[c][0].problem]
        if bad:  # 平成0年, H32: an era year that does not exist, on its own cell
            found.problems.append(
                ("invalid-fiscal-year", bad[0][0].problem, bad[0][1], "correct the year")
            )
        elif col.fy > now:
            found.problems.append(
                (
                    "future-fiscal-year",
                    f"FY{col.fy} is later than the current fiscal year {now}",
                    col.cell,
                    "correct the year (a typo?)",
                )
            )
        if head is not None and head.months is not None and not 11 <= head.months <= 13:
            if col.fy == first and head.months < 11:
                found.partial.add(col.fy)
            else:
                found.warnings.append(
                    (
                        "period-length",
                        f"the period is {head.months} months, not 12",
                        col.cell,
                    )
                )


def monthly_columns(
    months: list[tuple[int, Head, str]], base: int | None, found: Found
) -> dict[int, list[tuple[int, str]]]:
    """Fiscal year → its month columns; a year without all twelve months is an error."""
    by_fy: dict[int, dict[int, tuple[int, str]]] = {}
    for c, head, cell in months:
        year = head.year
        if not year:
            if base is None:
                continue
            year = base if head.month >= 4 else base + 1
        by_fy.setdefault(fy_of_month(year, head.month), {})[head.month] = (c, cell)
    out: dict[int, list[tuple[int, str]]] = {}
    for fy, cols in sorted(by_fy.items()):
        missing = [m for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3) if m not in cols]
        if missing:
            first_cell = min(cols.values())[1]
            found.problems.append(
                (
                    "missing-months",
                    f"FY{fy} has {12 - len(missing)} months; missing "
                    + ", ".join(f"{m}月" for m in missing),
                    first_cell,
                    "give all twelve months, or a column per fiscal year",
                )
            )
            continue
        out[fy] = sorted(cols.values())
    return out


def end_year(head: Head, caption: Head | None) -> int:
    assert head.fy is not None
    if caption is not None and head.kind is HeadKind.BARE:
        return fy_of_period_end(head.fy, caption.month)
    return head.fy
