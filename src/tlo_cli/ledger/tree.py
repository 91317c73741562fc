"""A statement's lines as a tree: sections, parents, items, stated totals and what they total.

Depth comes from the label's column and indentation (a full-width space counts 2), then from
its enumerator (Ⅰ, 1., (1), ①, ア). A line with amounts whose next lines stand deeper is a
parent of that breakdown; a header without amounts named as an item (受取補助金等) passes its
item to the unknown lines under it. A line that can be read two ways gets its readings here;
:mod:`tlo_cli.ledger.reconcile` chooses among them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tlo_cli.ledger.families import STRUCTURAL, Node, Tag, counts_as
from tlo_cli.ledger.labels import Catalogue
from tlo_cli.model import Kind

_PL = (Kind.REVENUE, Kind.EXPENSE)
ORDINARY = frozenset({Tag.ITEM, Tag.UNKNOWN, Tag.VALUATION, Tag.FINANCING, Tag.CARRY})


@dataclass(frozen=True, slots=True)
class Span:
    """A stated total's reading: the lines [start, end) it totals and of which kind.

    ``kind`` None totals revenue − expenses (a profit line, 評価損益等計). ``mode`` says which
    lines count: "total" (every leaf, carried-over balances too), "profit" (no carried-over
    balances) or "ordinary" (revenue and expenses only).
    """

    start: int
    end: int
    kind: Kind | None
    mode: str = "total"


@dataclass(slots=True)
class Ambiguous:
    """A line with two or more readings: None (an item) or the span it totals."""

    index: int
    readings: list[Span | None]
    scope: int  # the index of the enclosing header or parent, -1 for the statement
    depth: tuple[int, int]


@dataclass(slots=True)
class Tree:
    nodes: list[Node]
    fixed: dict[int, Span] = field(default_factory=dict)  # totals with one reading
    ambiguous: list[Ambiguous] = field(default_factory=list)


def _close(stack: list[Node], node: Node) -> None:
    if node.tag in (Tag.TOTAL, Tag.SUBTOTAL, Tag.ORDINARY_PROFIT, Tag.BEFORE_VALUATION):
        stack.clear()
        return
    structural = node.tag in STRUCTURAL
    while stack:
        top = stack[-1]
        if top.tag is Tag.HEADER:
            closes = top.depth > node.depth or (structural and top.depth >= node.depth)
        else:  # a line with amounts: its breakdown stands deeper
            closes = top.depth >= node.depth or (structural and node.tag is not Tag.HEADER)
        if not closes:
            break
        stack.pop()


def build(nodes: list[Node], cat: Catalogue, unit_yen: float) -> Tree:
    """Sections, parents and the readings of every total and ambiguous line."""
    section: Kind | None = None
    below = memo = net = balance_sheet = False
    stack: list[Node] = []  # open headers and parents, outermost first
    for node in nodes:
        if node.tag is Tag.SKIP:
            continue
        if node.tag is Tag.MEMO_HEADER:
            memo = True
        if node.line.key in cat.balance_sheet:  # a 貸借対照表 on the same sheet: read as memo
            balance_sheet = True
        elif node.tag in (Tag.HEADER, Tag.SECTION) and node.kind in _PL:
            balance_sheet = False
        pretax = False
        if not below and not memo:
            if node.tag is Tag.BELOW and node.line.key in cat.pretax and not node.line.empty:
                node.tag, pretax, net = Tag.SUBTOTAL, True, False  # no ordinary line
            elif net and node.tag in (Tag.ITEM, Tag.UNKNOWN, Tag.BELOW) and not node.line.empty:
                _net_line(node, cat)
            elif node.tag is Tag.HEADER and node.line.key in cat.net_sections:
                net, section = True, None
            elif node.tag in STRUCTURAL:
                net = False
        _close(stack, node)
        if node.tag in (Tag.HEADER, Tag.SECTION) and node.kind is not None:
            section = node.kind
        node.section, node.below, node.memo = section, below, memo or balance_sheet
        if stack:
            node.parent = stack[-1].index
            node.inherit = next(
                (
                    s.item
                    for s in reversed(stack)
                    if s.item and s.tag is not Tag.SECTION and s.kind in _PL
                ),
                None,
            )
        if node.tag in (Tag.HEADER, Tag.ITEM, Tag.UNKNOWN, Tag.SECTION):
            stack.append(node)
        elif node.tag in (Tag.ORDINARY_PROFIT, Tag.BELOW) or pretax:
            below = True
    tree = Tree(nodes)
    live = [n for n in nodes if n.tag is not Tag.SKIP and not n.below and not n.memo]
    items = Counter(n.line.key for n in live if n.tag is Tag.ITEM)  # only ever fewer later
    for pos in range(len(live)):
        _readings(tree, live, pos, cat, unit_yen, items)
    for node in nodes:
        node.counts_as = counts_as(node)
    return tree


def _net_line(node: Node, cat: Catalogue) -> None:
    """A line of "Other income (expenses)": income if positive, an expense if negative.

    Gains and losses on sale, disposal or retirement, impairments and extraordinary or special
    items are below the ordinary line in Japanese GAAP: checked against the pre-tax line, never
    counted in revenue or expenses. An expense item written negative (in parentheses) is an
    expense of that size.
    """
    key = node.line.key
    excluded = node.tag is Tag.BELOW or any(p in key for p in cat.below_ordinary)
    if node.tag is Tag.ITEM and not excluded:
        if node.kind is Kind.EXPENSE:
            node.values = [abs(v) for v in node.values]
        return
    node.tag = Tag.VALUATION
    node.signed = ("other_income", "other_expenses")
    node.excluded = excluded
    node.kind = None


def _breakdown(live: list[Node], pos: int) -> int:
    """One past the last line of the deeper-standing breakdown after live[pos] (0 if none)."""
    parent = live[pos]
    end = 0
    for later in live[pos + 1 :]:
        if (later.tag in STRUCTURAL and later.tag is not Tag.HEADER) or later.depth <= parent.depth:
            break
        end = later.index + 1
    return end


def _has(nodes: list[Node], start: int, end: int, kind: Kind | None) -> bool:
    return any(
        n.tag in ORDINARY and (kind is None or n.kind in (kind, None))
        for n in nodes[start:end]
        if not n.below
    )


def _prefix(live: list[Node], pos: int, tolerance: float) -> int:
    """The end of the shortest run of lines after live[pos] that sums to it every year."""
    parent = live[pos]
    sums = [0.0] * len(parent.values)
    for count, later in enumerate(live[pos + 1 :], start=1):
        if later.tag not in ORDINARY or later.kind not in (parent.kind, None):
            break
        sums = [s + v for s, v in zip(sums, later.values, strict=True)]
        if all(abs(s - v) <= tolerance * count for s, v in zip(sums, parent.values, strict=True)):
            return later.index + 1
    return 0


def _twin(live: list[Node], pos: int) -> Node | None:
    """An earlier line of the same section with the same label and the same amounts."""
    node = live[pos]
    for earlier in reversed(live[:pos]):
        if earlier.tag in STRUCTURAL:
            return None
        if (
            earlier.tag is Tag.ITEM
            and earlier.line.key == node.line.key
            and earlier.parent == node.parent
            and earlier.values == node.values
            and any(node.values)
        ):
            return earlier
    return None


def _scope(node: Node) -> int:
    return -1 if node.parent is None else node.parent


def _readings(
    tree: Tree, live: list[Node], pos: int, cat: Catalogue, unit_yen: float, items: Counter[str]
) -> None:
    node = live[pos]
    nodes = tree.nodes
    i = node.index
    if node.line.outer and node.tag in (Tag.ITEM, Tag.UNKNOWN, Tag.SECTION, Tag.TOTAL):
        start = next(
            (
                n.index + 1
                for n in reversed(live[:pos])
                if n.tag in (Tag.HEADER, Tag.SECTION) or n.line.outer
            ),
            0,
        )
        inner = [n for n in nodes[start:i] if n.tag in ORDINARY and not n.line.outer]
        if inner:  # an outer amount totals the inner amounts since the last header or outer
            node.tag = Tag.TOTAL
            tree.fixed[i] = Span(start, i, node.section if node.kind is None else node.kind)
            return
    if node.tag is Tag.TOTAL:
        span = _total_span(nodes, live, pos, cat)
        if _has(nodes, span.start, span.end, span.kind):
            tree.fixed[i] = span
        else:  # a total with nothing under it is a line of its section
            node.tag = Tag.UNKNOWN
    elif node.tag is Tag.VALUATION_TOTAL:
        start = next((n.index + 1 for n in reversed(live[:pos]) if n.tag is not Tag.VALUATION), 0)
        tree.fixed[i] = Span(start, i, None, "ordinary")
    elif node.tag in (Tag.SUBTOTAL, Tag.BEFORE_VALUATION):
        tree.fixed[i] = Span(0, i, None, "profit")
    elif node.tag is Tag.ORDINARY_PROFIT:
        tree.fixed[i] = Span(0, i, None, "ordinary")
    if node.tag not in (Tag.ITEM, Tag.SECTION, Tag.UNKNOWN) or node.kind not in (
        Kind.REVENUE,
        Kind.EXPENSE,
        None,
    ):
        return
    kind = node.kind or node.section
    readings: list[Span | None] = []
    children = _breakdown(live, pos)
    if children:
        node.children_end = children
        readings.append(Span(i + 1, children, kind))
    elif node.tag is Tag.SECTION:
        end = next((n.index for n in live[pos + 1 :] if n.tag in STRUCTURAL), len(nodes))
        if _has(nodes, i + 1, end, kind):
            readings.append(Span(i + 1, end, kind))
        start = next((n.index + 1 for n in reversed(live[:pos]) if n.tag in STRUCTURAL), 0)
        if _has(nodes, start, i, kind):
            readings.append(Span(start, i, kind))
    elif node.line.key in cat.parents or node.line.key in cat.sections:
        end = _prefix(live, pos, unit_yen)
        if end:
            readings.append(Span(i + 1, end, kind))
    if not readings and node.tag is Tag.ITEM and items[node.line.key] > 1:
        twin = _twin(live, pos)  # (no twin unless another item has the same label)
        if twin is not None:  # the same item twice in one section: restated, or two lines
            readings.append(Span(twin.index, twin.index + 1, kind))
    if not readings:
        return
    readings.append(None)
    tree.ambiguous.append(Ambiguous(i, readings, _scope(node), node.depth))


def _total_span(nodes: list[Node], live: list[Node], pos: int, cat: Catalogue) -> Span:
    """What a stated total totals: the lines since the header it names, else its section."""
    node = live[pos]
    i, base = node.index, node.base or ""
    earlier = live[:pos]
    if base:
        for n in reversed(earlier):
            if n.line.key == base and (
                n.tag in (Tag.HEADER, Tag.SECTION)
                or (n.tag in (Tag.ITEM, Tag.UNKNOWN) and n.children_end)
            ):
                return Span(n.index + 1, i, n.kind or node.kind or n.section)
        if node.kind is not None:
            return Span(0, i, node.kind)
    header = next(
        (n for n in reversed(earlier) if n.tag in (Tag.HEADER, Tag.SECTION) and n.kind), None
    )
    if header is not None:
        return Span(header.index + 1, i, header.kind)
    return Span(0, i, node.kind or node.section)
