"""Statement labels of version 2: 又は forms, loss names, total suffixes, English labels,
memo lines, new items and near-miss labels. Amounts in 千円, figures worked by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LedgerFactory
from tests.ledger.reports import codes, ok
from tlo_cli.ledger import read_file
from tlo_cli.ledger.labels import catalogue, levenshtein, normalize

HEAD: list[list[Any]] = [["(単位：千円)"], ["科目", "平成18年度", "平成19年度"]]


class TestProfitForms:
    @pytest.mark.parametrize(
        ("operating", "ordinary"),
        [
            ("営業利益又は営業損失(△)", "経常利益又は経常損失(△)"),
            ("営業利益又は営業損失（△）", "経常利益又は経常損失（△）"),
            ("営業損益", "経常利益(△は損失)"),
            ("営業利益", "経常利益(△経常損失)"),
            ("Operating income (loss)", "Ordinary income (loss)"),
            ("営業利益", "経常損益"),
        ],
    )
    def test_matawa_forms(self, ledger_book: LedgerFactory, operating: str, ordinary: str) -> None:
        """P2 probe: 100 − 90 = 10 then + 20 = 30; FY2007 80 − 95 = −15 then + 5 = −10.

        Revenue 120 / 85, never 150 (v1 folded the 又は line into revenue).
        """
        rows = [
            *HEAD,
            ["売上高", None, None],
            ["ロイヤリティ収入", 100, 80],
            ["販売費及び一般管理費", None, None],
            ["人件費", 90, 95],
            [operating, 10, "△15"],
            ["営業外収益", None, None],
            ["補助金収入", 20, 5],
            [ordinary, 30, "△10"],
            ["特別損失", None, None],
            ["固定資産除却損", 5, "－"],
            ["税引前当期純利益又は税引前当期純損失(△)", 25, "△10"],
            ["当期純利益又は当期純損失(△)", 25, "△10"],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert ledger.amounts["licensing_income"] == {2006: 100_000, 2007: 80_000}
        assert ledger.amounts["subsidy_income"] == {2006: 20_000, 2007: 5_000}
        assert ledger.reading.reconciled == (2006, 2007)
        assert codes(report) == []

    def test_loss_named_subtotal_stated_positive_is_a_loss(
        self, ledger_book: LedgerFactory
    ) -> None:
        """営業損失 8 written 8 means −8: 40 − 48 = −8 reconciles; 経常損失 3 = −3."""
        rows = [
            *HEAD,
            ["実施料収入", 40, 40],
            ["人件費", 48, 48],
            ["営業損失", 8, 8],
            ["補助金収入", 5, 5],
            ["経常損失", 3, 3],
        ]
        report = read_file(ledger_book(rows))
        assert ok(report).reading.reconciled == (2006, 2007)
        assert codes(report) == []

    @pytest.mark.parametrize(
        ("label", "key"),
        [
            ("当期収入合計(A)", "当期収入合計"),
            ("当期収支差額(A)-(C)", "当期収支差額"),
            ("当期収支差額(A－B)", "当期収支差額"),
            ("経常収益計①", "経常収益計"),
            ("　　1　基本財産運用収入", "基本財産運用収入"),
        ],
    )
    def test_total_suffixes_and_numbers(self, label: str, key: str) -> None:
        assert normalize(label) == key


class TestItems:
    @pytest.mark.parametrize(
        ("label", "item"),
        [
            ("補助金", "subsidy_income"),
            ("物件費", "admin_cost"),
            ("受取寄付金", "other_income"),
            ("受取寄附金", "other_income"),
            ("共同研究収入", "contract_income"),
            ("運営費交付金収益", "operating_grant_income"),
            ("投資有価証券売却益", "one_off_income"),
            ("受取保険金", "one_off_income"),
            ("債務免除益", "one_off_income"),
            ("Licensing revenue", "licensing_income"),
            ("Grant income", "subsidy_income"),
            ("Government grants", "subsidy_income"),
            ("Gain on sale of securities", "one_off_income"),
        ],
    )
    def test_accepted_labels(self, label: str, item: str) -> None:
        assert catalogue().items[normalize(label)] == item

    def test_memo_lines_are_never_added(self, ledger_book: LedgerFactory) -> None:
        """(内 補助金 20), うち補助金 and "of which" restate a line: revenue stays 100 + 20."""
        rows = [
            *HEAD,
            ["実施料収入", 100, 100],
            ["補助金収入", 20, 20],
            ["(内 国庫補助金)", 15, 15],
            ["うち補助金", 20, 20],
            ["of which grants", 5, 5],
            ["人件費", 60, 60],
            ["経常利益", 60, 60],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        assert ledger.amounts["subsidy_income"][2006] == 20_000
        assert codes(report) == []

    def test_gross_sales_total_is_not_income_again(self, ledger_book: LedgerFactory) -> None:
        """売上高総額 totals the lines above it: revenue 70 + 30 = 100."""
        rows = [
            *HEAD,
            ["売上高", None, None],
            ["実施料収入", 70, 70],
            ["受託収入", 30, 30],
            ["売上高総額", 100, 100],
            ["人件費", 40, 40],
            ["経常利益", 60, 60],
        ]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.reading.reconciled == (2006, 2007)
        assert ledger.amounts["contract_income"][2006] == 30_000


class TestNearMiss:
    def test_levenshtein(self) -> None:
        """kitten → sitting is 3; a cap returns limit + 1."""
        assert levenshtein("kitten", "sitting", 5) == 3
        assert levenshtein("kitten", "sitting", 1) == 2
        assert levenshtein("実施料収人", "実施料収入", 1) == 1

    @pytest.mark.parametrize(
        ("label", "near"),
        [("実施料収人", "実施料収入"), ("純資座", "純資産"), ("royalty incme", "royalty income")],
    )
    def test_near_labels(self, label: str, near: str) -> None:
        assert catalogue().near_miss(normalize(label)) == near

    def test_no_near_miss_for_accepted_or_distant_labels(self) -> None:
        cat = catalogue()
        assert cat.near_miss(normalize("雑損")) is None  # accepted, though near 雑益
        assert cat.near_miss(normalize("受取賃貸料")) is None

    def test_template_typo_is_an_error(self, tmp_path: Path, cli: Any) -> None:
        """A template-made ledger with 実施料収人 and 純資座: errors suggesting the labels."""
        from openpyxl import load_workbook

        path = tmp_path / "t.xlsx"
        code, _, _ = cli("template", "-o", path, "--years", "2006-2007")
        assert code == 0
        book = load_workbook(path)
        sheet = next(ws for ws in book.worksheets if ws.title != "概要")
        for row in sheet.iter_rows():
            label = row[0].value
            if label == "実施料収入":
                row[0].value = "実施料収人"
            elif label in ("純資産", "純資産合計"):
                row[0].value = "純資座"
            if label not in (None, "科目", "収益の部", "費用の部", "参考情報") and row[0].row > 3:
                for cell in row[1:3]:
                    cell.value = 1
        profile = book["概要"]
        profile["B2"], profile["B3"] = "T99", "Typo TLO"
        book.save(path)
        report = read_file(path)
        near = [i for i in report.errors if i.code == "near-miss-label"]
        assert len(near) == 2
        assert any("«実施料収入»" in i.message for i in near)
        assert any("«純資産»" in i.message for i in near)
        assert not report.ledgers

    def test_near_miss_tolerated_when_totals_reconcile(self, ledger_book: LedgerFactory) -> None:
        """受取利自 10 folded as other income: 100 + 10 − 60 = 50 = 経常利益 → a warning."""
        rows = [
            *HEAD,
            ["収益の部", None, None],
            ["実施料収入", 100, 100],
            ["受取利自", 10, 10],
            ["費用の部", None, None],
            ["人件費", 60, 60],
            ["経常利益", 50, 50],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        (issue,) = [i for i in report.issues if i.code == "near-miss-label"]
        assert not issue.is_error and "did you mean «受取利息»?" in issue.message
        assert ledger.amounts["other_income"][2006] == 10_000

    def test_near_miss_without_totals_is_an_error(self, ledger_book: LedgerFactory) -> None:
        rows = [*HEAD, ["収益の部", None, None], ["実施料収入", 100, 100], ["受取利自", 10, 10]]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["near-miss-label"]

    def test_near_miss_below_the_line_is_an_error(self, ledger_book: LedgerFactory) -> None:
        """純資座 after 経常利益 would have been ignored silently; it is an error."""
        rows = [
            *HEAD,
            ["実施料収入", 100, 100],
            ["人件費", 60, 60],
            ["経常利益", 40, 40],
            ["純資座", 500, 500],
        ]
        report = read_file(ledger_book(rows))
        assert [i.code for i in report.errors] == ["near-miss-label"]
        assert "«純資産»" in report.errors[0].message


class TestShortLabels:
    @pytest.mark.parametrize("label", ["旅費", "給料", "家賃", "通信料", "消耗品"])
    def test_common_short_labels_are_accepted(self, label: str) -> None:
        assert normalize(label) in catalogue().items

    def test_two_character_labels_are_never_near_misses(self) -> None:
        """報酬 and 税金 differ from accepted two-character labels by one of two characters."""
        assert catalogue().near_miss(normalize("報償")) is None

    def test_trailing_nado_reads_as_the_item(self, ledger_book: LedgerFactory) -> None:
        """人件費等 is personnel cost: 100 − 70 = 30."""
        rows = [*HEAD, ["実施料収入", 100, 100], ["人件費等", 70, 70], ["経常利益", 30, 30]]
        ledger = ok(read_file(ledger_book(rows)))
        assert ledger.amounts["personnel_cost"][2006] == 70_000


class TestNearMissParent:
    def test_near_miss_parent_read_as_total_only_warns(self, ledger_book: LedgerFactory) -> None:
        """受取会員費 (near 受取会費) heads its breakdown 60 + 40 = 100: its label adds nothing,
        so a warning; revenue 100, 経常利益 100 − 30 = 70."""
        fw = "\u3000"
        rows = [
            *HEAD,
            ["経常収益", None, None],
            [fw + "受取会員費", 100, 100],
            [fw * 2 + "正会員会費", 60, 60],
            [fw * 2 + "賛助会費", 40, 40],
            ["経常費用", None, None],
            [fw + "人件費", 30, 30],
            ["当期経常増減額", 70, 70],
        ]
        report = read_file(ledger_book(rows))
        ledger = ok(report)
        (issue,) = [i for i in report.issues if i.code == "near-miss-label"]
        assert not issue.is_error and "read as the total" in issue.message
        assert ledger.reading.reconciled == (2006, 2007)
