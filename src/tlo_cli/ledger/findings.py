"""What a statement's reading tells the analyst: errors, warnings and the ``reading`` record.

An unreconciled stated ordinary profit is an error naming the lines involved and the
difference; other unreconciled totals are warnings (errors with ``--strict``). A near-miss
label (``実施料収人``) is an error with "did you mean «実施料収入»?", a warning only when the
totals that cover it reconcile with it folded. A summary table that itemizes one side not at
all gets that side as one derived line, so that the stated ordinary profit stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tlo_cli.errors import Issue, Location, Severity, error, warning
from tlo_cli.ledger.families import Node, Tag
from tlo_cli.ledger.labels import catalogue
from tlo_cli.ledger.reconcile import Check, Outcome, effective
from tlo_cli.ledger.tree import Span, Tree
from tlo_cli.model import ITEM_KIND, Folded, Kind, Reading, Unit, Unreconciled

if TYPE_CHECKING:
    from tlo_cli.ledger.statement import SourceRow


class Findings:
    """Issues and the reading record of one statement, from the outcome of its reading."""

    def __init__(
        self,
        issues: list[Issue],
        nodes: list[Node],
        tree: Tree,
        choice: dict[int, Span | None],
        outcome: Outcome,
        years: list[int],
        unit: Unit,
        where: Location,
        strict: bool,
    ) -> None:
        self.issues = issues
        self.nodes = nodes
        self.tree = tree
        self.choice = choice
        self.outcome = outcome
        self.years = years
        self.unit = unit
        self.where = where
        self.strict = strict
        self.unreconciled: list[Unreconciled] = []
        self.folded: list[Folded] = []

    def n(self, yen: float) -> str:
        return f"{yen / self.unit.yen:,.0f}"

    # -- the report --------------------------------------------------------------------------
    def report(
        self, amounts: dict[str, dict[int, float]], lines: dict[str, str]
    ) -> list[SourceRow]:
        derived = self._derive(amounts)
        for node, counted in zip(self.nodes, self.outcome.counted, strict=True):
            self._line(node, counted)
        for check in self.outcome.checks:
            self._check(check)
        return derived

    def _line(self, node: Node, counted: bool) -> None:
        line, tag = node.line, node.tag
        if tag is Tag.ITEM and node.kind is not Kind.COUNT:
            return  # nothing to say about an accepted item
        at = self.where.at(line.cell)
        if tag is Tag.ITEM and node.item and ITEM_KIND[node.item] is Kind.COUNT:
            for fy in self.years:
                v = line.values.get(fy)
                if v is not None and v < 0:
                    self.issues.append(
                        error(
                            "negative-count",
                            f"{line.label} for FY{fy} is {v:,.0f}; a count cannot be negative",
                            self.where.at(line.cells.get(fy)),
                            "enter the number of cases, 0 or more",
                        )
                    )
        if tag is Tag.SECTION and counted:
            self.issues.append(
                warning(
                    "section-as-item",
                    f"{line.label} has amounts but no items under it; taken as {node.item or effective(node)[1]}",
                    at,
                    "list its items, or use an item label",
                )
            )
        if tag is not Tag.UNKNOWN:
            return
        if node.near is not None:
            self._near_miss(node, counted)
            return
        if node.below or node.memo:
            return
        if not counted and effective(node)[0] is None:
            closest = catalogue().closest(line.label)
            self.issues.append(
                error(
                    "unknown-label",
                    f"「{line.label}」 matches no line item and stands under no section",
                    at,
                    f"closest accepted labels: {', '.join(closest)}"
                    if closest
                    else "see docs/ledger-format.md for the accepted labels",
                )
            )
        elif counted and node.inherit is None:
            _, item = effective(node)
            assert item is not None
            self.folded.append(Folded(line.cell, line.label, item))
            self.issues.append(
                warning(
                    "folded-label",
                    f"「{line.label}」 is not a known line item; counted as {item} "
                    f"(it stands under the {node.section} section)",
                    at,
                    "rename it to an accepted label if it belongs elsewhere",
                )
            )

    def _near_miss(self, node: Node, counted: bool) -> None:
        covering = [c for c in self.outcome.checks if c.span.start <= node.index < c.span.end]
        as_total = self.choice.get(node.index) is not None  # its label adds nothing
        tolerated = as_total or (
            counted
            and not node.below
            and not node.memo
            and covering
            and all(c.reconciled for c in covering)
        )
        line = node.line
        _, item = effective(node)
        if tolerated and not as_total:
            assert item is not None
            self.folded.append(Folded(line.cell, line.label, item))
        where = (
            "below the ordinary line"
            if node.below or node.memo
            else "read as the total of the lines under it"
            if as_total
            else f"counted as {item}"
            if tolerated
            else "no stated total confirms it as an unknown line"
        )
        make = warning if tolerated else error
        self.issues.append(
            make(
                "near-miss-label",
                f"「{line.label}」 is not an accepted label ({where}); did you mean «{node.near}»?",
                self.where.at(line.cell),
                f"write «{node.near}» if that is what it is, or another accepted label",
            )
        )

    def _named_lines(self, check: Check) -> list[str]:
        named = []
        for node in self.nodes[check.span.start : check.span.end]:
            reading = self.choice.get(node.index, "none")
            if reading != "none":
                how = "an item" if reading is None else "a total"
                named.append(f"「{node.line.label}」 ({node.line.cell}, read as {how})")
            elif node.tag is Tag.UNKNOWN and self.outcome.counted[node.index]:
                named.append(f"「{node.line.label}」 ({node.line.cell}, folded)")
        return named

    def _check(self, check: Check) -> None:
        node = self.nodes[check.index]
        line = node.line
        for k, fy in enumerate(self.years):
            if check.ok[k] is not False:
                continue
            stated, computed = check.stated[k] or 0.0, check.computed[k]
            diff = stated - computed
            at = self.where.at(line.cells.get(fy) or line.cell)
            if check.ordinary:
                named = self._named_lines(check)
                self.unreconciled.append(
                    Unreconciled(fy, stated, computed, tuple(named) or (line.cell,))
                )
                self.issues.append(
                    error(
                        "ordinary-profit-mismatch",
                        f"{line.label} for FY{fy} is {self.n(stated)} but revenue − expenses as "
                        f"read is {self.n(computed)} ({self.unit.label}; difference "
                        f"{self.n(diff)}); "
                        + (
                            "lines involved: " + ", ".join(named)
                            if named
                            else "every line above it was read by its label"
                        ),
                        at,
                        "check the lines named and the amounts above it; the ordinary profit "
                        "read must agree with the one stated",
                    )
                )
                continue
            what = (
                "revenue − expenses so far is"
                if check.span.kind is None
                else "the lines it totals sum to"
            )
            self.issues.append(
                Issue(
                    "subtotal-mismatch",
                    f"{line.label} for FY{fy} is {self.n(stated)} but {what} {self.n(computed)} "
                    f"({self.unit.label}; difference {self.n(diff)})",
                    at,
                    Severity.ERROR if self.strict else Severity.WARNING,
                    "correct the items or the total; totals are checked, never added",
                )
            )

    # -- summary tables ----------------------------------------------------------------------
    def _derive(self, amounts: dict[str, dict[int, float]]) -> list[SourceRow]:
        from tlo_cli.ledger.statement import SourceRow

        ordinary = [c for c in self.outcome.checks if c.ordinary]
        if not ordinary:
            return []
        sides = {Kind.REVENUE: False, Kind.EXPENSE: False}
        for node, counted in zip(self.nodes, self.outcome.counted, strict=True):
            kind, item = effective(node)
            if counted and not node.excluded and item == "valuation":  # a signed line
                sides[Kind.REVENUE] |= any(v > 0 for v in node.values)
                sides[Kind.EXPENSE] |= any(v < 0 for v in node.values)
            elif counted and kind in sides:
                sides[kind] = True
        if sides[Kind.REVENUE] == sides[Kind.EXPENSE]:
            return []
        missing = Kind.EXPENSE if sides[Kind.REVENUE] else Kind.REVENUE
        item = "unitemized_expenses" if missing is Kind.EXPENSE else "unitemized_revenue"
        check = ordinary[-1]
        stated = [s or 0.0 for s in check.stated]
        values = [
            c - s if missing is Kind.EXPENSE else s - c
            for s, c in zip(stated, check.computed, strict=True)
        ]
        amounts[item] = dict(zip(self.years, values, strict=True))
        for c in ordinary:
            c.computed = list(stated)
            c.ok = [None if s is None else True for s in c.stated]
        side = "expenses" if missing is Kind.EXPENSE else "revenue"
        self.issues.append(
            warning(
                "unitemized-side",
                f"the statement itemizes no {side}; {item} derived as the difference with the "
                f"stated {self.nodes[check.index].line.label}",
                self.where.at(self.nodes[check.index].line.cell),
                f"list the {side} lines if the full statement is available",
            )
        )
        return [SourceRow("", item, "derived", item, None, dict(amounts[item]))]

    # -- the record ----------------------------------------------------------------------------
    def reading(self, amounts: dict[str, dict[int, float]], derived: list[SourceRow]) -> Reading:
        ordinary = [c for c in self.outcome.checks if c.ordinary]
        reconciled = tuple(
            fy
            for k, fy in enumerate(self.years)
            if ordinary and all(c.ok[k] is True for c in ordinary)
        )
        folded_cells = {f.cell for f in self.folded}
        totals = {Kind.REVENUE: 0.0, Kind.EXPENSE: 0.0}
        unrecognised = {Kind.REVENUE: 0.0, Kind.EXPENSE: 0.0}
        counted_lines = 0
        for node, counted in zip(self.nodes, self.outcome.counted, strict=True):
            kind, _ = effective(node)
            if (
                not counted
                or kind not in totals
                or node.tag in (Tag.FINANCING, Tag.CARRY)
                or node.excluded
            ):
                continue
            counted_lines += 1
            size = sum(abs(v) for v in node.values)
            totals[kind] += size
            if node.line.cell in folded_cells:
                unrecognised[kind] += size
        for row in derived:
            kind = ITEM_KIND[row.item or ""]
            size = sum(abs(v or 0.0) for v in row.amounts.values())
            totals[kind] += size
            unrecognised[kind] += size

        def share(kind: Kind) -> float | None:
            return None if totals[kind] == 0 else 1.0 - unrecognised[kind] / totals[kind]

        return Reading(
            coverage_revenue=share(Kind.REVENUE),
            coverage_expenses=share(Kind.EXPENSE),
            reconciled=reconciled,
            unreconciled=tuple(self.unreconciled),
            folded=tuple(self.folded),
            derived=tuple(r.item or "" for r in derived),
            lines=counted_lines,
            stated_totals=bool(self.outcome.checks),
            states_ordinary_profit=bool(ordinary),
        )
