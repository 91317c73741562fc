"""Invariants, property-tested: round trips, scale-free ratios, order-free rankings."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_ledger
from tlo_cli.ledger import read_file
from tlo_cli.metrics.assess import assess_cohort
from tlo_cli.model import (
    BALANCE_ITEMS,
    COUNT_ITEMS,
    ITEMS,
    PL_ITEMS,
    STATEMENT_ONLY_ITEMS,
    Form,
    Ledger,
    Unit,
)
from tlo_cli.render.statement_labels import Lang
from tlo_cli.render.statements import Style
from tlo_cli.render.workbook import SheetFormat, SheetLayout, write_ledger

PROFILE = {"id": "P1", "name": "Property TLO", "form": Form.KABUSHIKI, "approved_fy": 2001}


@st.composite
def ledgers_in_yen(draw: st.DrawFn) -> tuple[list[int], dict[str, dict[int, float]]]:
    """Fiscal years and whole-thousand yen amounts for every item (counts as counts)."""
    first = draw(st.integers(1998, 2010))
    years = list(range(first, first + draw(st.integers(1, 6))))
    amounts: dict[str, dict[int, float]] = {}
    for item in ITEMS:
        if item in STATEMENT_ONLY_ITEMS:  # read from published statements; not in the template
            continue
        if item in COUNT_ITEMS:
            values = st.integers(0, 500)
        elif item in BALANCE_ITEMS:
            values = st.integers(-50_000, 500_000).map(lambda v: v * 1000)
        else:
            values = st.integers(0, 300_000).map(lambda v: v * 1000)
        amounts[item] = {fy: float(draw(values)) for fy in years}
    # at least one amount somewhere in each year, so that no year reads as empty
    for fy in years:
        amounts["licensing_income"][fy] = amounts["licensing_income"][fy] or 1000.0
    return years, amounts


class TestTemplateRoundTrip:
    """Any ledger the template can express is read back unchanged."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        ledger=ledgers_in_yen(),
        layout=st.sampled_from(list(SheetLayout)),
        lang=st.sampled_from(list(Lang)),
        unit=st.sampled_from(list(Unit)),
    )
    def test_round_trip(
        self,
        ledger: tuple[list[int], dict[str, dict[int, float]]],
        layout: SheetLayout,
        lang: Lang,
        unit: Unit,
    ) -> None:
        """Write with the template's layout, read: same years, same amounts, no warnings."""
        years, amounts = ledger
        fmt = SheetFormat(layout=layout, lang=lang, unit=unit, style=Style.SIMPLE)
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "p.xlsx"
            write_ledger(path, profile=PROFILE, years=years, amounts=amounts, fmt=fmt)
            report = read_file(path)
        assert report.issues == ()
        (read,) = report.ledgers
        assert list(read.years) == years
        assert read.amounts == amounts


@st.composite
def cohorts(draw: st.DrawFn) -> list[Ledger]:
    n = draw(st.integers(2, 7))
    years = range(2003, 2008)
    out = []
    for i in range(n):
        amounts = {
            item: {fy: float(draw(st.integers(0, 50_000))) * 1000 for fy in years}
            for item in PL_ITEMS
        }
        if draw(st.booleans()):
            amounts["net_assets"] = {
                fy: float(draw(st.integers(0, 100_000))) * 1000 for fy in years
            }
        out.append(make_ledger(f"T{i}", amounts, approved_fy=draw(st.integers(1998, 2007))))
    return out


def scaled(ledger: Ledger, factor: float) -> Ledger:
    amounts = {
        item: {fy: v * factor if item not in COUNT_ITEMS else v for fy, v in series.items()}
        for item, series in ledger.amounts.items()
    }
    return make_ledger(ledger.id, amounts, approved_fy=ledger.profile.approved_fy)


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


class TestScaleAndOrder:
    """Ratios do not depend on the unit of money, nor the ranking on the order of inputs."""

    @settings(max_examples=60, deadline=None)
    @given(cohort=cohorts(), factor=st.sampled_from([0.001, 3.0, 1000.0]))
    def test_scaling_leaves_ratios(self, cohort: list[Ledger], factor: float) -> None:
        """Scaling every amount keeps every ratio, the score, the rank and the risk level."""
        before = assess_cohort(cohort)
        after = assess_cohort([scaled(led, factor) for led in cohort])
        assert [a.profile.id for a in before.assessments] == [
            a.profile.id for a in after.assessments
        ]
        for a, b in zip(before.assessments, after.assessments, strict=True):
            assert close(a.score, b.score)
            assert a.risk.level is b.risk.level
            assert [r.code for r in a.risk.reasons] == [r.code for r in b.risk.reasons]
            assert close(a.risk.runway_years, b.risk.runway_years)
            assert close(a.trend.licensing_cagr, b.trend.licensing_cagr)
            assert a.vulnerability.flags == b.vulnerability.flags
            for ya, yb in zip(a.years, b.years, strict=True):
                assert close(ya.subsidy_dependence, yb.subsidy_dependence)
                assert close(ya.margin, yb.margin)
                assert close(ya.margin_ex_subsidy, yb.margin_ex_subsidy)

    @settings(max_examples=60, deadline=None)
    @given(cohort=cohorts(), data=st.data())
    def test_permutation_leaves_ranking(self, cohort: list[Ledger], data: st.DataObject) -> None:
        """Permuting the TLOs gives the same ranking, scores and verdicts."""
        shuffled = data.draw(st.permutations(cohort))
        a, b = assess_cohort(cohort), assess_cohort(shuffled)
        assert [x.profile.id for x in a.assessments] == [x.profile.id for x in b.assessments]
        assert [x.score for x in a.assessments] == [x.score for x in b.assessments]
        assert [x.risk.level for x in a.assessments] == [x.risk.level for x in b.assessments]
