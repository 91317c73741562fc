"""Labelled lines → canonical line items, read as a tree and reconciled with the statement.

Each line is classified by its label (:mod:`tlo_cli.ledger.families`), placed in the tree of
sections and parents (:mod:`tlo_cli.ledger.tree`), and every ambiguous line takes the reading
under which the statement's own totals reconcile (:mod:`tlo_cli.ledger.reconcile`). A stated
ordinary profit that no reading reconciles is an error: the reader never reports a figure
that contradicts its source. What was read, and how, is kept for ``tlo explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tlo_cli.errors import Issue, Location, error
from tlo_cli.ledger.families import Node, Tag, classify
from tlo_cli.ledger.findings import Findings
from tlo_cli.ledger.labels import catalogue, normalize
from tlo_cli.ledger.layout import Table
from tlo_cli.ledger.reconcile import Outcome, TooAmbiguous, choose, effective
from tlo_cli.ledger.tree import Span, build
from tlo_cli.model import ITEM_KIND, Kind, Reading, Unit


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One source row as read: ``read_as`` is item, folded, section, parent, total, below the
    line, memo, financing, derived or ignored."""

    cell: str
    label: str
    read_as: str
    item: str | None
    parent: str | None
    amounts: dict[int, float | None]

    def to_dict(self) -> dict[str, object]:
        return {
            "cell": self.cell,
            "label": self.label,
            "read_as": self.read_as,
            "item": self.item,
            "parent": self.parent,
            "amounts": {str(fy): v for fy, v in self.amounts.items()},
        }


@dataclass(frozen=True, slots=True)
class TotalCheck:
    """A stated total against what it totals in one fiscal year."""

    label: str
    cell: str
    fiscal_year: int
    stated: float
    computed: float
    reconciled: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "cell": self.cell,
            "fiscal_year": self.fiscal_year,
            "stated": self.stated,
            "computed": self.computed,
            "reconciled": self.reconciled,
        }


@dataclass(slots=True)
class Statement:
    """The canonical items of one ledger: yen (counts as counts) by item and fiscal year."""

    amounts: dict[str, dict[int, float]] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)  # item → the label cell of its line
    issues: list[Issue] = field(default_factory=list)
    reading: Reading = field(default_factory=Reading)
    rows: list[SourceRow] = field(default_factory=list)
    totals: list[TotalCheck] = field(default_factory=list)
    skipped_columns: list[str] = field(default_factory=list)  # 増減, 構成比, 予算額 …
    unit: Unit = Unit.THOUSAND  # the sheet's unit


def _yen(values: dict[int, float | None], years: list[int], factor: int) -> list[float]:
    """Amounts in yen, 0 for an empty cell or a cell in error (NaN, reported already)."""
    get = values.get
    out = [0.0 if not (v := get(fy)) or v != v else float(v) * factor for fy in years]
    if factor != 1:
        out = [x if x.is_integer() else round(x, 4) for x in out]
    return out


def read_statement(
    table: Table, *, unit: Unit, where: Location, strict: bool = False, explain: bool = False
) -> Statement:
    """The canonical items of a table; problems are returned as issues, never raised.

    With ``explain``, the reading of every source row and every stated total is kept too.
    """
    cat = catalogue()
    years = table.years
    nodes: list[Node] = []
    for i, line in enumerate(table.lines):
        node = classify(line, cat, _yen(line.values, years, (line.unit or unit).yen))
        node.index = i
        nodes.append(node)
    tree = build(nodes, cat, float(unit.yen))
    out = Statement(unit=unit)
    try:
        choice, outcome = choose(tree, float(unit.yen), years)
    except TooAmbiguous as exc:
        scope = "the statement" if exc.scope < 0 else f"「{nodes[exc.scope].line.label}」"
        out.issues.append(
            error(
                "too-ambiguous",
                f"{exc.count} lines under {scope} can each be read as an item or a total",
                where.at(None if exc.scope < 0 else nodes[exc.scope].line.cell),
                "state the section totals, or indent each breakdown under its parent line",
            )
        )
        return out
    _amounts(out, nodes, outcome, years)
    itemized = not any(  # revenue read line by line, not as a section's single line
        n.tag is Tag.SECTION and n.kind is Kind.REVENUE and counted
        for n, counted in zip(nodes, outcome.counted, strict=True)
    )
    if (
        itemized
        and "subsidy_income" not in out.amounts
        and any(ITEM_KIND[item] is Kind.REVENUE for item in out.amounts)
    ):  # itemized revenue with no subsidy line: a subsidy of nil
        out.amounts["subsidy_income"] = dict.fromkeys(years, 0.0)
    findings = Findings(out.issues, nodes, tree, choice, outcome, years, unit, where, strict)
    derived = findings.report(out.amounts, out.lines)
    out.reading = findings.reading(out.amounts, derived)
    if not explain:
        return out
    out.rows = _rows(nodes, outcome, choice, years, derived)
    out.skipped_columns = [f"{cell} «{text}» ({why})" for cell, text, why in table.skipped_columns]
    out.totals = [
        TotalCheck(
            nodes[c.index].line.label,
            nodes[c.index].line.cell,
            fy,
            stated,
            c.computed[k],
            bool(c.ok[k]),
        )
        for c in outcome.checks
        for k, (fy, stated) in enumerate(zip(years, c.stated, strict=True))
        if stated is not None
    ]
    return out


