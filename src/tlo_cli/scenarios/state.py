"""The cohort a scenario acts on: entities, their pro-forma ledgers and their outlooks.

An :class:`Entity` is a TLO as the scenario has left it so far: one original TLO, or several
merged into one. Its ledger is *pro forma*: every change is applied to every historical year at
its full run-rate, so the as-of year shows the change as if it had been in place all year. Its
:class:`Outlook` is the projection for the years after as-of, where phase-in and one-off costs
apply. Every change is an :class:`ItemChange` — each named item multiplied by a factor and
increased by an amount a year — applied alike to ledgers and outlooks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from tlo_cli.metrics import profit
from tlo_cli.metrics.assess import CohortAssessment, Settings, assess_cohort
from tlo_cli.metrics.ratios import payout_ratio as ratio
from tlo_cli.model import EXPENSE_ITEMS, PL_ITEMS, Assessment, CellMap, Ledger, Profile

#: The P&L items an outlook holds a base for (the subsidy follows its own schedule).
BASE_ITEMS: tuple[str, ...] = tuple(item for item in PL_ITEMS if item != "subsidy_income")
OTHER_REVENUE_ITEMS: tuple[str, ...] = ("membership_income", "contract_income", "other_income")


class ScenarioError(ValueError):
    """A scenario that cannot be carried out: an unknown id, a bad key, an impossible step."""


@dataclass(frozen=True, slots=True)
class ItemChange:
    """item′ = item × factor + addition (yen a year) for each item named; others unchanged."""

    factors: Mapping[str, float] = field(default_factory=dict)
    additions: Mapping[str, float] = field(default_factory=dict)

    def items(self) -> set[str]:
        return set(self.factors) | set(self.additions)

    def value(self, item: str, amount: float) -> float:
        """amount × factor + addition for ``item``."""
        return amount * self.factors.get(item, 1.0) + self.additions.get(item, 0.0)


def change_ledger(
    ledger: Ledger, change: ItemChange, *, payout: float = 0.0, profile: Profile | None = None
) -> Ledger:
    """The ledger with ``change`` applied to every fiscal year (an item added to gets a row).

    Distributions follow licensing at the payout ratio p: distribution′ = distribution × factor
    + addition + p × (licensing′ − licensing), so a licensing uplift is counted net of what goes
    back to inventors and universities.
    """
    amounts = {item: dict(series) for item, series in ledger.amounts.items()}
    for item in change.items():
        series = amounts.get(item, dict.fromkeys(ledger.years, 0.0))
        amounts[item] = {fy: change.value(item, value) for fy, value in series.items()}
    lic_before = ledger.amounts.get("licensing_income", {})
    lic_after = amounts.get("licensing_income", {})
    if payout and lic_before:
        dist = amounts.get("distribution_cost", dict.fromkeys(ledger.years, 0.0))
        amounts["distribution_cost"] = {
            fy: value + payout * (lic_after.get(fy, 0.0) - lic_before.get(fy, 0.0))
            for fy, value in dist.items()
        }
    return replace(ledger, amounts=amounts, profile=profile or ledger.profile, cells=CellMap())


def payout_ratio(ledger: Ledger, *, as_of: int, years: int = 3) -> float:
    """p = Σ distribution_cost / Σ licensing_income over the last ``years`` usable fiscal years
    up to as-of (those after the approval year), clipped to [0, 1]; 0 with no licensing income.

    Example: distributions 30 and 50 on licensing 100 and 100 give p = 80 / 200 = 0.4.
    """
    approved = ledger.profile.approved_fy
    usable = [fy for fy in ledger.years if fy <= as_of and (approved is None or fy > approved)]
    window = usable[-years:]
    p = ratio(
        [ledger.value("licensing_income", fy) or 0.0 for fy in window],
        [ledger.value("distribution_cost", fy) or 0.0 for fy in window],
    )
    return 0.0 if math.isnan(p) else p


@dataclass(frozen=True, slots=True, eq=False)
class Outlook:
    """The projection of one entity for fiscal years as_of+1 … as_of+horizon.

    ``bases`` holds the mean of the last base years of every P&L item but the subsidy (what
    the projection holds other revenue and costs at); ``licensing`` is projected licensing
    income, ``subsidy`` the subsidy by schedule and ``extra_costs`` costs beyond the run-rate
    (savings not yet phased in, one-off integration costs), each shaped (horizon,).
    ``linked_costs`` are the distributions that follow a change of licensing income (p × the
    change), and ``payout`` p the share of licensing income paid out as distributions.
    """

    fiscal_years: tuple[int, ...]
    bases: Mapping[str, float]
    licensing: np.ndarray
    subsidy: np.ndarray
    extra_costs: np.ndarray
    linked_costs: np.ndarray
    payout: float = 0.0

    @property
    def other_revenue(self) -> float:
        """membership + contract + other income at their bases."""
        return sum(self.bases.get(item, 0.0) for item in OTHER_REVENUE_ITEMS)

    @property
    def run_rate_expenses(self) -> float:
        """Σ expense items at their bases."""
        return sum(self.bases.get(item, 0.0) for item in EXPENSE_ITEMS)

    @property
    def revenue(self) -> np.ndarray:
        """revenue_k = licensing_k + other revenue + subsidy_k."""
        return self.licensing + self.other_revenue + self.subsidy

    @property
    def expenses(self) -> np.ndarray:
        """expenses_k = run-rate expenses + extra_costs_k + linked_costs_k."""
        return self.run_rate_expenses + self.extra_costs + self.linked_costs

    @property
    def ordinary_profit(self) -> np.ndarray:
        """ordinary_profit_k = revenue_k − expenses_k."""
        return self.revenue - self.expenses

    @property
    def ordinary_profit_ex_subsidy(self) -> np.ndarray:
        """ordinary_profit_ex_subsidy_k = ordinary_profit_k − subsidy_k."""
        return self.ordinary_profit - self.subsidy


def change_outlook(outlook: Outlook, change: ItemChange) -> Outlook:
    """The outlook with ``change`` applied to every base (licensing: to every projected year).

    Distributions follow licensing: linked_costs′ = linked_costs × f_d + p × (licensing′ −
    licensing) each year, and the payout ratio becomes p × f_d (f_d the factor on distributions).
    """
    bases = dict(outlook.bases)
    for item in change.items():
        bases[item] = change.value(item, bases.get(item, 0.0))
    licensing = outlook.licensing * change.factors.get("licensing_income", 1.0)
    licensing = licensing + change.additions.get("licensing_income", 0.0)
    f_d = change.factors.get("distribution_cost", 1.0)
    linked = outlook.linked_costs * f_d + outlook.payout * (licensing - outlook.licensing)
    return replace(
        outlook,
        bases=bases,
        licensing=licensing,
        linked_costs=linked,
        payout=outlook.payout * f_d,
    )


def total_outlook(outlooks: Sequence[Outlook]) -> Outlook:
    """The sum of several outlooks over the same years: each base and each array added; the
    payout ratio is the licensing-weighted mean Σ pᵢ Lᵢ / Σ Lᵢ of the licensing bases."""
    first = outlooks[0]
    lic = [o.bases.get("licensing_income", 0.0) for o in outlooks]
    weighted = sum(o.payout * x for o, x in zip(outlooks, lic, strict=True))
    return Outlook(
        first.fiscal_years,
        {item: sum(o.bases.get(item, 0.0) for o in outlooks) for item in BASE_ITEMS},
        np.sum([o.licensing for o in outlooks], axis=0),
        np.sum([o.subsidy for o in outlooks], axis=0),
        np.sum([o.extra_costs for o in outlooks], axis=0),
        np.sum([o.linked_costs for o in outlooks], axis=0),
        weighted / sum(lic) if sum(lic) > 0 else 0.0,
    )


def initial_outlook(ledger: Ledger, assessment: Assessment, *, base_years: int) -> Outlook:
    """A TLO's outlook as `assess` projects it (within the horizon): revenue bases the mean of the
    last up to ``base_years`` usable years, costs at the as-of run-rate, distributions the payout
    ratio × projected licensing (the first year's as the base, later changes as costs beyond the
    run-rate), the subsidy by schedule."""
    projection = assessment.risk.horizon_projection
    as_of, approved = assessment.as_of, assessment.profile.approved_fy
    usable = [fy for fy in ledger.years if fy <= as_of and (approved is None or fy > approved)]
    base = usable[-base_years:] or [as_of]
    bases = {}
    for item in BASE_ITEMS:
        series = ledger.amounts.get(item, {})
        if item in EXPENSE_ITEMS:
            bases[item] = series.get(as_of, 0.0)
        else:
            bases[item] = float(np.mean([series.get(fy, 0.0) for fy in base]))
    distribution = np.array([p.distribution_cost for p in projection], dtype=float)
    bases["distribution_cost"] = float(distribution[0]) if len(distribution) else 0.0
    return Outlook(
        tuple(p.fiscal_year for p in projection),
        bases,
        np.array([p.licensing_income for p in projection], dtype=float),
        np.array([p.subsidy_income for p in projection], dtype=float),
        np.zeros(len(projection)),
        distribution - bases["distribution_cost"],
        payout_ratio(ledger, as_of=assessment.as_of),
    )


def ordinary_profit_in(ledger: Ledger, fiscal_year: int) -> float:
    """The ledger's ordinary profit (revenue − expenses) in one fiscal year."""
    items = {item: ledger.value(item, fiscal_year) or 0.0 for item in PL_ITEMS}
    return float(profit.ordinary_profit(profit.revenue_of(items), profit.expenses_of(items)))


