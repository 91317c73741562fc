"""The Python API: read ledgers, assess them, test scenarios and simulate, as DataFrames.

    import tlo_cli
    cohort = tlo_cli.read("data/sample")
    panel = cohort.to_frame()                     # tlo, fiscal_year, item, value, path, sheet, cell
    ranking = tlo_cli.assess(cohort).to_frame()   # one row per TLO, every figure and verdict

Every figure equals the CLI's `--format json` (amounts in yen). See docs/python.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlo_cli.errors import Issue, Severity, TloError, usage
from tlo_cli.model import Unit

if TYPE_CHECKING:
    import pandas as pd

    from tlo_cli.ledger.load import Cohort
    from tlo_cli.metrics.assess import CohortAssessment, Settings
    from tlo_cli.model import Ledger, Reading
    from tlo_cli.scenarios.plan import Plan
    from tlo_cli.scenarios.result import ScenarioResult
    from tlo_cli.scenarios.simulate import SimulationResult

__all__ = ["Assessed", "Scenario", "Simulated", "assess", "read", "scenario", "simulate"]

PathLike = str | Path
TIDY_COLUMNS = ("tlo", "fiscal_year", "item", "value", "path", "sheet", "cell")


def _paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def read(
    paths: PathLike | Iterable[PathLike], unit: Unit | str | None = None, *, strict: bool = False
) -> Cohort:
    """Read ledger workbooks, directories of them or combined workbooks into a cohort.

    ``unit`` is the unit of ledgers that state none ("yen", "thousand", "million"). Unreadable
    inputs are in ``cohort.skipped`` with the reason; when nothing could be read, raises
    :class:`tlo_cli.errors.TloError` naming the problem.
    """
    from tlo_cli.ledger.load import expand_paths, load_cohort

    files = expand_paths(_paths(paths))
    cohort = load_cohort(files, unit=Unit(unit) if unit is not None else None, strict=strict)
    if not cohort.ledgers:
        first = cohort.skipped[0].issue if cohort.skipped else None
        raise TloError(
            first or Issue("no-ledgers", "no ledger could be read", None, Severity.ERROR)
        )
    return cohort


def tidy_rows(ledgers: Sequence[Ledger]) -> list[tuple[Any, ...]]:
    """The tidy table as tuples (TIDY_COLUMNS): one row per TLO, fiscal year and item."""
    return [
        (led.id, fy, item, value, led.source.path, led.source.sheet, led.cells.get((item, fy)))
        for led in ledgers
        for item, series in led.amounts.items()
        for fy, value in series.items()
    ]


def tidy_frame(ledgers: Sequence[Ledger]) -> pd.DataFrame:
    """The tidy table as a DataFrame (values in yen; counts as counts)."""
    import pandas as pd

    return pd.DataFrame(tidy_rows(ledgers), columns=list(TIDY_COLUMNS))


def settings_from(display_unit: Unit = Unit.THOUSAND, **options: Any) -> Settings:
    """Settings from threshold names (``runway_years=2.5``, ``horizon=5``) and ``weights``.

    Names are those of :class:`tlo_cli.metrics.risk.Thresholds`; ``weights`` is a tuple of four
    numbers or the CLI's text (``"margin=0.5,runway=0.3"``).
    """
    from dataclasses import replace

    from tlo_cli.cli.common import parse_weights
    from tlo_cli.metrics.assess import Settings
    from tlo_cli.metrics.risk import Thresholds
    from tlo_cli.metrics.score import Weights

    weights = options.pop("weights", None)
    known = {f.name for f in fields(Thresholds)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise usage(
            f"unknown threshold {', '.join(unknown)}", f"accepted: {', '.join(sorted(known))}"
        )
    parsed = parse_weights(weights) if isinstance(weights, str) else weights
    return Settings(
        thresholds=replace(Thresholds(), **options),
        weights=Weights(*parsed) if parsed else Weights(),
        reason_unit=display_unit,
    )


def flat_row(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A JSON object as one flat row: nested objects as ``key.sub`` columns, lists joined
    with "; " (``reading.coverage.revenue``, ``reasons``)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flat_row(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = "; ".join(map(str, value))
        else:
            out[name] = value
    return out


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([flat_row(row) for row in rows])


@dataclass(frozen=True, slots=True)
class Assessed:
    """Every TLO with data for as-of, best first: the figures and verdicts of `tlo rank`."""

    result: CohortAssessment
    readings: Mapping[str, Reading] = field(default_factory=dict)  # how each ledger was read

    @property
    def as_of(self) -> int:
        return self.result.as_of

    def to_dict(self) -> dict[str, Any]:
        """The document of `tlo rank --format json`."""
        from tlo_cli.cli.output import jsonable
        from tlo_cli.render.figures import RankReport

        report = RankReport(self.result, readings=self.readings)
        document: dict[str, Any] = jsonable(report.to_dict())
        return document

    def to_frame(self) -> pd.DataFrame:
        """One row per TLO (rank order): every figure and verdict; lists joined with "; ".

        TLOs too young to score, when the result lists them apart (``too_young``), follow the
        ranked ones with ``too_young`` true.
        """
        doc = self.to_dict()
        rows = [{"as_of": self.as_of, **t} for t in doc["tlos"]]
        young = doc.get("too_young") or []
        if young:
            rows = [{**r, "too_young": False} for r in rows]
            rows += [{"as_of": self.as_of, **t, "too_young": True} for t in young]
        return _frame(rows)


def assess(cohort: Cohort, as_of: int | None = None, **thresholds: Any) -> Assessed:
    """Assess every TLO of ``cohort`` as of a fiscal year (default: the year most TLOs have).

    Keyword arguments override the thresholds (``runway_years``, ``subsidy_dependence``,
    ``licensing_decline``, ``margin_ex_subsidy``, ``window``, ``horizon``) and ``weights``.
    """
    from tlo_cli.metrics.assess import assess_cohort

    settings = settings_from(**thresholds)
    result = assess_cohort(cohort.ledgers, as_of=as_of, settings=settings)
    return Assessed(result, {ledger.id: ledger.reading for ledger in cohort.ledgers})


def _plan(plan: Plan | Mapping[str, Any] | PathLike) -> Plan:
    from tlo_cli.scenarios.plan import Plan, parse_plan, parse_step
    from tlo_cli.scenarios.state import ScenarioError

    if isinstance(plan, Plan):
        return plan
    try:
        if isinstance(plan, Mapping):
            steps = plan.get("step")
            if isinstance(steps, list):
                return Plan(tuple(parse_step(s) for s in steps), plan.get("name"), None)
            return Plan((parse_step(plan),), None, None)
        text = str(plan)
        if "[[step]]" in text:
            return parse_plan(text)
        return parse_plan(Path(text).read_text(encoding="utf-8"))
    except ScenarioError as exc:
        raise usage(f"plan: {exc}") from None
    except OSError as exc:
        raise usage(f"{plan}: cannot read the plan ({exc.strerror})") from None


@dataclass(frozen=True, slots=True)
class Scenario:
    """A scenario's cohort before and after: the document of `tlo scenario … --format json`."""

    result: ScenarioResult

    def to_dict(self) -> dict[str, Any]:
        from tlo_cli.cli.output import jsonable
        from tlo_cli.render.scenario import ScenarioReport

        document: dict[str, Any] = jsonable(ScenarioReport(self.result).to_dict())
        return document

    def to_frame(self) -> pd.DataFrame:
        """One row per entity changed, before and after (``side``)."""
        doc = self.to_dict()
        return _frame(
            [{"side": side, **e} for side in ("before", "after") for e in doc[side]["entities"]]
        )


