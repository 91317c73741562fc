"""The ledger workbook writer: every style, layout, language and unit reads back exactly."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tlo_cli.ledger import read_file
from tlo_cli.model import Form, Region, Unit
from tlo_cli.render.ledger_rows import Row, RowKind, split
from tlo_cli.render.statement_labels import Lang
from tlo_cli.render.statements import Style
from tlo_cli.render.template import write_template
from tlo_cli.render.workbook import SheetFormat, SheetLayout, YearNotation, cell_value, write_ledger

YEARS = [2004, 2005, 2006]

#: A small ledger in yen: a loss in FY2006 after the subsidy ends, zeros, every item.
AMOUNTS: dict[str, dict[int, float]] = {
    "licensing_income": {2004: 12_345_000, 2005: 20_000_000, 2006: 3_000_000},
    "membership_income": {2004: 1_000_000, 2005: 1_000_000, 2006: 0},
    "contract_income": {2004: 2_000_000, 2005: 0, 2006: 500_000},
    "subsidy_income": {2004: 20_000_000, 2005: 15_000_000, 2006: 0},
    "other_income": {2004: 12_000, 2005: 0, 2006: 3_000},
    "personnel_cost": {2004: 18_000_000, 2005: 19_000_000, 2006: 17_000_000},
    "patent_cost": {2004: 8_000_000, 2005: 9_000_000, 2006: 7_000_000},
    "distribution_cost": {2004: 6_789_000, 2005: 11_000_000, 2006: 1_650_000},
    "admin_cost": {2004: 5_432_000, 2005: 5_000_000, 2006: 4_000_000},
    "other_expenses": {2004: 1_000, 2005: 0, 2006: 20_000},
    "net_assets": {2004: 30_000_000, 2005: 32_000_000, 2006: 10_000_000},
    "cash": {2004: 25_000_000, 2005: 27_000_000, 2006: 8_000_000},
    "licenses_executed": {2004: 5, 2005: 8, 2006: 3},
    "patent_applications": {2004: 20, 2005: 25, 2006: 18},
    "staff": {2004: 4, 2005: 4, 2006: 3},
}
PROFILE: dict[str, Any] = {
    "id": "X01",
    "name": "東雲テクノロジー移転株式会社",
    "form": Form.KABUSHIKI,
    "region": Region.KANTO,
    "prefecture": "東京都",
    "approved": dt.date(2005, 2, 1),
    "subsidy_years": 5,
    "universities": ("東雲大学", "洛北大学"),
}


def _write(path: Path, fmt: SheetFormat, **profile: Any) -> Path:
    write_ledger(path, profile={**PROFILE, **profile}, years=YEARS, amounts=AMOUNTS, fmt=fmt)
    return path


def _expected() -> dict[str, dict[int, float]]:
    return {item: {fy: float(v) for fy, v in series.items()} for item, series in AMOUNTS.items()}


class TestStatementStyles:
    """Every statement style reads back through the reader with the same values."""

    @pytest.mark.parametrize("unit", list(Unit))
    @pytest.mark.parametrize("lang", list(Lang))
    @pytest.mark.parametrize("layout", list(SheetLayout))
    @pytest.mark.parametrize("style", list(Style))
    def test_reads_back_exactly(
        self, tmp_path: Path, style: Style, layout: SheetLayout, lang: Lang, unit: Unit
    ) -> None:
        """No errors, no warnings, the same amounts in yen, the stated unit and the profile."""
        fmt = SheetFormat(layout=layout, lang=lang, unit=unit, style=style, titles=("Title",))
        report = read_file(_write(tmp_path / "x.xlsx", fmt))
        assert report.issues == ()
        (ledger,) = report.ledgers
        assert ledger.amounts == _expected()
        assert ledger.unit is unit
        assert ledger.years == (2004, 2005, 2006)
        assert ledger.profile.approved_fy == 2004  # 1 February 2005 is in FY2004
        assert ledger.profile.form is Form.KABUSHIKI
        assert ledger.profile.universities == ("東雲大学", "洛北大学")

    @pytest.mark.parametrize("notation", list(YearNotation))
    @pytest.mark.parametrize("style", list(Style))
    def test_year_notations_dashes_and_unit_in_title(
        self, tmp_path: Path, notation: YearNotation, style: Style
    ) -> None:
        """Any year notation, zeros as －, and the unit inside the title still read exactly."""
        fmt = SheetFormat(
            style=style,
            years=notation,
            unit=Unit.MILLION,
            titles=("東雲", "損益計算書"),
            unit_in_title=True,
            zero_as_dash=True,
        )
        report = read_file(_write(tmp_path / "x.xlsx", fmt))
        assert report.issues == ()
        assert report.ledgers[0].amounts == _expected()
        assert report.ledgers[0].unit is Unit.MILLION


class TestCorporateStatement:
    """The 損益計算書 states its subtotals as a Japanese statement does."""

    def test_operating_loss_and_ordinary_profit_cells(self, tmp_path: Path) -> None:
        """営業損失 in every year is written as positive amounts; 経常利益 uses △ text for a loss."""
        from openpyxl import load_workbook

        path = _write(tmp_path / "x.xlsx", SheetFormat(style=Style.CORPORATE))
        ws = load_workbook(path)["損益計算書"]
        rows = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in (2, 3, 4)]
                for r in range(1, ws.max_row + 1)}  # fmt: skip
        # sales 15,345 − cost 6,789 − SG&A (18,000 + 8,000 + 5,432) = −22,876 (thousand yen)
        assert rows["営業損失"] == [22_876, 23_000, 26_150]
        # −22,876 + 20,012 non-operating income − 1 non-operating expense = −2,865
        assert rows["経常利益"] == ["△2,865", "△8,000", "△26,167"]
        assert rows["売上高"] == [15_345, 21_000, 3_500]
        assert rows["販売費及び一般管理費合計"] == [31_432, 33_000, 28_000]

    def test_english_losses_in_parentheses(self, tmp_path: Path) -> None:
        """English statements write a loss as (1,234)."""
        from openpyxl import load_workbook

        fmt = SheetFormat(style=Style.CORPORATE, lang=Lang.EN)
        ws = load_workbook(_write(tmp_path / "x.xlsx", fmt))["income statement"]
        row = next(
            r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Ordinary profit (loss)"
        )
        assert [ws.cell(row, c).value for c in (2, 3, 4)] == ["(2,865)", "(8,000)", "(26,167)"]


class TestCellValues:
    """Amounts are written in the sheet's unit; losses and zeros as the statement writes them."""

    @pytest.mark.parametrize(
        ("kind", "value", "fmt", "expected"),
        [
            (RowKind.SIGNED, -2_865_000, SheetFormat(), "△2,865"),
            (RowKind.SIGNED, -2_865_000, SheetFormat(lang=Lang.EN), "(2,865)"),
            (RowKind.SIGNED, -2_865_000, SheetFormat(unit=Unit.MILLION), "△2.865"),
            (RowKind.SIGNED, 1_234_567_000, SheetFormat(unit=Unit.YEN), 1_234_567_000),
            (RowKind.AMOUNT, 12_345_000, SheetFormat(unit=Unit.MILLION), 12.345),
            (RowKind.AMOUNT, 0, SheetFormat(zero_as_dash=True), "－"),
            (RowKind.AMOUNT, 0, SheetFormat(zero_as_dash=True, lang=Lang.EN), "-"),
            (RowKind.AMOUNT, 0, SheetFormat(), 0),
            (RowKind.COUNT, 5, SheetFormat(unit=Unit.MILLION), 5),
            (RowKind.AMOUNT, None, SheetFormat(), None),
        ],
    )
    def test_cell_value(
        self, kind: RowKind, value: float | None, fmt: SheetFormat, expected: object
    ) -> None:
        """Hand-computed cell contents."""
        got = cell_value(Row("x", kind), value, fmt)
        assert got == expected
        assert type(got) is type(expected)


