"""Scenario plans from the command line: options to a step, a TOML file to a plan, and the run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tlo_cli.model import Unit
from tlo_cli.render.tables import Format

if TYPE_CHECKING:
    from tlo_cli.scenarios.plan import Plan, Step


def run_plan_command(
    ledgers: list[Path],
    plan: Plan,
    *,
    plan_file: Path | None,
    as_of: int | None,
    horizon: int,
    window: int,
    fmt: Format,
    output: Path | None,
    unit: Unit | None,
    display_unit: Unit,
    strict: bool,
    fail_on: str | None,
) -> int:
    """Read the ledgers, run the plan, emit the report; the exit code per --fail-on."""
    from tlo_cli.cli.common import check_as_of, check_fail_on, failed, load_inputs, make_settings
    from tlo_cli.cli.output import emit
    from tlo_cli.errors import usage
    from tlo_cli.render.scenario import ScenarioReport
    from tlo_cli.scenarios.result import run_scenario
    from tlo_cli.scenarios.state import ScenarioError

    check_fail_on(fail_on)
    check_as_of(as_of)
    settings = make_settings(window=window, horizon=horizon, display_unit=display_unit)
    cohort, files = load_inputs(ledgers, unit=unit, strict=strict)
    try:
        result = run_scenario(cohort.ledgers, plan, as_of=as_of, settings=settings)
    except ScenarioError as exc:
        where = f"{plan_file}: " if plan_file else ""
        message = str(exc) if plan_file else str(exc).removeprefix("step 1: ")
        raise usage(where + message) from None
    inputs = [*files, plan_file] if plan_file else files
    emit(
        ScenarioReport(result, display_unit),
        fmt=fmt,
        output=output,
        inputs=inputs,
        unit=display_unit,
    )
    after = [v.assessment for v in result.after_entities()]
    return 1 if failed(after, fail_on) or cohort.skipped else 0


def member_ids(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").split(",") if p.strip())


def single(step: Step) -> Plan:
    from tlo_cli.scenarios.plan import Plan

    return Plan((step,))


def step_from_options(kind: str, **fields: object) -> Step:
    """A Step from command-line values; a bad value is a usage error naming the option."""
    from tlo_cli.errors import usage
    from tlo_cli.scenarios.plan import ASSUMPTIONS, Step
    from tlo_cli.scenarios.record import StepKind
    from tlo_cli.scenarios.state import ScenarioError

    step_kind = StepKind(kind)
    cls = ASSUMPTIONS[step_kind]
    names = set(cls.__dataclass_fields__)
    try:
        assumptions = cls(**{k: v for k, v in fields.items() if k in names})  # type: ignore[arg-type]
        return Step(
            kind=step_kind,
            assumptions=assumptions,
            **{k: v for k, v in fields.items() if k not in names},  # type: ignore[arg-type]
        )
    except ScenarioError as exc:
        import re

        keys = sorted({"members", "region", "by_region", "tlo", *names}, key=len, reverse=True)
        pattern = r"\b(" + "|".join(keys) + r")\b"
        text = re.sub(pattern, lambda m: "--" + m.group(1).replace("_", "-"), str(exc))
        raise usage(text) from None


def read_plan(path: Path) -> Plan:
    """A plan file; unreadable or invalid is a usage error naming the file (and step and key)."""
    from tlo_cli.errors import usage
    from tlo_cli.scenarios.plan import parse_plan
    from tlo_cli.scenarios.state import ScenarioError

    try:
        return parse_plan(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise usage(f"{path}: cannot read the plan ({exc})") from None
    except ScenarioError as exc:
        raise usage(f"{path}: {exc}") from None
