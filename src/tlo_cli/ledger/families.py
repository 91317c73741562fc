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
from functools import lru_cache

from tlo_cli.ledger.labels import Catalogue, catalogue, total_base
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

    # Members equal only themselves, so the identity hash (in C) serves: Enum's own __hash__
    # is Python code, called for every `tag in STRUCTURAL` of every line of every ledger.
    __hash__ = object.__hash__


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
    counts_as: tuple[Kind | None, str | None] = (None, None)  # see reconcile.effective
    # a signed line (評価損益, a line of "Other income (expenses)"): (item if gain, item if loss)
    signed: tuple[str, str] = ("one_off_income", "other_expenses")
    excluded: bool = False  # below the ordinary line though it stands above the pre-tax line


def counts_as(node: Node) -> tuple[Kind | None, str | None]:
    """The kind and item a line counts as when it is counted (None: it is never counted)."""
    tag = node.tag
    if tag is Tag.ITEM:
        assert node.item is not None
        kind = ITEM_KIND[node.item]
        return (kind, node.item) if kind in (Kind.REVENUE, Kind.EXPENSE) else (None, None)
    if tag is Tag.SECTION:
        assert node.kind is not None
        return node.kind, node.item or OTHER[node.kind]
    if tag is Tag.UNKNOWN:
        if node.inherit is not None and node.near is None:
            return ITEM_KIND[node.inherit], node.inherit
        if node.section is not None:
            return node.section, OTHER[node.section]
        return None, None
    if tag in (Tag.FINANCING, Tag.CARRY):
        return node.section, None
    if tag is Tag.VALUATION:
        return None, "valuation"
    return None, None


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


def _memo_line(label: str, key: str, cat: Catalogue) -> bool:
    text = label.lstrip()
    if text.startswith(("(内", "（内", "(うち", "（うち")):
        return True
    return any(key.startswith(p) for p in cat.memo_prefixes if len(p) > 1) or (
        key.startswith("内") and len(key) > 1 and text.startswith("内 ")
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


#: What a label means: (tag, item, kind, sign, base, near, enumerator level).
Meaning = tuple[Tag, str | None, Kind | None, int, str | None, str | None, int]


def classify(line: Line, cat: Catalogue, values: list[float]) -> Node:
    """A line's tag from its label and whether it carries amounts (not yet where it stands)."""
    tag, item, kind, sign, base, near, level = meaning(line.label, line.key, line.empty)
    depth = (line.label_col * 2 + line.indent, level)
    return Node(0, line, tag, item, kind, sign, base, near, values, depth)


@lru_cache(maxsize=16384)
def meaning(label: str, key: str, empty: bool) -> Meaning:
    """The classification of a label (cached: statements repeat their labels)."""
    cat = catalogue()
    level = _enumerator_level(label)

    def of(
        tag: Tag,
        item: str | None = None,
        kind: Kind | None = None,
        sign: int = 1,
        base: str | None = None,
        near: str | None = None,
    ) -> Meaning:
        return tag, item, kind, sign, base, near, level

    if not key or key in cat.axis_item or key in cat.axis_year or _note(label):
        return of(Tag.SKIP)
    if _memo_line(label, key, cat):
        return of(Tag.MEMO)
    if key in cat.memo_headers:
        return of(Tag.MEMO_HEADER)
    below_key = key in cat.below_line or (
        "又は" in key and key.split("又は", 1)[0] in cat.below_line
    )
    if empty:
        if below_key or _profit_form(key, cat.ordinary_profit) is not None:
            return of(Tag.BELOW)
        item = cat.items.get(key)
        kind = cat.sections.get(key) or (ITEM_KIND[item] if item else None)
        if kind not in (Kind.REVENUE, Kind.EXPENSE):
            kind, item = None, None
        return of(Tag.HEADER, item, kind)
    if key in cat.items or (key.endswith("等") and key[:-1] in cat.items):  # 人件費等
        item = cat.items[key if key in cat.items else key[:-1]]
        return of(Tag.ITEM, item, ITEM_KIND[item])
    if key in cat.before_valuation:
        return of(Tag.BEFORE_VALUATION)
    if key in cat.valuation_totals:
        return of(Tag.VALUATION_TOTAL)
    if key in cat.valuation:
        return of(Tag.VALUATION)
    sign = _profit_form(key, cat.ordinary_profit)
    if sign is not None:
        return of(Tag.ORDINARY_PROFIT, sign=sign)
    if below_key:
        return of(Tag.BELOW)
    sign = _profit_form(key, cat.profit_subtotals)
    if sign is not None:
        return of(Tag.SUBTOTAL, sign=sign)
    if key in cat.financing:
        return of(Tag.FINANCING)
    if key in cat.carry:
        return of(Tag.CARRY)
    if key in cat.sections:
        return of(Tag.SECTION, cat.section_items.get(key), cat.sections[key])
    base = key[:-2] if key.endswith("総額") else total_base(key)
    if base is not None:
        return of(Tag.TOTAL, kind=cat.total_bases.get(base), base=base)
    return of(Tag.UNKNOWN, near=cat.near_miss(key))