def scenario(
    cohort: Cohort,
    plan: Plan | Mapping[str, Any] | PathLike,
    *,
    as_of: int | None = None,
    **thresholds: Any,
) -> Scenario:
    """Apply a plan: a TOML file or text, or one step as a dict (``{"kind": "merge",
    "members": ["T01", "T02"]}``), keys as in the plan files (docs/scenarios.md)."""
    from tlo_cli.scenarios.result import run_scenario
    from tlo_cli.scenarios.state import ScenarioError

    try:
        result = run_scenario(
            cohort.ledgers, _plan(plan), as_of=as_of, settings=settings_from(**thresholds)
        )
    except ScenarioError as exc:
        raise usage(f"scenario: {exc}") from None
    return Scenario(result)


@dataclass(frozen=True, slots=True)
class Simulated:
    """A Monte Carlo run: the document of `tlo simulate --format json`."""

    result: SimulationResult
    seed: int

    def to_dict(self) -> dict[str, Any]:
        from tlo_cli.cli.output import jsonable
        from tlo_cli.render.scenario import SimulationReport

        document: dict[str, Any] = jsonable(SimulationReport(self.result, self.seed).to_dict())
        return document

    def to_frame(self) -> pd.DataFrame:
        """One row per entity and simulated fiscal year (``side`` before or after a plan)."""
        doc = self.to_dict()
        rows: list[dict[str, Any]] = []
        sides = [("before", doc)] + ([("after", doc["after"])] if "after" in doc else [])
        for side, part in sides:
            for t in part["tlos"]:
                for k, fy in enumerate(doc["fiscal_years"]):
                    rows.append(
                        {
                            "side": side,
                            "id": t["id"],
                            "name": t["name"],
                            "fiscal_year": fy,
                            "p_deficit": t["p_deficit_by_year"][k],
                            "mean_ordinary_profit": t["mean_ordinary_profit_by_year"][k],
                            "p05_ordinary_profit": t["p05_ordinary_profit_by_year"][k],
                            "p50_ordinary_profit": t["p50_ordinary_profit_by_year"][k],
                            "p95_ordinary_profit": t["p95_ordinary_profit_by_year"][k],
                            "p_deficit_any": t["p_deficit_any"],
                        }
                    )
        return _frame(rows)


def simulate(
    cohort: Cohort,
    *,
    paths: int = 10_000,
    years: int = 5,
    seed: int = 0,
    cost_growth: float = 0.0,
    plan: Plan | Mapping[str, Any] | PathLike | None = None,
    as_of: int | None = None,
    **thresholds: Any,
) -> Simulated:
    """Simulate licensing income and costs (the same numbers as `tlo simulate --seed SEED`)."""
    import numpy as np

    from tlo_cli.scenarios.simulate import simulate_cohort
    from tlo_cli.scenarios.state import ScenarioError

    thresholds.setdefault("horizon", years)
    try:
        result = simulate_cohort(
            cohort.ledgers,
            rng=np.random.default_rng(seed),
            paths=paths,
            years=years,
            cost_growth=cost_growth,
            plan=_plan(plan) if plan is not None else None,
            as_of=as_of,
            settings=settings_from(**thresholds),
        )
    except ScenarioError as exc:
        raise usage(f"simulate: {exc}") from None
    return Simulated(result, seed)
