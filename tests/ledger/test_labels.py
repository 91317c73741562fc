"""Label normalisation and the label catalogue."""

from __future__ import annotations

import pytest

from tlo_cli.ledger.labels import catalogue, normalize, total_base
from tlo_cli.model import ITEMS, Kind


class TestNormalize:
    """Width, case, spaces, punctuation and enumerators do not matter."""

    @pytest.mark.parametrize(
        "label",
        [
            "人件費",
            "　人件費",
            "(1) 人件費",
            "（１）人件費",
            "1. 人件費",
            "Ⅰ 人件費",
            "Ⅱ.人件費",
            "①人件費",
            "ア. 人件費",
            "(a) 人件費",
            "人 件 費",
        ],
    )
    def test_enumerators_and_spaces(self, label: str) -> None:
        """Every decorated form normalises to the bare label."""
        assert normalize(label) == normalize("人件費")

    def test_english_case_and_punctuation(self) -> None:
        """English labels match regardless of case and punctuation."""
        assert normalize("Royalty  Income:") == normalize("royalty income")

    def test_years_are_not_stripped(self) -> None:
        """A year is not mistaken for an enumerator."""
        assert normalize("2007年度") == "2007年度"


class TestCatalogue:
    """The data file covers every canonical item, in both languages."""

    def test_every_item_accepts_its_own_name(self) -> None:
        """The JSON name of each item is an accepted label."""
        cat = catalogue()
        for item in ITEMS:
            assert cat.item(normalize(item)) == item

    @pytest.mark.parametrize(
        ("label", "item"),
        [
            ("実施料等収入", "licensing_income"),
            ("ロイヤリティー収入", "licensing_income"),
            ("royalty income", "licensing_income"),
            ("受取会費", "membership_income"),
            ("membership fees", "membership_income"),
            ("受託収入", "contract_income"),
            ("受取補助金等", "subsidy_income"),
            ("grants", "subsidy_income"),
            ("雑収益", "other_income"),
            ("給料手当", "personnel_cost"),
            ("salaries", "personnel_cost"),
            ("弁理士費用", "patent_cost"),
            ("発明者還元", "distribution_cost"),
            ("地代家賃", "admin_cost"),
            ("支払利息", "other_expenses"),
            ("純資産合計", "net_assets"),
            ("現金及び預金", "cash"),
            ("技術移転件数", "licenses_executed"),
            ("特許出願件数", "patent_applications"),
            ("職員数", "staff"),
            # 国立大学法人 and 公益法人 statements
            ("受託事業等収益", "contract_income"),
            ("授業料収益", "other_income"),
            ("資産見返負債戻入", "other_income"),
            ("基本財産運用収入", "other_income"),
            ("その他雑益", "other_income"),
            ("研究経費", "other_expenses"),
            ("受託研究費", "other_expenses"),
            ("賞与引当金繰入額", "personnel_cost"),
            ("通信運搬費", "admin_cost"),
            ("諸謝金", "admin_cost"),
        ],
    )
    def test_japanese_and_english_labels(self, label: str, item: str) -> None:
        """Accepted labels (docs/ledger-format.md) map to their canonical items."""
        assert catalogue().item(normalize(label)) == item

    def test_sections(self) -> None:
        """Section names carry their kind."""
        cat = catalogue()
        assert cat.sections[normalize("経常収益")] is Kind.REVENUE
        assert cat.sections[normalize("販売費及び一般管理費")] is Kind.EXPENSE

    def test_closest_labels(self) -> None:
        """A near miss suggests the accepted label."""
        assert "人件費" in catalogue().closest("人件費用")


class TestTotalBase:
    """Total rows are told by 計 / 合計 / 小計 or 'total'."""

    @pytest.mark.parametrize(
        ("key", "base"),
        [
            ("経常収益計", "経常収益"),
            ("合計", ""),
            ("事業費小計", "事業費"),
            ("totalrevenue", "revenue"),
            ("revenuetotal", "revenue"),
            ("人件費", None),
        ],
    )
    def test_base(self, key: str, base: str | None) -> None:
        """The base name is what the total covers."""
        assert total_base(key) == base
