"""A header row (and the rows that continue it) → the fiscal year of every amount column.

Periods named by the header itself come first; relative (前期/当期), ordinal (第N期) and
one-period (金額) headings take their year from a dated heading beside them, else from the
title rows, the sheet name or the profile (docs/ledger-format.md, "Where a year comes from").
Columns that are not periods are skipped and listed; a 合計 beside monthly columns is checked
against their sum; the columns under one merged period heading are its inner and outer columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tlo_cli.ledger.cells import nonempty
from tlo_cli.ledger.columns import (
    PERIODIC,
    Column,
    Found,
    Hint,
    band_rows,
    base_year,
    best_head,
    check_years,
    column_texts,
    end_year,
    merged_groups,
    monthly_columns,
    relative_offset,
    title_hint,
)
from tlo_cli.ledger.periods import Head, HeadKind, fy_of_month, head_of, is_currency
from tlo_cli.ledger.read import Sheet, cell_ref


def read_columns(
    sheet: Sheet, r: int, label_col_end: int, hints: Sequence[Hint]
) -> tuple[int, Found]:
    """The last header row, and the columns under the header found at row ``r``."""
    rows = band_rows(sheet, r, label_col_end)
    parts = column_texts(sheet, rows, label_col_end)
    found = Found()
    years = _plain_years(sheet, rows, parts)
    if years is not None and not _currency_captions(sheet, min(rows), label_col_end):
        # The common header: one row of year numbers, nothing merged. What the general
        # reading below gives for it: each column its own period, the year of its number.
        _, caption = title_hint(sheet, min(rows))
        plain = {c: (head, cell_ref(r, c)) for c, head in years.items()}
        found.columns = [Column(end_year(h, caption), (c,), cell) for c, (h, cell) in plain.items()]
        return _finish(sheet, rows, label_col_end, parts, found, plain)
    groups = merged_groups(sheet, rows, label_col_end)
    heads: dict[int, tuple[Head, str]] = {}
    texts: dict[int, str] = {}
    for c, col_parts in sorted(parts.items()):
        head, hr, text = best_head(col_parts)
        cell = cell_ref(hr, c)
        texts[c] = text
        if head is None:
            found.skipped.append((cell, text, "not a period"))
            continue
        heads[c] = (head, cell)
    for c, caption_cell in _currency_captions(sheet, min(rows), label_col_end).items():
        if c in heads:
            heads[c] = (Head(HeadKind.SKIP, reason="a currency other than yen"), heads[c][1])
            texts[c] = f"{texts[c]} ({caption_cell})"
    title, caption = title_hint(sheet, min(rows))
    if caption is None:  # "Years ended March 31" over some of the year headings
        caption = next(
            (
                head
                for col_parts in parts.values()
                for _, value in col_parts
                if (head := head_of(value)) is not None and head.kind is HeadKind.CAPTION
            ),
            None,
        )
    outside = ([title] if title else []) + list(hints)
    for c, (head, cell) in heads.items():
        if head.kind in (HeadKind.SKIP, HeadKind.CODE):
            found.skipped.append((cell, texts[c], head.reason))
    months = [(c, h, cell) for c, (h, cell) in heads.items() if h.kind is HeadKind.MONTH]
    if len(months) >= 3:  # 2007/08 is August 2007 among months, else FY2007
        months = []
        fy: int | None = None  # the year caption over the months so far (平成19年度 over 4月)
        for c, (h, cell) in sorted(heads.items()):
            if not h.month or not (h.kind is HeadKind.MONTH or h.year):
                continue
            year = h.year
            if year:
                fy = fy_of_month(year, h.month)
            elif fy is not None:
                year = fy if h.month >= 4 else fy + 1
            head = Head(HeadKind.MONTH, year=year, month=h.month, problem=h.problem)
            heads[c] = (head, cell)
            months.append((c, head, cell))
        _monthly(heads, texts, months, outside, found)
    else:
        _periods(heads, texts, groups, outside, caption, found)
    return _finish(sheet, rows, label_col_end, parts, found, heads)


def _finish(
    sheet: Sheet,
    rows: list[int],
    label_col_end: int,
    parts: dict[int, Any],
    found: Found,
    heads: dict[int, tuple[Head, str]],
) -> tuple[int, Found]:
    found.columns.sort(key=lambda col: (col.cols[0], col.outer))
    _unheaded_partner(sheet, max(rows), label_col_end, parts, found)
    _duplicates(found)
    check_years(found, heads)
    return max(rows), found


def _plain_years(
    sheet: Sheet, rows: list[int], parts: dict[int, list[tuple[int, Any]]]
) -> dict[int, Head] | None:
    """Column → head, in column order, when the header is one row of year numbers (2001,
    2002 …) and the sheet merges no cell; else None."""
    if len(rows) != 1 or sheet.merged or not parts:
        return None
    years: dict[int, Head] = {}
    for c, col_parts in sorted(parts.items()):
        if len(col_parts) != 1:
            return None
        value = col_parts[0][1]
        if type(value) is not float and type(value) is not int:
            return None
        head = head_of(value)
        if head is None or head.kind is not HeadKind.BARE:
            return None
        years[c] = head
    return years


def _currency_captions(sheet: Sheet, top: int, label_col_end: int) -> dict[int, str]:
    """Columns under a caption such as "Thousands of U.S. dollars" in the two rows above the
    header: column → the caption's text. A caption spans its columns up to the next caption."""
    out: dict[int, str] = {}
    for r in range(max(0, top - 2), top):
        captions = [(c, v) for c, v in nonempty(sheet.rows[r]) if c >= label_col_end]
        if not any(is_currency(v) for _, v in captions):
            continue
        ends = [c for c, _ in captions[1:]] + [sheet.width]
        for (c, value), end in zip(captions, ends, strict=True):
            if is_currency(value):
                for col in range(c, end):
                    out[col] = str(value)
    return out