class TestYearNotation:
    """Fiscal years are written in the notation asked for."""

    @pytest.mark.parametrize(
        ("notation", "fy", "expected"),
        [
            (YearNotation.PLAIN, 2007, 2007),
            (YearNotation.FY, 2007, "FY2007"),
            (YearNotation.NENDO, 2007, "2007年度"),
            (YearNotation.ERA, 2007, "平成19年度"),
            (YearNotation.ERA_SHORT, 2007, "H19"),
            (YearNotation.ERA, 1989, "平成元年度"),
            (YearNotation.ERA, 2019, "令和元年度"),
            (YearNotation.ERA_SHORT, 2021, "R3"),
            (YearNotation.ERA, 1988, "昭和63年度"),
        ],
    )
    def test_show(self, notation: YearNotation, fy: int, expected: int | str) -> None:
        """Hand-written year cells."""
        assert notation.show(fy) == expected


class TestSplit:
    """An item written as several rows adds up to it exactly."""

    def test_hand_computed(self) -> None:
        """10,000,000 by 25% and 62% is 2,500,000 + 6,200,000 + 1,300,000."""
        parts = split({2005: 10_000_000.0}, [0.25, 0.62])
        assert [p[2005] for p in parts] == [2_500_000, 6_200_000, 1_300_000]

    def test_small_amount_never_negative(self) -> None:
        """¥1,000 by 35/15/30% rounds cumulatively: 0, 0, 1,000 and 0."""
        parts = split({2005: 1_000.0}, [0.35, 0.15, 0.3])
        assert [p[2005] for p in parts] == [0, 0, 1_000, 0]

    @given(
        st.integers(min_value=0, max_value=10**7).map(lambda k: float(k * 1000)),
        st.lists(st.floats(min_value=0.0, max_value=0.3), min_size=1, max_size=3),
    )
    def test_parts_add_up_and_are_whole_thousands(self, amount: float, shares: list[float]) -> None:
        """Whatever the shares, the parts are whole thousands, not negative, and sum exactly."""
        parts = [p[2005] for p in split({2005: amount}, shares)]
        assert sum(v or 0.0 for v in parts) == amount
        assert all(v is not None and v >= 0 and v % 1000 == 0 for v in parts)


