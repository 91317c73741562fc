"""data/sample meets every calibration target of SPEC §8, read back through the ledger reader."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from tlo_cli.ledger import Cohort, load_cohort
from tlo_cli.model import EXPENSE_ITEMS, REVENUE_ITEMS, Form, Ledger, Region, Unit

DATA = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return load_cohort([DATA])


@pytest.fixture(scope="module")
def sheets() -> dict[str, dict[str, list[list[Any]]]]:
    """Every sample workbook's cells: id → sheet name → rows (read with python-calamine)."""
    from python_calamine import CalamineWorkbook

    out: dict[str, dict[str, list[list[Any]]]] = {}
    for path in sorted(DATA.glob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        out[path.stem] = {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}
    return out


def ordinary_profit(ledger: Ledger, fy: int) -> float:
    revenue = sum(ledger.amounts[i][fy] for i in REVENUE_ITEMS if i in ledger.amounts)
    return revenue - sum(ledger.amounts[i][fy] for i in EXPENSE_ITEMS if i in ledger.amounts)


def external(cohort: Cohort, fy: int) -> list[Ledger]:
    return [led for led in cohort.ledgers if not led.profile.internal and fy in led.years]


def total(cohort: Cohort, item: str) -> dict[int, float]:
    out: dict[int, float] = {}
    for ledger in cohort.ledgers:
        for fy, value in ledger.amounts[item].items():
            out[fy] = out.get(fy, 0.0) + value
    return out


class TestSampleReads:
    """Every sample workbook reads cleanly."""

    def test_files(self) -> None:
        """T01.xlsx … T47.xlsx and a README, nothing else."""
        names = sorted(p.name for p in DATA.iterdir())
        assert names == ["README.md"] + [f"T{i:02d}.xlsx" for i in range(1, 48)]

    def test_no_errors_no_warnings(self, cohort: Cohort) -> None:
        """47 files, each one ledger, no issue of any kind."""
        assert len(cohort.reports) == 47
        assert [(r.path, r.issues) for r in cohort.reports if r.issues] == []
        assert [led.id for led in cohort.ledgers] == [f"T{i:02d}" for i in range(1, 48)]
        assert cohort.skipped == ()

    def test_amounts_are_whole_thousands_and_counts_whole(self, cohort: Cohort) -> None:
        """Every amount is whole thousands of yen; every count a whole number, not negative."""
        for ledger in cohort.ledgers:
            for item, series in ledger.amounts.items():
                for value in series.values():
                    if item in ("licenses_executed", "patent_applications", "staff"):
                        assert value >= 0 and value.is_integer(), (ledger.id, item)
                    else:
                        assert value % 1000 == 0, (ledger.id, item, value)

    def test_readme_says_synthetic_and_source(self) -> None:
        """The README says the data is synthetic and cites MEXT (2009) section (8)."""
        text = (DATA / "README.md").read_text(encoding="utf-8")
        assert "synthetic" in text
        assert "MEXT (2009)" in text
        assert "section (8)" in text
        assert "11 of 32 in FY2007" in text


class TestCalibration:
    """The targets of SPEC §8 (MEXT 2009, section (8))."""

    def test_47_tlos_14_internal(self, cohort: Cohort) -> None:
        """47 approved TLOs, 14 of them inside universities and 33 outside."""
        forms = [led.profile.form for led in cohort.ledgers]
        assert len(forms) == 47
        assert forms.count(Form.INTERNAL) == 14

    def test_approvals(self, cohort: Cohort) -> None:
        """Approvals run FY1998–FY2008 with 4 in FY1998; every external TLO by FY2005."""
        approvals = [led.profile.approved_fy for led in cohort.ledgers]
        assert min(a for a in approvals if a) == 1998 and max(a for a in approvals if a) == 2008
        assert approvals.count(1998) == 4
        assert all((led.profile.approved_fy or 9999) <= 2005 for led in external(cohort, 2005))
        assert len([led for led in cohort.ledgers if not led.profile.internal]) == 33

    def test_external_ledgers_per_year(self, cohort: Cohort) -> None:
        """External TLOs with a ledger: 33 in FY2005, 33 in FY2006, 32 in FY2007."""
        assert [len(external(cohort, fy)) for fy in (2005, 2006, 2007)] == [33, 33, 32]

    def test_ledgers_run_from_approval_to_2008_but_one(self, cohort: Cohort) -> None:
        """Each ledger covers its approval year to FY2008; one external one ends in FY2006."""
        ended = [led for led in cohort.ledgers if led.years[-1] != 2008]
        assert [(led.years[-1], led.profile.internal) for led in ended] == [(2006, False)]
        assert ended[0].profile.parent_university is not None
        for ledger in cohort.ledgers:
            first = ledger.profile.approved_fy
            assert first is not None
            assert ledger.years == tuple(range(first, ledger.years[-1] + 1)), ledger.id

    def test_deficits_strictly_rising_to_11_of_32(self, cohort: Cohort) -> None:
        """External TLOs with negative ordinary profit rise FY2005 → FY2007, to exactly 11 of 32."""
        deficits = [
            sum(ordinary_profit(led, fy) < 0 for led in external(cohort, fy))
            for fy in (2005, 2006, 2007)
        ]
        assert deficits[0] < deficits[1] < deficits[2] == 11

    def test_licensing_income_peaks_in_2005(self, cohort: Cohort) -> None:
        """The sector's licensing income is largest in FY2005, above every other year."""
        by_year = total(cohort, "licensing_income")
        assert sorted(by_year) == list(range(1998, 2009))
        assert all(by_year[2005] > v for fy, v in by_year.items() if fy != 2005)

    def test_transfers_peak_in_2006(self, cohort: Cohort) -> None:
        """The sector's technology transfers are most in FY2006, above every other year."""
        by_year = total(cohort, "licenses_executed")
        assert all(by_year[2006] > v for fy, v in by_year.items() if fy != 2006)

    def test_subsidy_only_in_first_five_years(self, cohort: Cohort) -> None:
        """Subsidy income is positive exactly in approved_fy … approved_fy + 4, at most ¥30M."""
        for ledger in cohort.ledgers:
            assert ledger.profile.subsidy_end_fy == (ledger.profile.approved_fy or 0) + 4
            for fy, value in ledger.amounts["subsidy_income"].items():
                in_window = fy <= (ledger.profile.subsidy_end_fy or 0)
                assert (value > 0) is in_window, (ledger.id, fy, value)
                assert value <= 30_000_000

    def test_all_eight_regions(self, cohort: Cohort) -> None:
        """Every region of Japan has a TLO."""
        assert {led.profile.region for led in cohort.ledgers} == set(Region)


class TestPlausibility:
    """The figures look like a TLO's, not noise."""

    def test_licensing_and_distributions(self, cohort: Cohort) -> None:
        """Licensing is tens of millions of yen at most; distributions are 50–60% of it."""
        for ledger in cohort.ledgers:
            for fy, licensing in ledger.amounts["licensing_income"].items():
                assert licensing < 100_000_000
                share = ledger.amounts["distribution_cost"][fy]
                assert 0.5 * licensing - 1000 <= share <= 0.6 * licensing + 1000, (ledger.id, fy)

    def test_net_assets_mostly_stated(self, cohort: Cohort) -> None:
        """Most external TLOs state net assets, a few do not; those inside universities do not."""
        outside = [led for led in cohort.ledgers if not led.profile.internal]
        without = [led.id for led in outside if "net_assets" not in led.amounts]
        assert 1 <= len(without) <= 6
        assert all(
            "net_assets" not in led.amounts for led in cohort.ledgers if led.profile.internal
        )

    def test_some_healthy_some_in_deficit_after_subsidy(self, cohort: Cohort) -> None:
        """Some external TLOs never lose money from FY2005; some do once their subsidy has ended."""
        outside = [led for led in cohort.ledgers if not led.profile.internal]
        healthy = [led for led in outside
                   if all(ordinary_profit(led, fy) > 0 for fy in led.years if fy >= 2005)]  # fmt: skip
        hurt = [led for led in outside
                if any(ordinary_profit(led, fy) < 0 for fy in led.years
                       if fy > (led.profile.subsidy_end_fy or 0))]  # fmt: skip
        assert len(healthy) >= 5 and len(hurt) >= 5


def layout_of(ledger: Ledger) -> str:
    """rows when two items of one year sit in one column (items as rows), else columns."""
    fy = ledger.years[0]
    a = ledger.cells[("licensing_income", fy)]
    b = ledger.cells[("personnel_cost", fy)]
    return "rows" if re.sub(r"\d", "", a) == re.sub(r"\d", "", b) else "columns"


STYLE_MARKERS = {
    "corporate": {"売上総利益", "Gross profit"},
    "foundation": {"経常収益計", "Total ordinary revenue"},
    "internal": {"収入合計", "Total revenue"},
}


def style_of(rows: list[list[Any]]) -> str:
    labels = {v for row in rows for v in row if isinstance(v, str)}
    found = [style for style, markers in STYLE_MARKERS.items() if labels & markers]
    assert len(found) <= 1
    return found[0] if found else "simple"


class TestMix:
    """The sample exercises the reader: layouts, languages, units, forms, styles, notations."""

    def test_layouts_languages_units_forms(self, cohort: Cohort) -> None:
        """Both layouts, both languages, all three units and every legal form occur."""
        layouts = {layout_of(led) for led in cohort.ledgers}
        ascii_sheets = {str(led.source.sheet).isascii() for led in cohort.ledgers}
        assert layouts == {"rows", "columns"}
        assert ascii_sheets == {True, False}  # English and Japanese ledger sheets
        assert {led.unit for led in cohort.ledgers} == set(Unit)
        assert {led.profile.form for led in cohort.ledgers} == set(Form)

    def test_styles(self, sheets: dict[str, dict[str, list[list[Any]]]]) -> None:
        """All four statement styles occur."""
        styles = {style_of(next(rows for name, rows in book.items()
                                if name not in ("概要", "profile")))
                  for book in sheets.values()}  # fmt: skip
        assert styles == {"simple", "corporate", "foundation", "internal"}

    def test_year_notations(self, sheets: dict[str, dict[str, list[list[Any]]]]) -> None:
        """Fiscal years appear as 2007, FY2007, 2007年度, 平成19年度 and H19."""
        patterns = {"plain": r"^\d{4}(\.0)?$", "fy": r"^FY\d{4}$", "nendo": r"^\d{4}年度$",
                    "era": r"^平成\d+年度$", "era-short": r"^H\d+$"}  # fmt: skip
        seen: set[str] = set()
        for book in sheets.values():
            cells = [str(v) for rows in book.values() for row in rows for v in row]
            seen |= {kind for kind, p in patterns.items() if any(re.match(p, c) for c in cells)}
        assert seen == set(patterns)

    def test_approval_forms(self, sheets: dict[str, dict[str, list[list[Any]]]]) -> None:
        """Approval is given as a date cell, ISO and era date text, and a fiscal year."""
        values = [row[1] for book in sheets.values() for rows in (book.get("概要") or book["profile"],)
                  for row in rows if row[0] in ("承認日", "承認年度", "approved", "approved fy")]  # fmt: skip
        assert len(values) == 47
        assert any(isinstance(v, dt.date) for v in values)
        assert any(isinstance(v, str) and re.match(r"^\d{4}-\d\d-\d\d$", v) for v in values)
        assert any(isinstance(v, str) and re.match(r"^平成\d+年\d+月\d+日$", v) for v in values)
        assert any(isinstance(v, float) and 1998 <= v <= 2008 for v in values)
