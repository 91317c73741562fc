"""Records shared by every layer: profiles, ledgers and the canonical line items.

Amounts are held in yen. Fiscal years run April to March and are named by the calendar
year in which they start (FY2007 = April 2007 to March 2008).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tlo_cli.errors import Issue, Location
from tlo_cli.numbers import finite_or_none as finite_or_none
from tlo_cli.reading import Folded as Folded
from tlo_cli.reading import Reading as Reading
from tlo_cli.reading import Unreconciled as Unreconciled


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
    "operating_grant_income",
    "one_off_income",
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
#: Stated figures reported as read, never added: 評価損益等調整前当期経常増減額.
STATED_ITEMS: tuple[str, ...] = ("ordinary_profit_before_valuation",)
#: Lines the reader derives when a summary table itemizes one side not at all (never typed);
#: they belong to revenue and expenses like any other line.
DERIVED_ITEMS: tuple[str, ...] = ("unitemized_revenue", "unitemized_expenses")
REVENUE_ITEMS += ("unitemized_revenue",)
EXPENSE_ITEMS += ("unitemized_expenses",)
PL_ITEMS: tuple[str, ...] = REVENUE_ITEMS + EXPENSE_ITEMS
ITEMS: tuple[str, ...] = PL_ITEMS + BALANCE_ITEMS + COUNT_ITEMS + STATED_ITEMS
#: Items read from published statements (or derived from them) that the template does not list.
STATEMENT_ONLY_ITEMS: tuple[str, ...] = (
    "operating_grant_income",
    "one_off_income",
    "unitemized_revenue",
    "unitemized_expenses",
    "ordinary_profit_before_valuation",
)

ITEM_KIND: dict[str, Kind] = {
    **dict.fromkeys(REVENUE_ITEMS, Kind.REVENUE),
    **dict.fromkeys(EXPENSE_ITEMS, Kind.EXPENSE),
    **dict.fromkeys(BALANCE_ITEMS, Kind.BALANCE),
    **dict.fromkeys(COUNT_ITEMS, Kind.COUNT),
    **dict.fromkeys(STATED_ITEMS, Kind.BALANCE),
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
    approved_month: int | None = None  # calendar month of approval, when a date was given

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

    @property
    def months_in_approval_year(self) -> int | None:
        """Months from the approval month to March, the approval year's end (April: 12)."""
        if self.approved_month is None:
            return None
        return (3 - self.approved_month) % 12 + 1


@dataclass(frozen=True, slots=True)
class CellMap:
    """Where each value of a ledger came from, held compactly.

    A value's cell is its line's position combined with its fiscal year's position: with items
    as rows, the line is a row number and the year a column; with years as rows, the other way
    round. ``get((item, fy))`` gives the address, such as "C7".
    """

    items_as_rows: bool = True
    item_at: dict[str, str] = field(default_factory=dict)
    year_at: dict[int, str] = field(default_factory=dict)

    def get(self, key: tuple[str, int], default: str | None = None) -> str | None:
        item, fiscal_year = key
        line, year = self.item_at.get(item), self.year_at.get(fiscal_year)
        if line is None or year is None:
            return default
        return year + line if self.items_as_rows else line + year

    def __getitem__(self, key: tuple[str, int]) -> str:
        cell = self.get(key)
        if cell is None:
            raise KeyError(key)
        return cell


@dataclass(frozen=True, slots=True)
class Ledger:
    """One TLO's statement: amounts in yen (counts as counts) by item and fiscal year.

    ``amounts[item][fy]`` holds a value for every fiscal year in ``years`` when the item
    appears in the ledger at all; items absent from the ledger are absent from ``amounts``.
    ``cells[(item, fy)]`` is the address of the cell the value came from (the first line of an
    item that appears on several; the last line of a balance or count stated twice).
    """

    profile: Profile
    source: Location
    years: tuple[int, ...]
    amounts: dict[str, dict[int, float]]
    unit: Unit
    cells: CellMap = field(default_factory=CellMap)
    warnings: tuple[Issue, ...] = ()
    skipped_columns: tuple[tuple[str, str, str], ...] = ()  # (sheet › cell, header, why)
    reading: Reading = field(default_factory=Reading)

    @property
    def id(self) -> str:
        return self.profile.id

    def value(self, item: str, fiscal_year: int) -> float | None:
        """The amount of ``item`` in ``fiscal_year``, or None when the ledger lacks it."""
        series = self.amounts.get(item)
        if series is None:
            return None
        return series.get(fiscal_year)


class RiskLevel(StrEnum):
    """How likely a TLO is to fall into (or stay in) deficit once the subsidy is gone."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def order(self) -> int:
        return {"low": 0, "medium": 1, "high": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Reason:
    """One risk rule that fired: a code and a sentence with the numbers behind it."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class YearFigures:
    """One fiscal year of a TLO: the items its ledger lists and the figures computed from them."""

    fiscal_year: int
    items: dict[str, float]
    revenue: float
    expenses: float
    ordinary_profit: float
    ordinary_profit_ex_subsidy: float
    subsidy_dependence: float | None
    margin: float | None
    margin_ex_subsidy: float | None

    def to_dict(self) -> dict[str, object]:
        return {
            "fiscal_year": self.fiscal_year,
            "revenue": self.revenue,
            "expenses": self.expenses,
            **self.items,
            "ordinary_profit": self.ordinary_profit,
            "ordinary_profit_ex_subsidy": self.ordinary_profit_ex_subsidy,
            "subsidy_dependence": finite_or_none(self.subsidy_dependence),
            "margin": finite_or_none(self.margin),
            "margin_ex_subsidy": finite_or_none(self.margin_ex_subsidy),
        }


