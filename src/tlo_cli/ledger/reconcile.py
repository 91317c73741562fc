"""Choosing a statement's reading: the one under which its stated totals reconcile.

A stated total reconciles in a year when it differs from what it totals by at most one unit
of the sheet's unit per leaf line summed (statements truncate to the unit). Ambiguous lines
are resolved scope by scope, innermost first; within a scope the reading chosen is the one
under which (1) the stated ordinary profit reconciles in the most years, then (2) the most
other stated totals reconcile, then (3) the most lines are read as totals. Between (2) and (3),
the reading under which the other totals are nearer to exact wins: the tolerance is for
truncation, and in a sheet in 百万円 a one-unit tolerance would otherwise let a line vanish into
a total. A line's own check (as a total) is not evidence for or against reading it as one. Only the
ambiguous lines of one scope are enumerated together (at most 12), so the search stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from tlo_cli.ledger.families import Node, Tag
from tlo_cli.ledger.tree import Ambiguous, Span, Tree
from tlo_cli.model import Kind

MAX_AMBIGUOUS = 12  # in one scope
MAX_AMBIGUOUS_TOTAL = 60  # in one statement: a real statement has a handful
MAX_COMBINATIONS = 4096  # beyond this (3 readings on 8+ lines), one line at a time
Choice = dict[int, Span | None]
Prefix = tuple[list[list[float]], list[int]]  # running sums by line, running leaf counts


@dataclass(slots=True)
class Check:
    """A stated total against what it totals, year by year (None: the year is not stated)."""

    index: int
    span: Span
    stated: list[float | None]
    computed: list[float]
    leaves: int
    ok: list[bool | None]
    ordinary: bool

    @property
    def reconciled(self) -> bool:
        return all(o is not False for o in self.ok)


@dataclass(slots=True)
class Outcome:
    counted: list[bool]
    checks: list[Check]

    def score(self, unit: float, judged: frozenset[int]) -> tuple[int, int, float]:
        """(ordinary-profit years reconciled, totals reconciled, − misfit in units).

        Only the totals outside the lines being judged count: a line read as a total brings a
        check of its own, which must neither vouch for that reading nor count against it.
        """
        op_years = sum(1 for c in self.checks if c.ordinary for o in c.ok if o)
        others = [c for c in self.checks if c.index not in judged]
        misfit = sum(
            abs(s - c)
            for check in others
            for s, c in zip(check.stated, check.computed, strict=True)
            if s is not None
        )
        return op_years, sum(1 for c in others if c.reconciled), -round(misfit / unit, 3)


def effective(node: Node) -> tuple[Kind | None, str | None]:
    """The kind and item a line counts as when it is counted (set by the tree, once)."""
    return node.counts_as


def _leaf(node: Node) -> bool:
    if node.below or node.memo:
        return False
    kind, item = effective(node)
    return kind is not None or item is not None


class Evaluator:
    """Evaluates readings of one statement; the per-line facts are computed once."""

    def __init__(self, tree: Tree, unit_yen: float, years: list[int]) -> None:
        self.tree = tree
        self.nodes = tree.nodes
        self.unit = unit_yen
        self.rev: list[list[float]] = []
        self.exp: list[list[float]] = []
        self.leaf: list[bool] = []
        self.kinds: list[Kind | None] = []
        for node in self.nodes:
            kind, item = effective(node)
            self.kinds.append(Kind.BALANCE if item == "valuation" else kind)
            zero = [0.0] * len(node.values)
            if item == "valuation":
                self.rev.append([max(v, 0.0) for v in node.values])
                self.exp.append([max(-v, 0.0) for v in node.values])
            else:
                self.rev.append(node.values if kind is Kind.REVENUE else zero)
                self.exp.append(node.values if kind is Kind.EXPENSE else zero)
            self.leaf.append(_leaf(node))
        self.stated: dict[int, list[float | None]] = {}
        for node in self.nodes:
            sign = node.sign
            self.stated[node.index] = [
                None if node.line.values.get(fy) is None else (-abs(v) if sign < 0 else v)
                for fy, v in zip(years, node.values, strict=True)
            ]

    def counted(self, choice: Choice) -> list[bool]:
        out = []
        for node, leaf in zip(self.nodes, self.leaf, strict=True):
            if not leaf:
                out.append(False)
            elif node.index in choice:
                out.append(choice[node.index] is None)
            else:
                out.append(True)
        return out

    def evaluate(self, choice: Choice) -> Outcome:
        counted = self.counted(choice)
        spans = dict(self.tree.fixed)
        spans.update({i: s for i, s in choice.items() if s is not None})
        sums: dict[tuple[str, Kind | None], Prefix] = {}
        checks = []
        for i, span in sorted(spans.items()):
            key = (span.mode, span.kind)
            if key not in sums:
                sums[key] = self._prefix(counted, span.mode, span.kind)
            checks.append(self._check(i, span, sums[key]))
        return Outcome(counted, checks)

    def _prefix(self, counted: list[bool], mode: str, kind: Kind | None) -> Prefix:
        """Running sums (and leaf counts) of what a span of this mode and kind totals."""
        years = len(self.nodes[0].values) if self.nodes else 0
        running, leaves = [0.0] * years, 0
        sums, counts = [running], [0]
        for j, node in enumerate(self.nodes):
            part: list[float] | None = None
            if counted[j] and not (
                (node.tag is Tag.CARRY and mode != "total")
                or ((node.tag is Tag.FINANCING or node.excluded) and mode == "ordinary")
            ):
                rev, exp, own = self.rev[j], self.exp[j], self.kinds[j]
                if kind is None:
                    part = [r - e for r, e in zip(rev, exp, strict=True)]
                elif own is kind or own is Kind.BALANCE:  # BALANCE: a signed line
                    part = rev if kind is Kind.REVENUE else exp
            if part is not None:
                running = [c + p for c, p in zip(running, part, strict=True)]
                leaves += 1
            sums.append(running)
            counts.append(leaves)
        return sums, counts

    def _check(self, index: int, span: Span, prefix: Prefix) -> Check:
        sums, counts = prefix
        computed = [b - a for a, b in zip(sums[span.start], sums[span.end], strict=True)]
        leaves = counts[span.end] - counts[span.start]
        stated = self.stated[index]
        tolerance = self.unit * max(1, leaves) + 1e-6
        ok: list[bool | None] = [
            None if s is None else abs(s - c) <= tolerance
            for s, c in zip(stated, computed, strict=True)
        ]
        ordinary = self.nodes[index].tag is Tag.ORDINARY_PROFIT
        return Check(index, span, stated, computed, leaves, ok, ordinary)


def _groups(ambiguous: list[Ambiguous]) -> list[list[Ambiguous]]:
    """Ambiguous lines grouped by scope, innermost (deepest) scopes first."""
    by_scope: dict[int, list[Ambiguous]] = {}
    for a in ambiguous:
        by_scope.setdefault(a.scope, []).append(a)
    return sorted(
        by_scope.values(), key=lambda g: (max(a.depth for a in g), g[0].index), reverse=True
    )


class TooAmbiguous(Exception):
    """More than MAX_AMBIGUOUS ambiguous lines in one scope."""

    def __init__(self, scope: int, count: int) -> None:
        super().__init__(scope, count)
        self.scope = scope
        self.count = count


def choose(tree: Tree, unit_yen: float, years: list[int]) -> tuple[Choice, Outcome]:
    """The reading of every ambiguous line, scope by scope, and the outcome under it."""
    if not tree.fixed and not tree.ambiguous:  # nothing to reconcile: every leaf counts
        return {}, Outcome([_leaf(n) for n in tree.nodes], [])
    evaluator = Evaluator(tree, unit_yen, years)
    choice: Choice = {a.index: a.readings[0] for a in tree.ambiguous}
    if len(tree.ambiguous) > MAX_AMBIGUOUS_TOTAL:
        raise TooAmbiguous(-1, len(tree.ambiguous))
    for group in _groups(tree.ambiguous):
        if len(group) > MAX_AMBIGUOUS:
            raise TooAmbiguous(group[0].scope, len(group))
        combinations = 1
        for a in group:
            combinations *= len(a.readings)
        if combinations <= MAX_COMBINATIONS:
            _search(evaluator, choice, group)
        else:
            for a in group:
                _search(evaluator, choice, [a])
    return choice, evaluator.evaluate(choice)


def _search(evaluator: Evaluator, choice: Choice, group: list[Ambiguous]) -> None:
    """Every combination of the group's readings, the others fixed; the best is kept."""
    best: tuple[tuple[int, int, float, int], tuple[Span | None, ...]] | None = None
    judged = frozenset(a.index for a in group)
    for combo in product(*(a.readings for a in group)):
        trial = dict(choice)
        trial.update({a.index: r for a, r in zip(group, combo, strict=True)})
        op_years, checks_ok, fit = evaluator.evaluate(trial).score(evaluator.unit, judged)
        score = (op_years, checks_ok, fit, sum(r is not None for r in combo))
        if best is None or score > best[0]:
            best = (score, combo)
    assert best is not None
    choice.update({a.index: r for a, r in zip(group, best[1], strict=True)})
