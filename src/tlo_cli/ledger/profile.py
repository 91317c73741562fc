"""The profile of a TLO: from a two-column profile sheet or a row of the registry sheet."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.cells import is_blank
from tlo_cli.ledger.labels import catalogue, normalize
from tlo_cli.ledger.parse import (
    ERROR_VALUES,
    ErrorValue,
    fiscal_year_of_date,
    parse_date,
    parse_fiscal_year,
)
from tlo_cli.ledger.read import Sheet, cell_ref
from tlo_cli.model import DEFAULT_SUBSIDY_YEARS, Form, Profile, Region

_LIST_SEPARATORS = re.compile(r"[,、;；，]")

#: The TLO Act (大学等技術移転促進法) came into force in 1998: no TLO was approved before FY1998.
FIRST_APPROVAL_FY = 1998
MAX_SUBSIDY_YEARS = 50


def is_error_value(value: Any) -> bool:
    """True for an Excel error value (#N/A, #REF! …), cached or typed as text."""
    return isinstance(value, ErrorValue) or (
        isinstance(value, str) and value.strip().upper() in ERROR_VALUES
    )


def whole_years(value: Any) -> int | None:
    """A number of years from 0 to MAX_SUBSIDY_YEARS written as 5, 5.0, "5" or "5年"; else None.

    5.9, "inf", "nan", -1 and 51 are None: a subsidy window is a whole number of fiscal years.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().removesuffix("年").strip()
        if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
            return None
        number = float(text)
    elif isinstance(value, int | float):
        number = float(value)
    else:
        return None
    if not math.isfinite(number) or not number.is_integer():
        return None
    years = int(number)
    return years if 0 <= years <= MAX_SUBSIDY_YEARS else None


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


_HEADER_KEYS = frozenset({"key", "value", "項目", "内容", "値"})


def profile_pairs(sheet: Sheet, where: Location) -> tuple[dict[str, tuple[Any, str]], list[Issue]]:
    """Canonical key → (value, cell) from a two-column sheet; the sheet's own issues (hidden
    cells, error values) and a warning per unknown key."""
    keys = catalogue().profile_keys
    pairs: dict[str, tuple[Any, str]] = {}
    issues: list[Issue] = list(sheet.issues)  # hidden cells and error values
    for r, row in enumerate(sheet.rows):
        cells = [(c, v) for c, v in enumerate(row) if not is_blank(v)]
        if len(cells) < 2:
            continue
        (c0, key_value), (c1, value) = cells[0], cells[1]
        normalized = normalize(str(key_value))
        key = keys.get(normalized)
        if key is not None:
            pairs.setdefault(key, (value, cell_ref(r, c1)))
        elif normalized and normalized not in _HEADER_KEYS:
            issues.append(
                warning(
                    "unknown-profile-key",
                    f"profile key 「{_text(key_value)}」 is not recognised; ignored",
                    where.at(cell_ref(r, c0)),
                    "accepted keys: id, name, form, region, prefecture, approved, subsidy_years, "
                    "universities, parent_university",
                )
            )
    return pairs, issues


def build_profile(
    pairs: dict[str, tuple[Any, str | None]], *, default_id: str, where: Location
) -> tuple[Profile, list[Issue]]:
    """A Profile from canonical key → (value, cell); problems come back as issues."""
    cat = catalogue()
    issues: list[Issue] = []

    def get(key: str) -> str | None:
        value = pairs.get(key, (None, None))[0]
        return None if is_blank(value) else _text(value)

    def bad(key: str, message: str, hint: str) -> None:
        issues.append(error("bad-profile-value", message, where.at(pairs[key][1]), hint))

    errors = {key for key, (value, _) in pairs.items() if is_error_value(value)}
    for key in sorted(errors):
        if not isinstance(pairs[key][0], ErrorValue):  # a cached error is reported with its sheet
            bad(key, f"{key} is the error value {_text(pairs[key][0])}", "type the value itself")
    pairs = {key: pair for key, pair in pairs.items() if key not in errors}  # never read

    form: Form | None = None
    if (text := get("form")) is not None:
        code = cat.forms.get(normalize(text))
        if code is None:
            bad(
                "form",
                f"legal form 「{text}」 is not recognised",
                "use kabushiki, yugen, godo, zaidan, shadan or internal (or 株式会社, 財団法人, 大学内部 …)",
            )
        else:
            form = Form(code)
    prefecture = get("prefecture")
    region: Region | None = None
    if (text := get("region")) is not None:
        code = cat.regions.get(normalize(text))
        if code is None:
            bad(
                "region",
                f"region 「{text}」 is not recognised",
                "use hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku or kyushu (or 北海道, 東北 …)",
            )
        else:
            region = Region(code)
    elif prefecture is not None and normalize(prefecture) in cat.prefectures:
        region = Region(cat.prefectures[normalize(prefecture)])
    approved_fy: int | None = None
    approved_month: int | None = None
    if "approved" in pairs and not is_blank(pairs["approved"][0]):
        raw = pairs["approved"][0]
        date = parse_date(raw)
        approved_month = date.month if date else None
        approved_fy = fiscal_year_of_date(date) if date else parse_fiscal_year(raw)
        if approved_fy is None:
            bad(
                "approved",
                f"approval 「{_text(raw)}」 is neither a date nor a fiscal year",
                "write a date such as 2004-06-01 or 平成16年6月1日, or a fiscal year such as 2004 or H16",
            )
        elif not FIRST_APPROVAL_FY <= approved_fy <= fiscal_year_of_date(dt.date.today()):
            bad(
                "approved",
                f"approval 「{_text(raw)}」 is FY{approved_fy}: TLOs are approved under the TLO "
                f"Act of 1998, and not after the current fiscal year",
                f"write the approval date, from FY{FIRST_APPROVAL_FY} to today",
            )
            approved_fy = None
    else:
        issues.append(
            warning(
                "missing-approval",
                "no approval date or fiscal year; the subsidy window is unknown",
                where,
                "add 'approved' (承認日) to the profile",
            )
        )
    subsidy_years = DEFAULT_SUBSIDY_YEARS
    if (text := get("subsidy_years")) is not None:
        years = whole_years(pairs["subsidy_years"][0])
        if years is None:
            bad(
                "subsidy_years",
                f"subsidy years 「{text}」 is not a whole number of years from 0 to "
                f"{MAX_SUBSIDY_YEARS}",
                "write the number of fiscal years, such as 5",
            )
        else:
            subsidy_years = years
    universities = tuple(
        part.strip() for part in _LIST_SEPARATORS.split(get("universities") or "") if part.strip()
    )
    tlo_id = get("id") or default_id
    profile = Profile(
        id=tlo_id,
        name=get("name") or tlo_id,
        form=form,
        region=region,
        prefecture=prefecture,
        approved_fy=approved_fy,
        subsidy_years=subsidy_years,
        universities=universities,
        parent_university=get("parent_university"),
        approved_month=approved_month,
    )
    return profile, issues


def registry_rows(sheet: Sheet, where: Location) -> list[dict[str, tuple[Any, str | None]]]:
    """Each TLO row of a registry sheet as canonical key → (value, cell)."""
    keys = catalogue().profile_keys
    header_row: int | None = None
    columns: dict[int, str] = {}
    for r, cells in enumerate(sheet.rows):
        mapped = {
            c: keys[normalize(str(v))]
            for c, v in enumerate(cells)
            if not is_blank(v) and normalize(str(v)) in keys
        }
        if "id" in mapped.values():
            header_row, columns = r, mapped
            break
    if header_row is None:
        return []
    records: list[dict[str, tuple[Any, str | None]]] = []
    for r in range(header_row + 1, sheet.height):
        record: dict[str, tuple[Any, str | None]] = {
            key: (sheet.value(r, c), cell_ref(r, c)) for c, key in columns.items()
        }
        if not is_blank(record.get("id", ("", None))[0]):
            records.append(record)
    return records
