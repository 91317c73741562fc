"""The rows of a statement: what each line holds, and the arithmetic the styles share.

Amounts are yen; the writer converts them to the sheet's unit. Totals are summed from the
rows they cover, so the reader's cross-checks hold exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tlo_cli.model import BALANCE_ITEMS, COUNT_ITEMS
from tlo_cli.render.statement_labels import ITEM_LABELS, WORDS, Lang

Amounts = Mapping[str, Mapping[int, float]]
Series = dict[int, float | None]


class RowKind(StrEnum):
    HEADER = "header"  # a section header: its amount cells stay empty
    AMOUNT = "amount"  # an amount in yen, written in the sheet's unit
    SIGNED = "signed"  # a profit line: negatives as △1,234 (Japanese) or (1,234) (English) text
    COUNT = "count"  # a count, written as it is


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a statement: its label, what it holds and its values by fiscal year."""

    label: str
    kind: RowKind
    values: Series = field(default_factory=dict)
    indent: int = 0
    bold: bool = False


def round_thousand(value: float) -> float:
    """The value rounded to whole thousands of yen."""
    return float(round(value / 1000.0) * 1000)


def income_taxes(ordinary_profit: float) -> float:
    """法人税、住民税及び事業税 of a corporate TLO, a stylised rule.

    ¥70,000 of per-capita inhabitant tax every year, plus 30% of a positive ordinary profit
    rounded to whole thousands of yen.
    """
    return 70_000.0 + round_thousand(0.3 * max(ordinary_profit, 0.0))


def split(series: Mapping[int, float | None], shares: Sequence[float]) -> list[Series]:
    """Split each year's amount into parts by ``shares`` (the last part takes the remainder).

    Parts are whole thousands of yen, never negative for a non-negative amount, and add up
    exactly to the amount (cumulative rounding).
    """
    parts: list[Series] = [{} for _ in range(len(shares) + 1)]
    for fy, value in series.items():
        if value is None:
            for part in parts:
                part[fy] = None
            continue
        sign, total = (-1.0 if value < 0 else 1.0), abs(value)
        previous, cumulative = 0.0, 0.0
        for i, share in enumerate(shares):
            cumulative += share
            bound = min(round_thousand(total * cumulative), total)
            parts[i][fy] = sign * (bound - previous)
            previous = bound
        parts[-1][fy] = sign * (total - previous)
    return parts


def series_of(amounts: Amounts, item: str, years: Sequence[int]) -> Series:
    source = amounts[item]
    return {fy: float(source[fy]) if fy in source else None for fy in years}


def add(*series: Series, sign: Sequence[int] | None = None) -> Series:
    signs = sign or [1] * len(series)
    years = list(series[0]) if series else []
    out: Series = {}
    for fy in years:
        values = [s[fy] for s in series]
        known = [s * v for s, v in zip(signs, values, strict=True) if v is not None]
        out[fy] = sum(known) if known else None
    return out


def profit_row(words: dict[str, str], profit: str, loss: str, values: Series, bold: bool) -> Row:
    """A profit line: its loss label with amounts as losses when every year is a loss."""
    known = [v for v in values.values() if v is not None]
    if known and all(v < 0 for v in known):
        return Row(
            words[loss],
            RowKind.AMOUNT,
            {fy: abs(v) if v is not None else None for fy, v in values.items()},
            bold=bold,
        )
    return Row(words[profit], RowKind.SIGNED, values, bold=bold)


class Builder:
    """Rows in order, with the sums of what has been written so far."""

    def __init__(self, amounts: Amounts, years: Sequence[int], lang: Lang) -> None:
        self.amounts = amounts
        self.years = list(years)
        self.lang = lang
        self.words = WORDS[lang]
        self.rows: list[Row] = []

    def has(self, *items: str) -> bool:
        return any(item in self.amounts for item in items)

    def series(self, item: str) -> Series:
        return series_of(self.amounts, item, self.years)

    def zero(self) -> Series:
        return dict.fromkeys(self.years, 0.0)

    def total(self, items: Sequence[str]) -> Series:
        present = [self.series(i) for i in items if i in self.amounts]
        return add(*present) if present else self.zero()

    def header(self, word: str, indent: int = 0) -> None:
        self.rows.append(Row(self.words[word], RowKind.HEADER, indent=indent, bold=True))

    def line(self, label: str, values: Series, indent: int = 1, bold: bool = False) -> None:
        self.rows.append(Row(label, RowKind.AMOUNT, values, indent=indent, bold=bold))

    def item(self, item: str, label: str | None = None, indent: int = 1) -> None:
        if item in self.amounts:
            self.line(label or ITEM_LABELS[self.lang][item], self.series(item), indent)

    def parts(self, item: str, labels: Sequence[str], shares: Sequence[float], indent: int) -> None:
        """An item written as several rows (給料及び手当, 役員報酬 …) that add up to it."""
        if item not in self.amounts:
            return
        for label, part in zip(labels, split(self.series(item), shares), strict=True):
            self.line(self.words[label], part, indent)

    def balances(self, labels: Mapping[str, str] | None = None) -> None:
        """Net assets, cash and the counts after the statement proper, under 参考情報.

        The memo header ends the statement: a typo in these rows cannot fold into expenses.
        """
        if self.has(*BALANCE_ITEMS, *COUNT_ITEMS):
            self.header("memo")
        for item in BALANCE_ITEMS:
            self.item(item, (labels or {}).get(item), indent=0)
        for item in COUNT_ITEMS:
            if item in self.amounts:
                label = ITEM_LABELS[self.lang][item]
                self.rows.append(Row(label, RowKind.COUNT, self.series(item)))
