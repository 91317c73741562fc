"""Run a scenario plan on a cohort: the cohort before and after, and what each step did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tlo_cli.metrics.assess import NotRanked, Settings
from tlo_cli.model import Ledger
from tlo_cli.scenarios.decompose import Decomposition, decompose, null_plan
from tlo_cli.scenarios.plan import Plan, apply_plan
from tlo_cli.scenarios.record import StepRecord
from tlo_cli.scenarios.sensitivity import SensitivityRow, sensitivity
from tlo_cli.scenarios.state import ScenarioError, initial_state
from tlo_cli.scenarios.view import CohortView, EntityView, Summary, view_state


@dataclass(frozen=True, slots=True, eq=False)
class StepResult:
    """One step and the cohort summary (as-of, pro forma) just before and just after it."""

    record: StepRecord
    before: Summary
    after: Summary

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.record.to_dict(),
            "summary_before": self.before.to_dict(),
            "summary_after": self.after.to_dict(),
        }


@dataclass(frozen=True, slots=True, eq=False)
class ScenarioResult:
    """The whole cohort before and after every step, and which entities the plan touched."""

    kind: str  # merge, internalize, alliance, or plan (several steps)
    name: str
    description: str | None
    assumptions: dict[str, Any]
    steps: tuple[StepResult, ...]
    before: CohortView
    after: CohortView
    affected_before: tuple[str, ...]
    affected_after: tuple[str, ...]
    not_included: tuple[NotRanked, ...]
    settings: Settings
    decomposition: Decomposition
    sensitivity: tuple[SensitivityRow, ...]

    @property
    def as_of(self) -> int:
        return self.before.as_of

    def before_entities(self) -> list[EntityView]:
        """The entities the plan changed, as they were."""
        return [v for v in self.before.entities if v.id in self.affected_before]

    def after_entities(self) -> list[EntityView]:
        """What those entities became."""
        return [v for v in self.after.entities if v.id in self.affected_after]


def run_scenario(
    ledgers: Sequence[Ledger],
    plan: Plan,
    *,
    as_of: int | None = None,
    settings: Settings | None = None,
) -> ScenarioResult:
    """Apply ``plan`` to the TLOs with data for ``as_of`` and assess the cohort before and after.

    Before and after are judged as of the same fiscal year with the same settings; the as-of
    year is pro forma (every change at full run-rate, no one-off costs), the projected years
    carry phase-in and one-off costs.
    """
    state, cohort = initial_state(ledgers, as_of=as_of, settings=settings)
    if not state.entities:
        raise ScenarioError(f"no TLO has data for FY{state.as_of}")
    applied = apply_plan(state, plan)
    views = [view_state(state), *(view_state(after) for _, after in applied)]
    steps = tuple(
        StepResult(record, views[i].summary, views[i + 1].summary)
        for i, (record, _) in enumerate(applied)
    )
    final = applied[-1][1]
    changed = [e for e in final.entities if e.changed]
    origins = {o for e in changed for o in e.origin}
    records = [r for r, _ in applied]
    aggregated = view_state(apply_plan(state, null_plan(plan))[-1][1])
    affected_after = tuple(e.id for e in changed)
    single = len(plan.steps) == 1
    if single and len(records) == 1:
        name = plan.name or records[0].name
    elif single:
        name = plan.name or "Wide-area TLOs: every region's external TLOs merged"
    else:
        name = plan.name or "Scenario plan"
    return ScenarioResult(
        kind=plan.steps[0].kind.value if single else "plan",
        name=name,
        description=plan.description,
        assumptions=plan.steps[0].given() if single else {},
        steps=steps,
        before=views[0],
        after=views[-1],
        affected_before=tuple(e.id for e in state.entities if e.id in origins),
        affected_after=affected_after,
        not_included=cohort.not_ranked,
        settings=state.settings,
        decomposition=decompose(
            views[0], aggregated, views[-1], changed=affected_after, records=tuple(records)
        ),
        sensitivity=sensitivity(state, plan),
    )
