"""The subsidy-cliff calendar of `tlo sector`, worked out by hand."""

from __future__ import annotations

from tests.factories import make_ledger
from tlo_cli.metrics.cliffs import cliff_calendar
from tlo_cli.metrics.sector import sector_by_year

YEARS = range(2005, 2009)
#: Subsidy to FY2006 (approved FY2002): 60 of subsidy, losing 30 without it; FY2007 data: −30.
LOSER = make_ledger(
    "L",
    {
        "licensing_income": dict.fromkeys(YEARS, 70.0),
        "subsidy_income": {2005: 60.0, 2006: 60.0, 2007: 0.0, 2008: 0.0},
        "personnel_cost": dict.fromkeys(YEARS, 100.0),
    },
    approved_fy=2002,
)
#: Subsidy to FY2006 too, profitable without it.
WINNER = make_ledger(
    "W",
    {
        "licensing_income": dict.fromkeys(YEARS, 150.0),
        "subsidy_income": {2005: 20.0, 2006: 20.0, 2007: 0.0, 2008: 0.0},
        "personnel_cost": dict.fromkeys(YEARS, 100.0),
    },
    approved_fy=2002,
)
#: Subsidy to FY2010: no data for its cliff year FY2011.
LATE = make_ledger(
    "Z",
    {
        "licensing_income": dict.fromkeys(YEARS, 10.0),
        "subsidy_income": dict.fromkeys(YEARS, 30.0),
        "personnel_cost": dict.fromkeys(YEARS, 50.0),
    },
    approved_fy=2006,
)


class TestCliffCalendar:
    """Per last subsidised year: who, the subsidy lost, projected and seen deficits."""

    def test_hand_computed(self) -> None:
        """FY2006: L and W lose 60 + 20 = 80. Judged as of FY2006, L is projected at 70 − 100 =
        −30 in FY2007 (deficit) and W at +50: 1 of 2; in FY2007 L was seen at −30, W at +50:
        1 of 2. FY2010: Z judged as of FY2008 (its last year), projected 10 − 50 = −40 in
        FY2011: 1 of 1; no data for FY2011."""
        cal = {c.fiscal_year: c for c in cliff_calendar([LOSER, WINNER, LATE])}
        assert sorted(cal) == [2006, 2010]
        c = cal[2006]
        assert c.tlos == ("L", "W")
        assert c.subsidy_lost == 80.0
        assert (c.projected, c.projected_deficit, c.observed, c.observed_deficit) == (2, 1, 2, 1)
        z = cal[2010]
        assert (z.projected, z.projected_deficit, z.observed) == (1, 1, 0)
        assert z.to_dict()["cliff_fy"] == 2011

    def test_in_the_sector_and_concentration(self) -> None:
        """sector_by_year carries the calendar; with three TLOs the top 5 hold all licensing."""
        sector = sector_by_year([LOSER, WINNER, LATE])
        assert [c.fiscal_year for c in sector.cliffs] == [2006, 2010]
        assert sector.years[0].licensing_top5_share == 1.0
        assert sector.to_dict()["cliff_calendar"][0]["tlos"] == ["L", "W"]
