"""Amounts with units, and the bounds of every assumption."""

from __future__ import annotations

import pytest

from tlo_cli.scenarios.amounts import MAX_AMOUNT, check_share, parse_amount
from tlo_cli.scenarios.state import ScenarioError


class TestUnits:
    """Each accepted form; a bare number is yen."""

    @pytest.mark.parametrize(
        ("text", "yen"),
        [
            ("2000千円", 2_000_000.0),
            ("2百万円", 2_000_000.0),
            ("200万円", 2_000_000.0),
            ("2m", 2_000_000.0),
            ("2M", 2_000_000.0),
            ("2000k", 2_000_000.0),
            ("¥2,000,000", 2_000_000.0),
            ("￥2,000,000", 2_000_000.0),
            ("2,000,000円", 2_000_000.0),
            ("2000000", 2_000_000.0),
            ("2e6", 2_000_000.0),
            ("1.5m", 1_500_000.0),
            ("0.02億円", 2_000_000.0),
            (" 2 m ", 2_000_000.0),
            (2_000_000, 2_000_000.0),
            (2.5e6, 2_500_000.0),
        ],
    )
    def test_accepted(self, text: object, yen: float) -> None:
        """2000 thousand yen = 2 million yen = 2m = ¥2,000,000."""
        assert parse_amount("fee", text) == yen

    @pytest.mark.parametrize("text", ["2 apples", "m", "", "¥", "2,,000", "true", "2mm"])
    def test_refused(self, text: str) -> None:
        """Anything else is an error naming the key and the accepted forms."""
        with pytest.raises(ScenarioError, match=r"fee = .*expected an amount \(a bare number"):
            parse_amount("fee", text)

    def test_booleans_are_not_amounts(self) -> None:
        """TOML true is not 1 yen."""
        with pytest.raises(ScenarioError, match="expected an amount"):
            parse_amount("fee", True)


class TestBounds:
    """Non-finite and absurd values are refused, saying the bound."""

    @pytest.mark.parametrize(
        "value", ["inf", "-inf", "nan", "1e308", float("inf"), float("nan"), 1e13, -1, "-2m"]
    )
    def test_amount_bound(self, value: object) -> None:
        """0 ≤ amount ≤ ¥1 trillion."""
        with pytest.raises(ScenarioError, match=r"fee = .*0 to ¥1,000,000,000,000|an amount"):
            parse_amount("fee", value)

    def test_largest_amount(self) -> None:
        """¥1 trillion itself is accepted."""
        assert parse_amount("fee", "1000000000000") == MAX_AMOUNT

    @pytest.mark.parametrize("value", [float("inf"), float("nan"), 11.0, -1.5])
    def test_share_bound(self, value: float) -> None:
        """A licensing uplift from −1 to 10 (+1000%)."""
        with pytest.raises(
            ScenarioError, match=r"licensing_uplift = .*expected a number from -1 to 10"
        ):
            check_share("licensing_uplift", value, low=-1.0, high=10.0)