class TestStoredValues:
    """Every value is stored; nothing is a formula; output is reproducible."""

    @pytest.mark.parametrize("name", ['=HYPERLINK("http://example.com")', "+Bridge", "-x", "@y"])
    def test_input_text_is_never_a_formula(self, tmp_path: Path, name: str) -> None:
        """A name starting with = + - @ is stored as text and reads back unchanged."""
        from openpyxl import load_workbook

        path = _write(tmp_path / "x.xlsx", SheetFormat(titles=(name,)), name=name, id=name)
        with zipfile.ZipFile(path) as archive:
            assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                           for n in archive.namelist() if n.startswith("xl/worksheets/"))  # fmt: skip
        cell = load_workbook(path)["概要"]["B3"]
        assert (cell.value, cell.data_type) == (name, "s")
        (ledger,) = read_file(path).ledgers
        assert (ledger.profile.name, ledger.profile.id) == (name, name)

    def test_same_input_same_bytes(self, tmp_path: Path) -> None:
        """Two writes of the same ledger are byte-identical, with the fixed document dates."""
        first = _write(tmp_path / "a.xlsx", SheetFormat(style=Style.FOUNDATION))
        second = _write(tmp_path / "b.xlsx", SheetFormat(style=Style.FOUNDATION))
        assert first.read_bytes() == second.read_bytes()
        with zipfile.ZipFile(first) as archive:
            core = archive.read("docProps/core.xml").decode()
        assert core.count("2009-05-01T00:00:00Z") == 2


#: The template's line items, as a person filling it in would read them (written out by hand).
TEMPLATE_LABELS: dict[Lang, dict[str, str]] = {
    Lang.JA: {
        "実施料収入": "licensing_income", "会費収入": "membership_income", "受託収入": "contract_income",
        "補助金収入": "subsidy_income", "雑収入": "other_income", "人件費": "personnel_cost",
        "特許関連費用": "patent_cost", "還元金": "distribution_cost", "一般管理費": "admin_cost",
        "雑損失": "other_expenses", "純資産": "net_assets", "現預金": "cash",
        "技術移転件数": "licenses_executed", "特許出願件数": "patent_applications", "職員数": "staff",
    },
    Lang.EN: {
        "Licensing income": "licensing_income", "Membership fees": "membership_income",
        "Contract income": "contract_income", "Subsidy income": "subsidy_income",
        "Other income": "other_income", "Personnel": "personnel_cost", "Patent costs": "patent_cost",
        "Royalty distribution": "distribution_cost", "General and administrative": "admin_cost",
        "Other expenses": "other_expenses", "Net assets": "net_assets", "Cash": "cash",
        "Licenses executed": "licenses_executed", "Patent applications": "patent_applications",
        "Staff": "staff",
    },
}  # fmt: skip
TEMPLATE_PROFILE: dict[Lang, dict[str, Any]] = {
    Lang.JA: {
        "機関ID": "X09", "名称": "みなと知財活用株式会社", "法人形態": "株式会社", "地域": "関東",
        "都道府県": "神奈川県", "承認日": dt.date(2004, 1, 15), "補助期間": 5,
        "提携大学": "港大学、湊工業大学", "設置大学": "港大学",
    },
    Lang.EN: {
        "id": "X09", "name": "Harbour Licensing K.K.", "form": "kabushiki", "region": "kanto",
        "prefecture": "Kanagawa", "approved": dt.date(2004, 1, 15), "subsidy years": 5,
        "universities": "Harbour University, Minato Institute", "parent university": "Harbour University",
    },
}  # fmt: skip
TEMPLATE_YEARS = [2003, 2004, 2005]


