"""Calendar pieces of period headers: era years, dates in text, and the fiscal year of a period.

The fiscal year of a period of months m₁…mₙ is the April-start fiscal year of month
m₁ + ⌊(n−1)/2⌋, the month holding its midpoint (docs/ledger-format.md, "Periods").
"""

from __future__ import annotations

import datetime as dt
import re

from tlo_cli.ledger.parse import ERAS, fiscal_year_of_date

#: The last year of each era (昭和64年 = 1989); later years of these eras do not exist.
ERA_LAST = {"明治": 45, "m": 45, "大正": 15, "t": 15, "昭和": 64, "s": 64, "平成": 31, "h": 31}

ERA = r"(明治|大正|昭和|平成|令和|[mtshr])"
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
MONTH_NAME = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_JA_DATE = re.compile(
    rf"(?:(\d{{4}})|{ERA}\.?(\d{{1,2}}|元))[年/.\-](\d{{1,2}})[月/.\-](\d{{1,2}})日?"
)
_EN_DATE = re.compile(rf"{MONTH_NAME}(\d{{1,2}}),?(\d{{4}})")


def fy_of_month(year: int, month: int) -> int:
    """The April-start fiscal year of a calendar month."""
    return year if month >= 4 else year - 1


def fy_of_period(start: tuple[int, int], months: int) -> int:
    """FY of the month m₁ + ⌊(n−1)/2⌋, for n months from m₁ = ``start`` (year, month)."""
    index = start[0] * 12 + start[1] - 1 + (months - 1) // 2
    return fy_of_month(index // 12, index % 12 + 1)


def fy_of_period_end(year: int, month: int) -> int:
    """FY of a twelve-month period ending in (year, month): its 6th month, end − 6 months."""
    return fy_of_period(_add_months(year, month, -11), 12)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def era_problem(era: str, year: str) -> str:
    n = 1 if year == "元" else int(year)
    last = ERA_LAST.get(era)
    name = {"m": "明治", "t": "大正", "s": "昭和", "h": "平成", "r": "令和"}.get(era, era)
    if n == 0:
        return f"{name}0年 does not exist (the first year is 元年)"
    if last is not None and n > last:
        return f"{name}{n}年 does not exist ({name} ended in its year {last})"
    return ""


def era_or_western_year(western: str | None, era: str | None, era_year: str | None) -> int:
    if western:
        return int(western)
    assert era is not None and era_year is not None
    return ERAS[era] + (1 if era_year == "元" else int(era_year))


def dates_in(text: str) -> list[tuple[int, int, int]]:
    """Every full date (year, month, day) in normalized text, in order."""
    found: list[tuple[int, int, int, int]] = []
    for m in _JA_DATE.finditer(text):
        western, era, era_year, month, day = m.groups()
        found.append((m.start(), era_or_western_year(western, era, era_year), int(month), int(day)))
    for m in _EN_DATE.finditer(text):
        name, day, year = m.groups()
        found.append((m.start(), int(year), MONTHS[name], int(day)))
    found.sort()
    return [(y, mo, d) for _, y, mo, d in found if 1 <= mo <= 12 and 1 <= d <= 31]


def current_fiscal_year(today: dt.date | None = None) -> int:
    """The fiscal year in progress by the machine's date."""
    return fiscal_year_of_date(today or dt.date.today())
