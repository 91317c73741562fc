"""Scenario plans: `[[step]]` tables read from TOML, checked, and applied in order.

A plan names its steps; each step has a ``kind`` (merge, internalize, alliance), who takes
part (``members``, ``tlo``, ``region`` or ``by_region``), an optional ``name`` (and for a merge
the merged entity's ``id``), and assumption keys named as the options are (docs/scenarios.md). Unknown keys, ids that
match no TLO and impossible combinations (a TLO in two mergers, a TLO internalized after
being merged away) are errors that name the key or id and the step.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from tlo_cli.model import Region
from tlo_cli.scenarios.alliance import AllianceAssumptions, alliance
from tlo_cli.scenarios.amounts import parse_amount
from tlo_cli.scenarios.internalize import InternalizeAssumptions, internalize
from tlo_cli.scenarios.merge import MergeAssumptions, merge
from tlo_cli.scenarios.record import StepKind, StepRecord
from tlo_cli.scenarios.state import ScenarioError, State

Assumptions = MergeAssumptions | InternalizeAssumptions | AllianceAssumptions
ASSUMPTIONS: dict[StepKind, type[Assumptions]] = {
    StepKind.MERGE: MergeAssumptions,
    StepKind.INTERNALIZE: InternalizeAssumptions,
    StepKind.ALLIANCE: AllianceAssumptions,
}
WHO: dict[StepKind, tuple[str, ...]] = {
    StepKind.MERGE: ("members", "region", "by_region"),
    StepKind.INTERNALIZE: ("tlo",),
    StepKind.ALLIANCE: ("members", "region"),
}
#: Assumptions that are amounts of yen (a unit may be written: 2000千円, 2m, ¥2,000,000).
AMOUNT_KEYS = ("integration_cost", "transition_cost", "fee", "secretariat_cost")
#: Assumptions that are text (a TLO id).
TEXT_KEYS = ("hub",)
#: The largest plan file read, in bytes.
MAX_PLAN_BYTES = 1_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step of a plan: what kind, who takes part, and the assumptions in force."""

    kind: StepKind
    assumptions: Assumptions
    members: tuple[str, ...] = ()
    tlo: str | None = None
    region: Region | None = None
    by_region: bool = False
    name: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        given = [
            key
            for key, value in (
                ("members", self.members),
                ("tlo", self.tlo),
                ("region", self.region),
                ("by_region", self.by_region),
            )
            if value
        ]
        if len(given) != 1:
            choices = ", ".join(WHO[self.kind])
            raise ScenarioError(
                f"kind {self.kind.value} takes exactly one of: {choices}"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if given[0] not in WHO[self.kind]:
            raise ScenarioError(f"{given[0]} cannot be used with kind {self.kind.value}")
        if self.id is not None and (self.kind is not StepKind.MERGE or self.by_region):
            raise ScenarioError("id names the TLO of a single merger only")

    def given(self) -> dict[str, Any]:
        """The assumptions as given (a default integration cost shows as null)."""
        a = self.assumptions
        return {f.name: _plain(getattr(a, f.name)) for f in fields(a)}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, slots=True)
class Plan:
    """Steps applied in order."""

    steps: tuple[Step, ...]
    name: str | None = None
    description: str | None = None


def _key(raw: str) -> str:
    return raw.strip().replace("-", "_").lower()


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(f"{key} = {value!r}: expected a number")
    return float(value)


