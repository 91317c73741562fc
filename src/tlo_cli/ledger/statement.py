"""Labelled lines → canonical line items, with sections, totals and cross-checks.

Each line is classified by its label (see ``labels.toml``): a line item, a section header, a
section total, a subtotal, the stated ordinary profit, or a line below the ordinary-profit
line. Items add up (the same item may appear under several sections); totals are checked
against their items, never added again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto

from tlo_cli.errors import Issue, Location, Severity, error, warning
from tlo_cli.ledger.labels import Catalogue, catalogue, total_base
from tlo_cli.ledger.layout import Line, Table
from tlo_cli.model import ITEM_KIND, Kind, Unit

_OTHER = {Kind.REVENUE: "other_income", Kind.EXPENSE: "other_expenses"}


class Tag(Enum):
    SKIP = auto()
    HEADER = auto()
    ITEM = auto()
    SECTION_TOTAL = auto()
    TOTAL = auto()
    SUBTOTAL = auto()
    ORDINARY_PROFIT = auto()
    BELOW = auto()
    UNKNOWN = auto()


@dataclass(slots=True)
class _Entry:
    tag: Tag
    line: Line
    item: str | None = None
    kind: Kind | None = None
    sign: int = 1
    base: str | None = None


@dataclass(slots=True)
class Statement:
    """The canonical items of one ledger: yen (counts as counts) by item and fiscal year."""

    amounts: dict[str, dict[int, float]] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)  # item → the label cell of its line
    issues: list[Issue] = field(default_factory=list)


def classify(line: Line, cat: Catalogue) -> _Entry:
    """What a line is, from its label and whether it carries amounts."""
    key = line.key
    if not key or key in cat.axis_item or key in cat.axis_year or key.startswith("うち"):
        return _Entry(Tag.SKIP, line)
    if line.empty:
        if key in cat.below_line or key in cat.ordinary_profit:
            return _Entry(Tag.BELOW, line)
        return _Entry(Tag.HEADER, line, kind=cat.sections.get(key))
    if key in cat.items:
        item = cat.items[key]
        return _Entry(Tag.ITEM, line, item=item, kind=ITEM_KIND[item])
    if key in cat.ordinary_profit:
        return _Entry(Tag.ORDINARY_PROFIT, line, sign=cat.ordinary_profit[key])
    if key in cat.below_line:
        return _Entry(Tag.BELOW, line)
    if key in cat.profit_subtotals:
        return _Entry(Tag.SUBTOTAL, line, sign=cat.profit_subtotals[key])
    if key in cat.sections:
        return _Entry(Tag.SECTION_TOTAL, line, kind=cat.sections[key])
    base = total_base(key)
    if base is not None:
        return _Entry(Tag.TOTAL, line, base=base, kind=cat.total_bases.get(base))
    return _Entry(Tag.UNKNOWN, line)


_BOUNDARY = {Tag.SECTION_TOTAL, Tag.SUBTOTAL, Tag.ORDINARY_PROFIT, Tag.BELOW}


@dataclass(slots=True)
class _Scope:
    key: str
    kind: Kind | None
    start: int  # index into the contributions list


class _Reader:
    def __init__(self, table: Table, unit: Unit, where: Location, strict: bool) -> None:
        self.table = table
        self.unit = unit
        self.where = where
        self.strict = strict
        self.years = table.years
        self.out = Statement()
        self.contribs: list[tuple[Kind, dict[int, float]]] = []
        self.scopes: list[_Scope] = []
        self.pending: list[tuple[_Entry, int]] = []

    # -- amounts -----------------------------------------------------------------
    def yen(self, line: Line, *, scaled: bool = True) -> dict[int, float]:
        factor = (line.unit or self.unit).yen if scaled else 1
        values = line.values
        out: dict[int, float] = {}
        for fy in self.years:
            v = values.get(fy)
            if not v:  # None, 0 or -0.0
                out[fy] = 0.0
            elif factor == 1:
                out[fy] = v
            else:
                x = v * factor
                out[fy] = x if x.is_integer() else round(x, 4)
        return out

    def add(self, item: str, line: Line) -> None:
        kind = ITEM_KIND[item]
        values = self.yen(line, scaled=kind is not Kind.COUNT)
        if kind in (Kind.BALANCE, Kind.COUNT):
            self.out.amounts[item] = values  # a balance or count stated twice: the last one stands
            self.out.lines[item] = line.cell
            if kind is Kind.COUNT:
                for fy, v in values.items():
                    if v < 0:
                        self.out.issues.append(
                            error(
                                "negative-count",
                                f"{line.label} for FY{fy} is {v:,.0f}; a count cannot be negative",
                                self.where.at(line.cells.get(fy)),
                                "enter the number of cases, 0 or more",
                            )
                        )
            return
        series = self.out.amounts.get(item)
        if series is None:
            self.out.amounts[item] = dict(values)
            self.out.lines[item] = line.cell
        else:
            for fy, v in values.items():
                series[fy] += v
        self.contribs.append((kind, values))

    def running(self, kind: Kind, start: int = 0) -> dict[int, float]:
        total = dict.fromkeys(self.years, 0.0)
        for k, values in self.contribs[start:]:
            if k is kind:
                for fy, v in values.items():
                    total[fy] += v
        return total

    def profit_so_far(self) -> dict[int, float]:
        rev, exp = self.running(Kind.REVENUE), self.running(Kind.EXPENSE)
        return {fy: rev[fy] - exp[fy] for fy in self.years}

    # -- checks ------------------------------------------------------------------
    def check(
        self, line: Line, stated: dict[int, float], expected: dict[int, float], code: str, what: str
    ) -> None:
        tolerance = self.unit.yen
        severity = Severity.ERROR if self.strict else Severity.WARNING
        for fy in self.years:
            if line.values.get(fy) is None:
                continue
            diff = stated[fy] - expected[fy]
            if abs(diff) > tolerance:
                u = (line.unit or self.unit).yen
                self.out.issues.append(
                    Issue(
                        code,
                        f"{line.label} for FY{fy} is {stated[fy] / u:,.0f} but {what} "
                        f"{expected[fy] / u:,.0f} ({(line.unit or self.unit).label}; "
                        f"difference {diff / u:,.0f})",
                        self.where.at(line.cells.get(fy)),
                        severity,
                        "correct the items or the total; totals are checked, never added",
                    )
                )

    def flush(self) -> None:
        for entry, start in self.pending:
            assert entry.kind is not None
            self.check(
                entry.line,
                self.yen(entry.line),
                self.running(entry.kind, start),
                "subtotal-mismatch",
                "the items under it sum to",
            )
        self.pending.clear()

    # -- the walk ----------------------------------------------------------------
    def run(self, entries: list[_Entry], cat: Catalogue) -> Statement:
        section: Kind | None = None
        below = False
        for i, entry in enumerate(entries):
            tag, line = entry.tag, entry.line
            if tag is Tag.SKIP:
                continue
            if below:
                if tag is Tag.ITEM and entry.kind in (Kind.BALANCE, Kind.COUNT):
                    assert entry.item is not None
                    self.add(entry.item, line)
                continue
            if tag in _BOUNDARY or (
                tag is Tag.HEADER
                and entry.kind
                and any(p.kind != entry.kind for p, _ in self.pending)
            ):
                self.flush()
            if tag is Tag.HEADER:
                section = entry.kind or section
                self.scopes.append(_Scope(line.key, entry.kind or section, len(self.contribs)))
            elif tag is Tag.ITEM:
                assert entry.item is not None
                self.add(entry.item, line)
            elif tag is Tag.SECTION_TOTAL:
                assert entry.kind is not None
                section = entry.kind
                self.section_total(entries, i, entry, cat)
            elif tag is Tag.TOTAL:
                self.total(entry, section, cat)
            elif tag is Tag.SUBTOTAL:
                stated = self.signed(entry)
                self.check(
                    line,
                    stated,
                    self.profit_so_far(),
                    "subtotal-mismatch",
                    "revenue − expenses so far is",
                )
            elif tag is Tag.ORDINARY_PROFIT:
                stated = self.signed(entry)
                self.check(
                    line,
                    stated,
                    self.profit_so_far(),
                    "ordinary-profit-mismatch",
                    "revenue − expenses is",
                )
                below = True
            elif tag is Tag.BELOW:
                below = True
            elif tag is Tag.UNKNOWN:
                self.unknown(line, section, cat)
        self.flush()
        return self.out

    def signed(self, entry: _Entry) -> dict[int, float]:
        values = self.yen(entry.line)
        if entry.sign < 0:  # 経常損失 500 is a loss of 500 whether written 500 or △500
            return {fy: -abs(v) for fy, v in values.items()}
        return values

    def section_total(self, entries: list[_Entry], i: int, entry: _Entry, cat: Catalogue) -> None:
        kind = entry.kind
        for later in entries[i + 1 :]:
            if later.tag in _BOUNDARY or (
                later.tag is Tag.HEADER and later.kind not in (None, kind)
            ):
                break
            if later.tag is Tag.UNKNOWN or (later.tag is Tag.ITEM and later.kind is kind):
                self.pending.append((entry, len(self.contribs)))  # a total above its items
                self.scopes.append(_Scope(entry.line.key, kind, len(self.contribs)))
                return
        start = self.scope_start(entry.line.key)
        if any(k is kind for k, _ in self.contribs[start:]):  # a total below its items
            assert kind is not None
            self.check(
                entry.line,
                self.yen(entry.line),
                self.running(kind, start),
                "subtotal-mismatch",
                "the items above it sum to",
            )
            return
        item = cat.section_items.get(entry.line.key) or _OTHER[kind or Kind.REVENUE]
        if any(v for v in entry.line.values.values()):
            self.out.issues.append(
                warning(
                    "section-as-item",
                    f"{entry.line.label} has amounts but no items under it; taken as {item}",
                    self.where.at(entry.line.cell),
                    "list its items, or use an item label",
                )
            )
        self.add(item, entry.line)

    def scope_start(self, key: str | None) -> int:
        for scope in reversed(self.scopes):
            if key is not None and scope.key == key:
                return scope.start
        return self.scopes[-1].start if self.scopes else 0

    def total(self, entry: _Entry, section: Kind | None, cat: Catalogue) -> None:
        line = entry.line
        if entry.kind is not None:
            kind, start = entry.kind, 0
        else:
            start = self.scope_start(entry.base or None)
            matching = next((s for s in reversed(self.scopes) if s.key == entry.base), None)
            kind = (matching.kind if matching else None) or section or Kind.REVENUE
        if not any(k is kind for k, _ in self.contribs[start:]):
            self.unknown(line, section or entry.kind, cat)
            return
        self.check(
            line,
            self.yen(line),
            self.running(kind, start),
            "subtotal-mismatch",
            "the items it totals sum to",
        )

    def unknown(self, line: Line, section: Kind | None, cat: Catalogue) -> None:
        if section is not None and section in _OTHER:
            item = _OTHER[section]
            self.out.issues.append(
                warning(
                    "folded-label",
                    f"「{line.label}」 is not a known line item; counted as {item} "
                    f"(it stands under the {section} section)",
                    self.where.at(line.cell),
                    "rename it to an accepted label if it belongs elsewhere",
                )
            )
            self.add(item, line)
            return
        closest = cat.closest(line.label)
        hint = f"closest accepted labels: {', '.join(closest)}" if closest else None
        self.out.issues.append(
            error(
                "unknown-label",
                f"「{line.label}」 matches no line item and stands under no section",
                self.where.at(line.cell),
                hint or "see docs/ledger-format.md for the accepted labels",
            )
        )


def read_statement(table: Table, *, unit: Unit, where: Location, strict: bool = False) -> Statement:
    """The canonical items of a table; problems are returned as issues, never raised."""
    cat = catalogue()
    entries = [classify(line, cat) for line in table.lines]
    return _Reader(table, unit, where, strict).run(entries, cat)
