"""Amounts and shares of scenario assumptions: units, finiteness and bounds.

An amount (a fee, a one-off cost) may be written with a unit, on the command line and in a
plan: ``2000千円``, ``2百万円``, ``2万円``, ``2m``, ``2k``, ``¥2,000,000``, ``2,000,000円``. A bare
number is yen. Amounts must be finite and between 0 and :data:`MAX_AMOUNT` (¥1 trillion, a
hundred times the whole sector's yearly revenue); shares must be finite and within their range.
"""

from __future__ import annotations

import math
import re

from tlo_cli.scenarios.state import ScenarioError

#: The largest amount an assumption may take, in yen (¥1 trillion).
MAX_AMOUNT = 1e12
#: The largest licensing uplift (+1000%).
MAX_UPLIFT = 10.0

UNITS: dict[str, float] = {
    "": 1.0,
    "円": 1.0,
    "yen": 1.0,
    "jpy": 1.0,
    "千円": 1e3,
    "k": 1e3,
    "万円": 1e4,
    "百万円": 1e6,
    "m": 1e6,
    "億円": 1e8,
    "bn": 1e9,
    "b": 1e9,
}
UNIT_HELP = "a bare number is yen; a unit may follow: 2000千円, 2百万円, 2m, ¥2,000,000"
_AMOUNT = re.compile(r"^\s*[¥￥]?\s*([-+]?[0-9][0-9,]*(?:\.[0-9]*)?(?:e[-+]?[0-9]+)?)\s*(\S*)\s*$")


def parse_amount(name: str, value: object) -> float:
    """Yen from a number or a text with an optional unit (see :data:`UNITS`), checked.

    ``2000千円`` → 2,000,000; ``2m`` → 2,000,000; ``¥2,000,000`` → 2,000,000; ``2e6`` → 2,000,000.
    """
    if isinstance(value, bool):
        raise ScenarioError(f"{name} = {value!r}: expected an amount ({UNIT_HELP})")
    if isinstance(value, int | float):
        return check_amount(name, float(value))
    if not isinstance(value, str):
        raise ScenarioError(f"{name} = {value!r}: expected an amount ({UNIT_HELP})")
    text = value.strip().lower().replace("，", ",")
    match = _AMOUNT.match(text)
    unit = match.group(2) if match else None
    if match is None or unit not in UNITS or ",," in match.group(1):
        raise ScenarioError(f"{name} = {value!r}: expected an amount ({UNIT_HELP})")
    try:
        number = float(match.group(1).replace(",", ""))
    except ValueError:
        raise ScenarioError(f"{name} = {value!r}: expected an amount ({UNIT_HELP})") from None
    return check_amount(name, number * UNITS[unit])


def check_amount(name: str, value: float) -> float:
    """A finite amount between 0 and MAX_AMOUNT yen, else an error that says the bound."""
    if not math.isfinite(value) or not 0.0 <= value <= MAX_AMOUNT:
        raise ScenarioError(
            f"{name} = {value:g}: expected an amount from 0 to ¥{MAX_AMOUNT:,.0f} (¥1 trillion)"
        )
    return value


def check_share(name: str, value: float, *, low: float = 0.0, high: float = 1.0) -> float:
    """A finite number between ``low`` and ``high``, else an error that says the range."""
    if not math.isfinite(value) or not low <= value <= high:
        raise ScenarioError(f"{name} = {value:g}: expected a number from {low:g} to {high:g}")
    return value


def assumption_error(name: str, value: float, rule: str) -> ScenarioError:
    return ScenarioError(f"{name} = {value:g}: expected {rule}")


def check_fraction(name: str, value: float) -> None:
    """A share or a saving: a finite number between 0 and 1."""
    if not 0.0 <= value <= 1.0 or value != value:
        raise assumption_error(name, value, "a fraction between 0 and 1")
