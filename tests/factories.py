"""Ledgers built directly in memory for the figure tests (amounts in yen)."""

from __future__ import annotations

from tlo_cli.errors import Location
from tlo_cli.model import Form, Ledger, Profile, Region, Unit


def make_ledger(
    tlo_id: str,
    amounts: dict[str, dict[int, float]],
    *,
    form: Form | None = Form.KABUSHIKI,
    region: Region | None = Region.KANTO,
    approved_fy: int | None = 2001,
    subsidy_years: int = 5,
    name: str | None = None,
) -> Ledger:
    """A ledger whose years are those of its amounts; every listed item covers every year."""
    years = tuple(sorted({fy for series in amounts.values() for fy in series}))
    full = {
        item: {fy: float(series.get(fy, 0.0)) for fy in years} for item, series in amounts.items()
    }
    profile = Profile(
        id=tlo_id,
        name=name or f"TLO {tlo_id}",
        form=form,
        region=region,
        approved_fy=approved_fy,
        subsidy_years=subsidy_years,
    )
    return Ledger(profile, Location(f"{tlo_id}.xlsx", "ledger"), years, full, Unit.THOUSAND)


def flat(years: range, **items: float) -> dict[str, dict[int, float]]:
    """The same amount of each item in every year."""
    return {item: dict.fromkeys(years, value) for item, value in items.items()}
