"""Records shared by every layer: profiles, ledgers and the canonical line items.

Amounts are held in yen. Fiscal years run April to March and are named by the calendar
year in which they start (FY2007 = April 2007 to March 2008).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tlo_cli.errors import Issue, Location


class Form(StrEnum):
    """Legal form of a TLO."""

    KABUSHIKI = "kabushiki"
    YUGEN = "yugen"
    GODO = "godo"
    ZAIDAN = "zaidan"
    SHADAN = "shadan"
    INTERNAL = "internal"


class Region(StrEnum):
    """The eight regions of Japan used in the wide-area TLO debate."""

    HOKKAIDO = "hokkaido"
    TOHOKU = "tohoku"
    KANTO = "kanto"
    CHUBU = "chubu"
    KINKI = "kinki"
    CHUGOKU = "chugoku"
    SHIKOKU = "shikoku"
    KYUSHU = "kyushu"


class Kind(StrEnum):
    """What a canonical line item is."""

    REVENUE = "revenue"
    EXPENSE = "expense"
    BALANCE = "balance"
    COUNT = "count"


REVENUE_ITEMS: tuple[str, ...] = (
    "licensing_income",
    "membership_income",
    "contract_income",
    "subsidy_income",
    "other_income",
)
EXPENSE_ITEMS: tuple[str, ...] = (
    "personnel_cost",
    "patent_cost",
    "distribution_cost",
    "admin_cost",
    "other_expenses",
)
BALANCE_ITEMS: tuple[str, ...] = ("net_assets", "cash")
COUNT_ITEMS: tuple[str, ...] = ("licenses_executed", "patent_applications", "staff")
PL_ITEMS: tuple[str, ...] = REVENUE_ITEMS + EXPENSE_ITEMS
ITEMS: tuple[str, ...] = PL_ITEMS + BALANCE_ITEMS + COUNT_ITEMS

ITEM_KIND: dict[str, Kind] = {
    **dict.fromkeys(REVENUE_ITEMS, Kind.REVENUE),
    **dict.fromkeys(EXPENSE_ITEMS, Kind.EXPENSE),
    **dict.fromkeys(BALANCE_ITEMS, Kind.BALANCE),
    **dict.fromkeys(COUNT_ITEMS, Kind.COUNT),
}

DEFAULT_SUBSIDY_YEARS = 5


class Unit(StrEnum):
    """The unit amounts are stated in; the value is the number of yen in one unit."""

    YEN = "yen"
    THOUSAND = "thousand"
    MILLION = "million"

    @property
    def yen(self) -> int:
        return {"yen": 1, "thousand": 1_000, "million": 1_000_000}[self.value]

    @property
    def label(self) -> str:
        return {"yen": "円", "thousand": "千円", "million": "百万円"}[self.value]


@dataclass(frozen=True, slots=True)
class Profile:
    """Who a TLO is: identity, legal form, region and its subsidy window."""

    id: str
    name: str
    form: Form | None = None
    region: Region | None = None
    prefecture: str | None = None
    approved_fy: int | None = None
    subsidy_years: int = DEFAULT_SUBSIDY_YEARS
    universities: tuple[str, ...] = ()
    parent_university: str | None = None

    @property
    def internal(self) -> bool | None:
        """True inside a university, False for an external TLO, None when the form is unknown."""
        return None if self.form is None else self.form is Form.INTERNAL

    @property
    def subsidy_end_fy(self) -> int | None:
        """approved_fy + subsidy_years − 1: the last fiscal year of the METI subsidy."""
        if self.approved_fy is None:
            return None
        return self.approved_fy + self.subsidy_years - 1


@dataclass(frozen=True, slots=True)
class Ledger:
    """One TLO's statement: amounts in yen (counts as counts) by item and fiscal year.

    ``amounts[item][fy]`` holds a value for every fiscal year in ``years`` when the item
    appears in the ledger at all; items absent from the ledger are absent from ``amounts``.
    ``cells[(item, fy)]`` is the address of the (first) cell the value came from.
    """

    profile: Profile
    source: Location
    years: tuple[int, ...]
    amounts: dict[str, dict[int, float]]
    unit: Unit
    cells: dict[tuple[str, int], str] = field(default_factory=dict)
    warnings: tuple[Issue, ...] = ()

    @property
    def id(self) -> str:
        return self.profile.id

    def value(self, item: str, fiscal_year: int) -> float | None:
        """The amount of ``item`` in ``fiscal_year``, or None when the ledger lacks it."""
        series = self.amounts.get(item)
        if series is None:
            return None
        return series.get(fiscal_year)