def _numbers_below(sheet: Sheet, header_row: int, c: int) -> bool:
    return any(type(sheet.value(r, c)) is float for r in range(header_row + 1, sheet.height))


def _unheaded_partner(
    sheet: Sheet, header_row: int, label_col_end: int, parts: dict[int, Any], found: Found
) -> None:
    """One period's column with amounts beside it under no heading: inner and outer columns."""
    if len(found.columns) != 1 or len(found.columns[0].cols) != 1:
        return
    col = found.columns[0]
    c = col.cols[0]
    for other in (c - 1, c + 1):
        if (
            other >= label_col_end
            and other not in parts
            and _numbers_below(sheet, header_row, other)
        ):
            inner, outer = sorted((c, other))
            found.columns = [
                Column(col.fy, (inner,), col.cell),
                Column(col.fy, (outer,), col.cell, outer=True),
            ]
            return


def _monthly(
    heads: dict[int, tuple[Head, str]],
    texts: dict[int, str],
    months: list[tuple[int, Head, str]],
    outside: list[Hint],
    found: Found,
) -> None:
    base = None
    if any(not h.year for _, h, _ in months):
        base = base_year([], outside, found, months[0][2])
    by_fy = monthly_columns(months, base, found)
    for c, (head, cell) in heads.items():
        if head.kind is HeadKind.TOTAL:
            left = [fy for fy, cols in by_fy.items() if cols[-1][0] < c]
            if left:
                fy = max(left, key=lambda y: by_fy[y][-1][0])
                cols = by_fy.pop(fy)
                found.columns.append(Column(fy, tuple(x for x, _ in cols), cols[0][1], False, c))
            found.skipped.append((cell, texts[c], "the total of the months, checked"))
        elif head.kind not in (HeadKind.MONTH, HeadKind.SKIP, HeadKind.CODE):
            found.skipped.append((cell, texts[c], "not a month"))
    for fy, cols in by_fy.items():
        found.columns.append(Column(fy, tuple(x for x, _ in cols), cols[0][1]))


