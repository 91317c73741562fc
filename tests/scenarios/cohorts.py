"""Small cohorts for the scenario tests, built in memory (amounts in yen)."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.factories import flat, make_ledger
from tlo_cli.model import Form, Ledger, Region
from tlo_cli.scenarios.plan import Plan, Step
from tlo_cli.scenarios.record import StepKind

YEARS = range(2005, 2008)


def ledger(
    tlo_id: str,
    *,
    region: Region = Region.KANTO,
    form: Form = Form.KABUSHIKI,
    approved_fy: int = 2001,
    **items: float,
) -> Ledger:
    """A TLO with the same amounts in FY2005–FY2007."""
    return make_ledger(
        tlo_id, flat(YEARS, **items), region=region, form=form, approved_fy=approved_fy
    )


def plan(kind: StepKind, assumptions: object, **who: object) -> Plan:
    """A one-step plan."""
    return Plan((Step(kind=kind, assumptions=assumptions, **who),))  # type: ignore[arg-type]


AMOUNT = st.integers(min_value=0, max_value=200_000).map(lambda k: k * 1000.0)


@st.composite
def cohorts(draw: st.DrawFn) -> list[Ledger]:
    """2–7 TLOs in a few regions, with histories of different lengths and random line items."""
    n = draw(st.integers(min_value=2, max_value=7))
    out = []
    for i in range(n):
        start = draw(st.integers(min_value=2002, max_value=2006))
        years = range(start, 2008)
        amounts = {
            item: {fy: draw(AMOUNT) for fy in years}
            for item in (
                "licensing_income",
                "membership_income",
                "subsidy_income",
                "personnel_cost",
                "patent_cost",
                "admin_cost",
                "distribution_cost",
            )
        }
        out.append(
            make_ledger(
                f"X{i}",
                amounts,
                region=draw(st.sampled_from([Region.KANTO, Region.KINKI, Region.KYUSHU])),
                form=draw(st.sampled_from([Form.KABUSHIKI, Form.ZAIDAN, Form.INTERNAL])),
                approved_fy=draw(st.integers(min_value=1998, max_value=2006)),
            )
        )
    return out