def revenue_in(ledger: Ledger, fiscal_year: int) -> float:
    """The ledger's revenue in one fiscal year."""
    return float(profit.revenue_of({i: ledger.value(i, fiscal_year) or 0.0 for i in PL_ITEMS}))


@dataclass(frozen=True, slots=True, eq=False)
class Entity:
    """A TLO as the scenario has left it: pro-forma ledger, outlook, and what it is made of."""

    ledger: Ledger
    outlook: Outlook
    origin: tuple[str, ...]  # ids of the original TLOs inside it
    history: tuple[str, ...] = ()  # the kinds of step that changed it, in order

    @property
    def id(self) -> str:
        return self.ledger.id

    @property
    def changed(self) -> bool:
        return bool(self.history)


@dataclass(frozen=True, slots=True, eq=False)
class State:
    """Every entity with data for the as-of year, and what has become of the others."""

    as_of: int
    settings: Settings
    entities: tuple[Entity, ...]
    gone: Mapping[str, str] = field(default_factory=dict)  # casefold id → what became of it
    excluded: Mapping[str, str] = field(default_factory=dict)  # casefold id → why not included

    @property
    def horizon(self) -> int:
        return self.settings.thresholds.horizon

    def find(self, entity_id: str) -> Entity | None:
        wanted = entity_id.casefold()
        return next((e for e in self.entities if e.id.casefold() == wanted), None)

    def resolve(self, ids: Iterable[str], *, step: int) -> list[Entity]:
        """The entities named (case-insensitively); an unknown, gone or repeated id is an error."""
        found: list[Entity] = []
        for raw in ids:
            entity = self.find(raw)
            key = raw.casefold()
            if entity is None:
                if key in self.gone:
                    raise ScenarioError(f"step {step}: {raw} {self.gone[key]}")
                if key in self.excluded:
                    raise ScenarioError(f"step {step}: {raw} {self.excluded[key]}")
                known = ", ".join(e.id for e in self.entities)
                raise ScenarioError(f"step {step}: no TLO with id {raw!r} (ids: {known})")
            if any(e is entity for e in found):
                raise ScenarioError(f"step {step}: {entity.id} is named twice")
            found.append(entity)
        return found

    def with_changes(
        self, removed: Sequence[Entity], added: Sequence[Entity], gone: Mapping[str, str]
    ) -> State:
        """The state with ``removed`` replaced by ``added`` (in the place of the first removed)."""
        out: list[Entity] = []
        for entity in self.entities:
            if any(entity is r for r in removed):
                if entity is removed[0]:
                    out.extend(added)
            else:
                out.append(entity)
        taken = {e.id.casefold() for e in self.entities if not any(e is r for r in removed)}
        for entity in added:
            if entity.id.casefold() in taken:
                raise ScenarioError(f"the id {entity.id} is already taken by another TLO")
        return replace(self, entities=tuple(out), gone={**self.gone, **gone})


def initial_state(
    ledgers: Sequence[Ledger], *, as_of: int | None = None, settings: Settings | None = None
) -> tuple[State, CohortAssessment]:
    """The cohort before any step: one entity per TLO with data for as-of, and its assessment."""
    settings = settings or Settings()
    cohort = assess_cohort(ledgers, as_of=as_of, settings=settings)
    by_id = {led.id.casefold(): led for led in ledgers}
    entities = []
    for a in sorted(cohort.assessments, key=lambda a: a.profile.id):
        ledger = by_id[a.profile.id.casefold()]
        outlook = initial_outlook(ledger, a, base_years=settings.thresholds.base_years)
        entities.append(Entity(ledger, outlook, (ledger.id,)))
    excluded = {
        n.id.casefold(): f"cannot take part: {n.reason.replace('no data', 'it has no data')}"
        for n in cohort.not_ranked
    }
    return State(cohort.as_of, settings, tuple(entities), excluded=excluded), cohort