def _periods(
    heads: dict[int, tuple[Head, str]],
    texts: dict[int, str],
    groups: dict[int, int],
    outside: list[Hint],
    caption: Head | None,
    found: Found,
) -> None:
    # Group the columns of each period: a merged heading, or 内訳 beside its period.
    group_of: dict[int, int] = {}
    spans: dict[int, set[Head]] = {}
    for c, g in groups.items():
        if c in heads:
            spans.setdefault(g, set()).add(heads[c][0])
    for c, (head, _) in heads.items():
        if head.kind in PERIODIC or head.kind in (HeadKind.INNER, HeadKind.TOTAL):
            g = groups.get(c, c)
            # a caption merged over several years (実績 over 2006 | 2007) is no period's heading
            group_of[c] = g if len(spans.get(g, ())) <= 1 else c
    for c, (head, _) in heads.items():
        if head.kind is HeadKind.INNER and groups.get(c) is None:
            partner = next(
                (p for p in (c + 1, c - 1) if p in heads and heads[p][0].kind in PERIODIC), None
            )
            if partner is not None:
                group_of[c] = min(c, partner)
                group_of[partner] = min(c, partner)
    members: dict[int, list[int]] = {}
    for c, g in sorted(group_of.items()):
        members.setdefault(g, []).append(c)
    periodic: dict[int, tuple[Head, str, str]] = {}
    seen_periods = 0
    for g, cols in sorted(members.items()):
        head_col = next((c for c in cols if heads[c][0].kind in PERIODIC), None)
        if head_col is None:
            head, cell = heads[cols[0]]
            reason = "a total of the periods" if seen_periods >= 2 else "not a period"
            found.skipped.append((cell, texts[cols[0]], reason))
            continue
        seen_periods += 1
        head, cell = heads[head_col]
        periodic[g] = (head, cell, texts[head_col])
    dated = [
        (head.fy, off)
        for head, _, text in periodic.values()
        if head.kind is HeadKind.PERIOD
        and head.fy is not None
        and (off := relative_offset(text)) is not None
    ]
    ordinals = [(h.fy, h.ordinal) for h, _, _ in periodic.values() if h.ordinal and h.fy]
    needs_base = [
        (h, cell)
        for h, cell, _ in periodic.values()
        if h.kind in (HeadKind.RELATIVE, HeadKind.ORDINAL, HeadKind.AMOUNT)
        or (h.kind is HeadKind.MONTH and h.fy is None)
    ]
    base = None
    if needs_base and not (ordinals and all(h.kind is HeadKind.ORDINAL for h, _ in needs_base)):
        base = base_year(dated, outside, found, needs_base[0][1])
    top = max((h.ordinal for h, _, _ in periodic.values() if h.ordinal), default=0)
    amounts = sum(h.kind is HeadKind.AMOUNT for h, _, _ in periodic.values())
    for g, (head, cell, _) in periodic.items():
        fy: int | None
        if head.kind is HeadKind.RELATIVE:
            fy = None if base is None else base + head.offset
        elif head.kind is HeadKind.ORDINAL:
            if ordinals:
                fy0, n0 = ordinals[0]
                fy = fy0 - n0 + head.ordinal
            else:
                fy = None if base is None else base - (top - head.ordinal)
        elif head.kind is HeadKind.AMOUNT:
            fy = base if amounts == 1 else None
            if (
                amounts > 1
                and base is not None
                and not any(p[0] == "period-without-year" for p in found.problems)
            ):
                found.problems.append(
                    (
                        "period-without-year",
                        "several amount columns and no fiscal year over them",
                        cell,
                        "head each column with its fiscal year",
                    )
                )
        elif head.fy is not None:
            fy = end_year(head, caption)
        else:
            fy = None
        if fy is None:
            continue
        cols = members[g]
        if len(cols) == 1:
            found.columns.append(Column(fy, (cols[0],), cell))
        else:
            found.columns += [Column(fy, (c,), cell, outer=c == cols[-1]) for c in cols]


def _duplicates(found: Found) -> None:
    """Two periods in one fiscal year: an error; the second is dropped."""
    first: dict[int, str] = {}
    kept: list[Column] = []
    for col in found.columns:
        other = first.get(col.fy)
        if other is not None and other != col.cell:
            found.problems.append(
                (
                    "duplicate-fiscal-year",
                    f"fiscal year {col.fy} appears twice (also {other})",
                    col.cell,
                    "each fiscal year may appear once",
                )
            )
            continue
        first.setdefault(col.fy, col.cell)
        kept.append(col)
    found.columns = kept