def _add(out: Statement, item: str, values: list[float], years: list[int], cell: str) -> None:
    series = out.amounts.get(item)
    if series is None:
        out.amounts[item] = dict(zip(years, values, strict=True))
        out.lines[item] = cell
    else:
        for fy, v in zip(years, values, strict=True):
            series[fy] += v


def _amounts(out: Statement, nodes: list[Node], outcome: Outcome, years: list[int]) -> None:
    for node, counted in zip(nodes, outcome.counted, strict=True):
        cell = node.line.cell
        if node.tag is Tag.ITEM and ITEM_KIND[node.item or ""] in (Kind.BALANCE, Kind.COUNT):
            assert node.item is not None
            raw = [v or 0.0 for v in (node.line.values.get(fy) for fy in years)]
            values = raw if ITEM_KIND[node.item] is Kind.COUNT else node.values
            out.amounts[node.item] = dict(zip(years, values, strict=True))  # the last stands
            out.lines[node.item] = cell
            continue
        if node.tag is Tag.BEFORE_VALUATION and not node.below:
            out.amounts["ordinary_profit_before_valuation"] = dict(
                zip(years, node.values, strict=True)
            )
            out.lines["ordinary_profit_before_valuation"] = cell
        if not counted or node.tag in (Tag.FINANCING, Tag.CARRY) or node.excluded:
            continue
        _, item = effective(node)
        if item == "valuation":
            gain, loss = node.signed
            _add(out, gain, [max(v, 0.0) for v in node.values], years, cell)
            _add(out, loss, [max(-v, 0.0) for v in node.values], years, cell)
        elif item is not None:
            _add(out, item, node.values, years, cell)


def _read_as(
    node: Node, counted: bool, reading: Span | None, derived: bool
) -> tuple[str, str | None]:
    tag = node.tag
    kind, item = effective(node)
    if tag is Tag.ITEM and ITEM_KIND[node.item or ""] in (Kind.BALANCE, Kind.COUNT):
        return "item", node.item
    if tag is Tag.SKIP:
        return "ignored", None
    if node.memo or tag in (Tag.MEMO, Tag.MEMO_HEADER):
        return "memo", None
    if node.below:
        return "below the line", None
    if counted:
        if tag in (Tag.FINANCING, Tag.CARRY):
            return "financing", None
        if node.excluded:
            return "below the line", None
        if item == "valuation":  # a signed line: its item by the sign of each year
            return "item", " / ".join(node.signed)
        if tag is Tag.UNKNOWN and (node.near is not None or node.inherit is None):
            return "folded", item
        return ("derived" if derived else "item"), item
    if reading is not None or tag in (
        Tag.TOTAL,
        Tag.VALUATION_TOTAL,
        Tag.SUBTOTAL,
        Tag.ORDINARY_PROFIT,
        Tag.BEFORE_VALUATION,
    ):
        return "total", "ordinary_profit" if tag is Tag.ORDINARY_PROFIT else None
    if tag is Tag.HEADER:
        return ("parent", node.item) if node.item else ("section", None)
    del kind
    return "ignored", None


def _rows(
    nodes: list[Node],
    outcome: Outcome,
    choice: dict[int, Span | None],
    years: list[int],
    derived: list[SourceRow],
) -> list[SourceRow]:
    rows = []
    for node, counted in zip(nodes, outcome.counted, strict=True):
        read_as, item = _read_as(node, counted, choice.get(node.index), False)
        parent = None if node.parent is None else nodes[node.parent].line.label
        count = node.tag is Tag.ITEM and ITEM_KIND[node.item or ""] is Kind.COUNT
        amounts = {
            fy: (None if node.line.values.get(fy) is None else raw if count else v)
            for fy, v, raw in zip(
                years, node.values, (node.line.values.get(fy) for fy in years), strict=True
            )
        }
        rows.append(SourceRow(node.line.cell, node.line.label, read_as, item, parent, amounts))
    return rows + derived


def is_balance_sheet(sheet_name: str, table: Table) -> bool:
    """Whether a sheet without income-statement items is a balance sheet (貸借対照表)."""
    cat = catalogue()
    return normalize(sheet_name) in cat.balance_sheets or any(
        line.key in cat.balance_sheet for line in table.lines
    )
