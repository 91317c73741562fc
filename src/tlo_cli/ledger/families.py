"""What each line of a published statement is, from its label: the statement families' rules.

The families (株式会社 損益計算書, 正味財産増減計算書, 収支計算書, 国立大学法人 損益計算書, English
reports) share one vocabulary, kept as data in ``labels.toml``: items, section names, totals,
the stated ordinary profit and the subtotals above it, valuation lines, cash-basis lines that
are neither revenue nor expense, lines below the ordinary line and memo lines. A line is
classified on its own here; where it stands (its parent, its section, whether its amounts
total others) is decided by :mod:`tlo_cli.ledger.tree` and :mod:`tlo_cli.ledger.reconcile`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import Enum, auto

from tlo_cli.ledger.labels import Catalogue, total_base
from tlo_cli.ledger.layout import Line
from tlo_cli.model import ITEM_KIND, Kind

OTHER = {Kind.REVENUE: "other_income", Kind.EXPENSE: "other_expenses"}


class Tag(Enum):
    SKIP = auto()  # axis headers, empty labels
    MEMO = auto()  # "of which" lines: never added
    MEMO_HEADER = auto()  # 参考情報: from here on only balance and activity items
    HEADER = auto()  # no amounts: a section, a parent of items, or an unknown heading
    ITEM = auto()
    SECTION = auto()  # a section name with amounts: an item, or a total of lines above/below
    TOTAL = auto()  # a stated total (…計, …合計, total …)
    VALUATION_TOTAL = auto()  # 評価損益等計
    SUBTOTAL = auto()  # 営業利益, 売上総利益, 当期収支差額: revenue − expenses so far
    BEFORE_VALUATION = auto()  # 評価損益等調整前当期経常増減額
    ORDINARY_PROFIT = auto()  # the stated ordinary profit
    VALUATION = auto()  # 基本財産評価損益等: a loss is an expense, a gain one-off income
    FINANCING = auto()  # 借入金収入 …: in the statement's totals, never revenue or expense
    CARRY = auto()  # 前期繰越収支差額: in the section totals only
    BELOW = auto()  # below the ordinary line
    UNKNOWN = auto()


#: Tags that end a run of lines (a section total's range, a parent's breakdown).
STRUCTURAL = frozenset(
    {
        Tag.MEMO_HEADER,
        Tag.HEADER,
        Tag.SECTION,
        Tag.TOTAL,
        Tag.VALUATION_TOTAL,
        Tag.SUBTOTAL,
        Tag.BEFORE_VALUATION,
        Tag.ORDINARY_PROFIT,
        Tag.BELOW,
    }
)


@dataclass(slots=True)
class Node:
    """One source line, classified, with its amounts in yen for every fiscal year."""

    index: int
    line: Line
    tag: Tag
    item: str | None = None
    kind: Kind | None = None  # a section's or an item's kind
    sign: int = 1  # -1 for a subtotal named as a loss (営業損失)
    base: str | None = None  # what a total totals (経常収益 for 経常収益計)
    near: str | None = None  # the accepted label a near-miss resembles
    values: list[float] = field(default_factory=list)
    depth: tuple[int, int] = (0, 0)
    # set by the tree
    section: Kind | None = None
    below: bool = False
    memo: bool = False
    parent: int | None = None  # the header or parent line it stands under
    inherit: str | None = None  # the item of an item-named header above it
    children_end: int = 0  # for a parent with amounts: one past its breakdown


def _enumerator_level(label: str) -> int:
    """How deep an enumerator nests: Ⅰ 0, 1. 1, (1) 2, ① 3, ア 4, none 5."""
    text = label.lstrip(" \u3000\t")
    if not text:
        return 5
    head = text[0]
    if "\u2160" <= head <= "\u217f":  # Ⅰ Ⅱ …
        return 0
    if "\u2460" <= head <= "\u2473":  # ① …
        return 3
    if head in "(（":
        return 2
    nfkc = unicodedata.normalize("NFKC", text[:3])
    if nfkc[:1].isdigit():
        return 1
    if "\u30a2" <= head <= "\u30f3" and len(text) > 1 and text[1] in ".．、 \u3000":
        return 4
    return 5


def _memo_line(line: Line, cat: Catalogue) -> bool:
    text = line.label.lstrip()
    if text.startswith(("(内", "（内", "(うち", "（うち")):
        return True
    return any(line.key.startswith(p) for p in cat.memo_prefixes if len(p) > 1) or (
        line.key.startswith("内") and len(line.key) > 1 and text.startswith("内 ")
    )


def _note(label: str) -> bool:
    """A note under or beside the statement: (注) …, ※ …."""
    return label.lstrip().startswith(("(注", "（注", "注)", "注記", "※"))


def _profit_form(key: str, table: dict[str, int]) -> int | None:
    """The sign of a profit line written X又はY (営業利益又は営業損失): X's."""
    if key in table:
        return table[key]
    if "又は" in key:
        head = key.split("又は", 1)[0]
        if head in table:
            return table[head]
    return None


def classify(line: Line, cat: Catalogue, values: list[float]) -> Node:
    """A line's tag from its label and whether it carries amounts (not yet where it stands)."""
    key = line.key
    depth = (line.label_col * 2 + line.indent, _enumerator_level(line.label))

    def node(tag: Tag, **kw: object) -> Node:
        return Node(0, line, tag, values=values, depth=depth, **kw)  # type: ignore[arg-type]

    if not key or key in cat.axis_item or key in cat.axis_year or _note(line.label):
        return node(Tag.SKIP)
    if _memo_line(line, cat):
        return node(Tag.MEMO)
    if key in cat.memo_headers:
        return node(Tag.MEMO_HEADER)
    below_key = key in cat.below_line or (
        "又は" in key and key.split("又は", 1)[0] in cat.below_line
    )
    if line.empty:
        if below_key or _profit_form(key, cat.ordinary_profit) is not None:
            return node(Tag.BELOW)
        item = cat.items.get(key)
        kind = cat.sections.get(key) or (ITEM_KIND[item] if item else None)
        if kind not in (Kind.REVENUE, Kind.EXPENSE):
            kind, item = None, None
        return node(Tag.HEADER, kind=kind, item=item)
    if key in cat.items:
        item = cat.items[key]
        return node(Tag.ITEM, item=item, kind=ITEM_KIND[item])
    if key in cat.before_valuation:
        return node(Tag.BEFORE_VALUATION)
    if key in cat.valuation_totals:
        return node(Tag.VALUATION_TOTAL)
    if key in cat.valuation:
        return node(Tag.VALUATION)
    sign = _profit_form(key, cat.ordinary_profit)
    if sign is not None:
        return node(Tag.ORDINARY_PROFIT, sign=sign)
    if below_key:
        return node(Tag.BELOW)
    sign = _profit_form(key, cat.profit_subtotals)
    if sign is not None:
        return node(Tag.SUBTOTAL, sign=sign)
    if key in cat.financing:
        return node(Tag.FINANCING)
    if key in cat.carry:
        return node(Tag.CARRY)
    if key in cat.sections:
        return node(Tag.SECTION, kind=cat.sections[key], item=cat.section_items.get(key))
    base = key[:-2] if key.endswith("総額") else total_base(key)
    if base is not None:
        return node(Tag.TOTAL, base=base, kind=cat.total_bases.get(base))
    return node(Tag.UNKNOWN, near=cat.near_miss(key))
