"""What several commands share: reading inputs, settings from options, exit codes."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tlo_cli.errors import InputError, Issue, Severity, TloError, usage
from tlo_cli.model import Unit

if TYPE_CHECKING:
    from tlo_cli.ledger.load import Cohort
    from tlo_cli.metrics.assess import CohortAssessment, Settings
    from tlo_cli.model import Assessment, Ledger


def _import_figures() -> None:
    """Import the figures (numpy) while other processes read ledgers."""
    import numpy.ma  # noqa: F401  (imported by np.unique, for the percentile ranks)

    import tlo_cli.metrics.assess  # noqa: F401


def load_inputs(
    paths: Sequence[Path], *, unit: Unit | None, strict: bool, quiet_warnings: bool = True
) -> tuple[Cohort, list[Path]]:
    """Read every input; say on stderr what was skipped. Raises when nothing could be read."""
    from tlo_cli.cli.output import diagnostic
    from tlo_cli.ledger.load import read_inputs

    cohort, files, own = read_inputs(paths, unit=unit, strict=strict, meanwhile=_import_figures)
    # The cohort lives until the command ends: the collector need not walk its million objects
    # again in every full collection of the figures and the output (nor at exit).
    gc.freeze()
    for path in own:
        diagnostic(f"skipped {path}: written by tlo (a report or export), not a ledger")
    if not cohort.ledgers and len(cohort.skipped) == 1:
        raise InputError(cohort.skipped[0].issue)
    for skipped in cohort.skipped:
        diagnostic(f"skipped: {skipped.error}")
    if not cohort.ledgers:
        raise TloError(
            Issue("no-ledgers", "no ledger could be read from the inputs", None, Severity.ERROR)
        )
    warnings = [w for led in cohort.ledgers for w in led.warnings]
    if warnings and quiet_warnings:
        diagnostic(f"{len(warnings)} warning(s) in the ledgers read; `tlo validate` lists them")
    else:
        for w in warnings:
            diagnostic(f"warning: {w}")
    return cohort, files


WEIGHT_NAMES = ("margin_ex_subsidy", "self_sustainability", "licensing_trend", "coverage")
WEIGHT_DEFAULTS = (0.35, 0.25, 0.2, 0.2)
WEIGHT_ALIASES = {
    "margin": "margin_ex_subsidy",
    "sustainability": "self_sustainability",
    "trend": "licensing_trend",
    "runway": "coverage",
    **{name: name for name in WEIGHT_NAMES},
}


def parse_weights(text: str | None) -> tuple[float, float, float, float] | None:
    """`0.4,0.2,0.2,0.2` or `margin=0.4,runway=0.3` (unnamed components keep their default)."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    values = dict(zip(WEIGHT_NAMES, WEIGHT_DEFAULTS, strict=True))
    try:
        if all("=" not in p for p in parts):
            if len(parts) != 4:
                raise ValueError
            values = dict(zip(WEIGHT_NAMES, map(float, parts), strict=True))
        else:
            for part in parts:
                key, _, value = part.partition("=")
                values[WEIGHT_ALIASES[key.strip().lower()]] = float(value)
        if not all(0 <= v < float("inf") for v in values.values()) or sum(values.values()) <= 0:
            raise ValueError
    except (ValueError, KeyError):
        raise usage(
            f"--weights {text}: expected four finite non-negative numbers or name=value pairs",
            "names: margin, sustainability, trend, coverage (runway); "
            "e.g. --weights 0.35,0.25,0.2,0.2",
        ) from None
    a, b, c, d = (values[n] for n in WEIGHT_NAMES)
    return a, b, c, d


def make_settings(
    *,
    window: int = 5,
    horizon: int = 3,
    runway: float = 3.0,
    dependence: float = 0.30,
    decline: float = -0.10,
    margin: float = 0.05,
    weights: str | None = None,
    display_unit: Unit = Unit.THOUSAND,
) -> Settings:
    from tlo_cli.metrics.assess import Settings
    from tlo_cli.metrics.risk import Thresholds
    from tlo_cli.metrics.score import Weights

    parsed = parse_weights(weights)
    return Settings(
        thresholds=Thresholds(
            window=window,
            horizon=horizon,
            runway_years=runway,
            subsidy_dependence=dependence,
            licensing_decline=decline,
            margin_ex_subsidy=margin,
        ),
        weights=Weights(*parsed) if parsed else Weights(),
        reason_unit=display_unit,
    )


def check_fail_on(value: str | None) -> None:
    if value is not None and value not in ("at-risk", "deficit"):
        raise usage(f"--fail-on {value}: expected at-risk or deficit")


def failed(assessments: Sequence[Assessment], fail_on: str | None) -> bool:
    """True when --fail-on names a condition some TLO in the result meets."""
    if fail_on == "at-risk":
        return any(a.risk.at_risk for a in assessments)
    if fail_on == "deficit":
        return any(a.current.ordinary_profit < 0 for a in assessments)
    return False


def check_as_of(as_of: int | None) -> None:
    if as_of is not None and not 1950 <= as_of <= 2100:
        raise usage(f"--as-of {as_of}: expected a fiscal year between 1950 and 2100")


def assess_ranked(
    ledgers: Sequence[Ledger], *, as_of: int | None, settings: Settings, external_only: bool
) -> tuple[list[Ledger], CohortAssessment]:
    """The ledgers ranked (outside universities only with --external-only) and their
    assessment; a usage error when none is left or none has data for as-of."""
    from tlo_cli.metrics.assess import assess_cohort

    kept = [led for led in ledgers if not external_only or led.profile.internal is False]
    if not kept:
        raise usage("no external TLO among the inputs", "drop --external-only")
    result = assess_cohort(kept, as_of=as_of, settings=settings)
    if not result.assessments:
        raise usage(f"no TLO has data for FY{result.as_of}", "choose another --as-of")
    return kept, result