def _fill_value(item: str, year_index: int, unit: Unit) -> tuple[float, float]:
    """(value written in the sheet's unit, expected yen) for one cell; counts are counts."""
    position = list(TEMPLATE_LABELS[Lang.EN].values()).index(item)
    if item in ("licenses_executed", "patent_applications", "staff"):
        count = float(position + year_index)
        return count, count
    yen = (position + 1) * 1_000_000 + (year_index + 1) * 123_000
    return yen / unit.yen, float(yen)


def fill_template(path: Path, lang: Lang, unit: Unit) -> dict[str, dict[int, float]]:
    """Fill every profile value and every amount cell; return the amounts expected in yen."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    profile, ledger = book.worksheets
    for r in range(1, profile.max_row + 1):
        key = profile.cell(r, 1).value
        if key in TEMPLATE_PROFILE[lang]:
            profile.cell(r, 2).value = TEMPLATE_PROFILE[lang][key]
    corner = {"科目", "item", "年度", "fiscal year"}
    header = next(r for r in range(1, ledger.max_row + 1) if ledger.cell(r, 1).value in corner)
    rows_layout = ledger.cell(header, 1).value in {"科目", "item"}
    expected: dict[str, dict[int, float]] = {}
    labels = TEMPLATE_LABELS[lang]
    for j, fy in enumerate(TEMPLATE_YEARS):
        for k in range(2, (ledger.max_row if rows_layout else ledger.max_column) + 1):
            label = ledger.cell(k, 1).value if rows_layout else ledger.cell(header, k).value
            if label not in labels:
                continue
            written, yen = _fill_value(labels[label], j, unit)
            cell = ledger.cell(k, 2 + j) if rows_layout else ledger.cell(header + 1 + j, k)
            assert cell.value is None
            cell.value = written
            expected.setdefault(labels[label], {})[fy] = yen
    book.save(path)
    return expected


class TestTemplate:
    """The empty ledger, once filled in, reads back without warnings and with the same values."""

    @pytest.mark.parametrize("unit", list(Unit))
    @pytest.mark.parametrize("lang", list(Lang))
    @pytest.mark.parametrize("layout", list(SheetLayout))
    def test_filled_template_round_trip(
        self, tmp_path: Path, layout: SheetLayout, lang: Lang, unit: Unit
    ) -> None:
        """Every item and profile key filled in: no issues, equal amounts, the full profile."""
        path = tmp_path / "template.xlsx"
        write_template(path, years=TEMPLATE_YEARS, lang=lang, layout=layout, unit=unit)
        expected = fill_template(path, lang, unit)
        assert len(expected) == 15
        report = read_file(path)
        assert report.issues == ()
        (ledger,) = report.ledgers
        assert ledger.amounts == expected
        assert ledger.unit is unit
        profile = ledger.profile
        assert (profile.id, profile.form, profile.region) == ("X09", Form.KABUSHIKI, Region.KANTO)
        assert (profile.approved_fy, profile.subsidy_years) == (2003, 5)
        assert profile.name == TEMPLATE_PROFILE[lang]["名称" if lang is Lang.JA else "name"]
        assert len(profile.universities) == 2
        assert profile.parent_university is not None

    def test_empty_template_has_no_values(self, tmp_path: Path) -> None:
        """Unfilled, the template states its unit and years and holds no amounts."""
        from openpyxl import load_workbook

        path = tmp_path / "template.xlsx"
        write_template(path, years=TEMPLATE_YEARS, unit=Unit.MILLION)
        book = load_workbook(path)
        assert book.sheetnames == ["概要", "損益計算書"]
        ws = book["損益計算書"]
        values = [[c.value for c in row] for row in ws.iter_rows()]
        assert values[1][-1] == "(単位：百万円)"
        assert values[2] == ["科目", "2003年度", "2004年度", "2005年度"]
        assert all(v is None for row in values[3:] for v in row[1:])
        keys = [c.value for c in book["概要"]["A"]]
        assert keys == ["項目", "機関ID", "名称", "法人形態", "地域", "都道府県", "承認日",
                        "補助期間", "提携大学", "設置大学"]  # fmt: skip