@dataclass(frozen=True, slots=True)
class Trend:
    """Licensing income over the usable years of the window up to as-of.

    ``window`` is the span actually used (first and last usable year); ``points`` the number of
    usable years with positive licensing income the growth rates rest on.
    """

    window: tuple[int, int]
    licensing_cagr: float | None
    licensing_slope: float | None
    peak_fiscal_year: int | None
    drawdown_from_peak: float | None
    licensing_trend: float | None = None
    points: int = 0
    span: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "window": list(self.window),
            "licensing_cagr": finite_or_none(self.licensing_cagr),
            "licensing_trend": finite_or_none(self.licensing_trend),
            "licensing_slope": finite_or_none(self.licensing_slope),
            "peak_fiscal_year": self.peak_fiscal_year,
            "drawdown_from_peak": finite_or_none(self.drawdown_from_peak),
            "points": self.points,
            "span": self.span,
        }


@dataclass(frozen=True, slots=True)
class ProjectedYear:
    fiscal_year: int
    licensing_income: float
    subsidy_income: float
    revenue: float
    expenses: float
    ordinary_profit: float
    ordinary_profit_ex_subsidy: float
    distribution_cost: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Risk:
    """The verdict: level, every rule that fired, and the numbers behind it."""

    level: RiskLevel
    reasons: tuple[Reason, ...]
    runway_years: float | None
    runway_note: str | None
    breakeven_licensing_income: float | None
    projection: tuple[ProjectedYear, ...]
    cliff_fy: int | None = None  # the first fiscal year without the subsidy
    horizon: int | None = None  # projected years within the horizon (the rest reach the cliff)

    @property
    def at_risk(self) -> bool:
        return self.level is not RiskLevel.LOW

    @property
    def horizon_projection(self) -> tuple[ProjectedYear, ...]:
        """The projected years within the horizon (without the extension to the cliff year)."""
        return self.projection if self.horizon is None else self.projection[: self.horizon]

    def to_dict(self) -> dict[str, object]:
        return {
            "at_risk": self.at_risk,
            "level": self.level.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "runway_years": finite_or_none(self.runway_years),
            "runway_note": self.runway_note,
            "breakeven_licensing_income": finite_or_none(self.breakeven_licensing_income),
            "cliff_fy": self.cliff_fy,
            "projection": [p.to_dict() for p in self.projection],
        }


@dataclass(frozen=True, slots=True)
class Vulnerability:
    """Tuckman–Chang ratios in the as-of year and the ones on which the TLO is in the worst quintile."""

    equity_ratio: float | None
    revenue_concentration: float | None
    admin_share: float | None
    margin: float | None
    flags: tuple[str, ...]

    @property
    def severely_vulnerable(self) -> bool:
        return len(self.flags) == 4

    def to_dict(self) -> dict[str, object]:
        return {
            "equity_ratio": finite_or_none(self.equity_ratio),
            "revenue_concentration": finite_or_none(self.revenue_concentration),
            "admin_share": finite_or_none(self.admin_share),
            "margin": finite_or_none(self.margin),
            "flags": list(self.flags),
            "severely_vulnerable": self.severely_vulnerable,
        }


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    """One component of the score: its value, its percentile in the peer group and its weight."""

    name: str
    value: float | None
    percentile: float
    weight: float
    missing: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "value": finite_or_none(self.value),
            "percentile": self.percentile,
            "weight": self.weight,
            "missing": self.missing,
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything `tlo assess` says about one TLO as of a fiscal year.

    ``years`` (every fiscal year up to as-of) is built on first use: a ranking of a thousand
    TLOs needs only ``current``, the as-of year.
    """

    profile: Profile
    as_of: int
    current: YearFigures
    trend: Trend
    risk: Risk
    score: float | None
    vulnerability: Vulnerability
    warnings: tuple[Issue, ...] = ()
    history: tuple[YearFigures, ...] | Callable[[], tuple[YearFigures, ...]] = field(
        default=(), repr=False, compare=False
    )
    figures: dict[str, float | None] = field(default_factory=dict)  # version 2 figures, as-of
    usable_years: int = 0  # fiscal years with data after the approval year, up to as-of
    group: str = "external"  # peer group: external (or unknown form) / internal
    too_young: bool = False  # fewer than 3 fiscal years after approval: not scored
    score_components: tuple[ScoreComponent, ...] = ()
    situation: Any = field(default=None, repr=False, compare=False)  # what the rules read

    @property
    def years(self) -> tuple[YearFigures, ...]:
        """Every fiscal year up to and including as-of."""
        history = self.history
        if callable(history):
            history = history()
            object.__setattr__(self, "history", history)
        return history or (self.current,)


def profile_dict(profile: Profile) -> dict[str, object]:
    return {
        "id": profile.id,
        "name": profile.name,
        "form": profile.form.value if profile.form else None,
        "region": profile.region.value if profile.region else None,
        "prefecture": profile.prefecture,
        "internal": profile.internal,
        "approved_fy": profile.approved_fy,
        "subsidy_years": profile.subsidy_years,
        "subsidy_end_fy": profile.subsidy_end_fy,
        "universities": list(profile.universities),
        "parent_university": profile.parent_university,
    }