def _ids(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ScenarioError(f"{key} = {value!r}: expected a list of TLO ids")
    ids = tuple(v.strip() for v in value if v.strip())
    if not ids:
        raise ScenarioError(f"{key}: expected at least one TLO id")
    return ids


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{key} = {value!r}: expected text")
    return value.strip()


def region_of(text: str) -> Region:
    """A region by its code, case-insensitively."""
    try:
        return Region(text.strip().lower())
    except ValueError:
        regions = ", ".join(r.value for r in Region)
        raise ScenarioError(f"region {text!r}: expected one of {regions}") from None


def parse_step(table: Mapping[str, Any]) -> Step:
    """One `[[step]]` table as a Step; unknown keys and bad values are errors naming the key."""
    entries = {_key(k): v for k, v in table.items()}
    if "kind" not in entries:
        raise ScenarioError("missing key 'kind' (merge, internalize or alliance)")
    try:
        kind = StepKind(_text("kind", entries.pop("kind")).lower())
    except ValueError:
        raise ScenarioError(
            f"kind = {table.get('kind')!r}: expected merge, internalize or alliance"
        ) from None
    names = [f.name for f in fields(ASSUMPTIONS[kind])]
    accepted = ["name", *WHO[kind], *(["id"] if kind is StepKind.MERGE else []), *names]
    for key in entries:
        if key not in accepted:
            raise ScenarioError(
                f"unknown key '{key}' for kind {kind.value} (accepted: {', '.join(accepted)})"
            )
    values: dict[str, Any] = {}
    for key in names:
        if key not in entries:
            continue
        raw = entries[key]
        if key == "phase_in":
            shares = raw if isinstance(raw, list) else [raw]
            values[key] = tuple(_number(key, v) for v in shares)
        elif key in AMOUNT_KEYS:
            values[key] = parse_amount(key, raw)
        elif key in TEXT_KEYS:
            values[key] = _text(key, raw)
        else:
            values[key] = _number(key, raw)
    by_region = entries.get("by_region", False)
    if not isinstance(by_region, bool):
        raise ScenarioError(f"by_region = {by_region!r}: expected true or false")
    return Step(
        kind=kind,
        assumptions=ASSUMPTIONS[kind](**values),
        members=_ids("members", entries["members"]) if "members" in entries else (),
        tlo=_text("tlo", entries["tlo"]) if "tlo" in entries else None,
        region=region_of(_text("region", entries["region"])) if "region" in entries else None,
        by_region=by_region,
        name=_text("name", entries["name"]) if "name" in entries else None,
        id=_text("id", entries["id"]) if "id" in entries else None,
    )


def parse_plan(text: str) -> Plan:
    """A plan from TOML text (a leading UTF-8 byte-order mark is ignored); errors name the step
    number and the key; arrays or tables nested too deeply for Python are an error too."""
    try:
        return _parse_plan(text.removeprefix("\ufeff"))
    except RecursionError:
        raise ScenarioError("not a plan: arrays or tables nested too deeply") from None


def _parse_plan(text: str) -> Plan:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"not valid TOML: {exc}") from None
    for key in document:
        if key not in ("name", "description", "step"):
            raise ScenarioError(f"unknown key '{key}' (accepted: name, description, [[step]])")
    tables = document.get("step")
    if not isinstance(tables, list) or not tables:
        raise ScenarioError("no [[step]] tables: a plan needs at least one step")
    steps = []
    for number, table in enumerate(tables, start=1):
        if not isinstance(table, dict):
            raise ScenarioError(f"step {number}: expected a [[step]] table")
        try:
            steps.append(parse_step(table))
        except ScenarioError as exc:
            raise ScenarioError(f"step {number}: {exc}") from None
    name = document.get("name")
    description = document.get("description")
    return Plan(
        tuple(steps),
        _text("name", name) if name is not None else None,
        _text("description", description) if description is not None else None,
    )


def external_by_region(state: State) -> dict[Region, list[str]]:
    """The ids of the external entities of each region, in region order."""
    groups: dict[Region, list[str]] = {r: [] for r in Region}
    for e in state.entities:
        profile = e.ledger.profile
        if profile.internal is False and profile.region is not None:
            groups[profile.region].append(e.id)
    return groups


def wide_area_id(region: Region) -> str:
    return f"WIDE-{region.value.upper()}"


def apply_step(state: State, step: Step, number: int) -> list[tuple[StepRecord, State]]:
    """Carry out one step (a by-region merger is one merger per region); each record with the
    state after it."""
    a = step.assumptions
    if isinstance(a, InternalizeAssumptions):
        assert step.tlo is not None
        after, record = internalize(state, tlo=step.tlo, assumptions=a, step=number, name=step.name)
        return [(record, after)]
    groups = external_by_region(state)
    if step.by_region:
        chosen = {r: ids for r, ids in groups.items() if len(ids) >= 2}
        if not chosen:
            raise ScenarioError(f"step {number}: no region has two or more external TLOs")
    elif step.region is not None:
        ids = groups[step.region]
        if len(ids) < 2:
            raise ScenarioError(
                f"step {number}: region {step.region.value} has {len(ids)} external TLO(s) with "
                f"data for FY{state.as_of}; kind {step.kind.value} needs two or more"
            )
        chosen = {step.region: ids}
    else:
        chosen = {}
    out: list[tuple[StepRecord, State]] = []
    if not chosen:
        out.append(_group(state, step, number, step.members, None))
    for region, ids in chosen.items():
        out.append(_group(out[-1][1] if out else state, step, number, ids, region))
    return out


def _group(
    state: State, step: Step, number: int, members: Sequence[str], region: Region | None
) -> tuple[StepRecord, State]:
    a = step.assumptions
    name = step.name
    if region is not None:
        noun = "wide-area TLO" if step.kind is StepKind.MERGE else "alliance"
        label = f"{region.value.title()} {noun}"
        name = f"{step.name}: {label}" if step.name and step.by_region else (step.name or label)
    if isinstance(a, MergeAssumptions):
        new_id = step.id or (wide_area_id(region) if region else None)
        after, record = merge(
            state, members=members, assumptions=a, step=number, name=name, new_id=new_id
        )
    else:
        assert isinstance(a, AllianceAssumptions)
        after, record = alliance(state, members=members, assumptions=a, step=number, name=name)
    return record, after


def apply_plan(state: State, plan: Plan) -> list[tuple[StepRecord, State]]:
    """Every step in order; each record with the state after it."""
    out: list[tuple[StepRecord, State]] = []
    for number, step in enumerate(plan.steps, start=1):
        out.extend(apply_step(out[-1][1] if out else state, step, number))
    return out
