"""`tlo explain`, the reading line of `assess` and the reading footnotes of `rank`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROFILE, CliRunner, LedgerFactory, simple_ledger, write_book

FW = "\u3000"

STATEMENT: list[list[Any]] = [
    ["(単位：千円)"],
    ["科目", 2006, 2007],
    ["収益の部", None, None],
    ["実施料収入", 300, 300],
    ["受取賃貸料", 20, 20],
    ["費用の部", None, None],
    ["管理費", 100, 100],
    [FW + "人件費", 60, 60],
    [FW + "旅費交通費", 40, 40],
    ["経常利益", 220, 220],
    ["特別損失", None, None],
    ["当期純利益", 200, 200],
]


class TestExplain:
    def test_json_rows_and_totals(self, ledger_book: LedgerFactory, cli: CliRunner) -> None:
        """Every source row with its cell and reading; each stated total by year.

        管理費 100 is the total of its indented breakdown 60 + 40; 経常利益 220 = 300 + 20 − 100.
        """
        code, out, _ = cli("explain", ledger_book(STATEMENT), "--format", "json")
        assert code == 0
        doc = json.loads(out)
        rows = {r["cell"]: r for r in doc["rows"]}
        assert rows["A3"]["read_as"] == "section"
        assert rows["A4"] | {"amounts": None} == {
            "cell": "A4",
            "label": "実施料収入",
            "read_as": "item",
            "item": "licensing_income",
            "parent": "収益の部",
            "amounts": None,
        }
        assert rows["A4"]["amounts"] == {"2006": 300_000, "2007": 300_000}
        assert (rows["A5"]["read_as"], rows["A5"]["item"]) == ("folded", "other_income")
        assert rows["A7"]["read_as"] == "total"
        assert (rows["A8"]["item"], rows["A8"]["parent"]) == ("personnel_cost", "管理費")
        assert rows["A11"]["read_as"] == "below the line"
        assert rows["A3"]["amounts"] == {"2006": None, "2007": None}
        totals = {(t["label"], t["fiscal_year"]): t for t in doc["totals"]}
        assert totals[("管理費", 2006)] == {
            "label": "管理費",
            "cell": "A7",
            "fiscal_year": 2006,
            "stated": 100_000,
            "computed": 100_000,
            "reconciled": True,
        }
        assert totals[("経常利益", 2007)]["computed"] == 220_000
        assert doc["reading"]["reconciled"] == [2006, 2007]

    def test_table_and_problems(self, ledger_book: LedgerFactory, cli: CliRunner) -> None:
        """The map is printed even for a ledger with errors; they go to stderr; exit 1."""
        rows = [*STATEMENT[:9], ["経常利益", 999, 220]]
        code, out, err = cli("explain", ledger_book(rows))
        assert code == 1
        assert "Reading of" in out and "Stated totals of" in out and "NO" in out
        assert "ordinary-profit-mismatch" in err or "経常利益 for FY2006 is 999" in err

    def test_missing_file(self, tmp_path: Path, cli: CliRunner) -> None:
        code, _, err = cli("explain", tmp_path / "none.xlsx")
        assert code == 2 and "no such file" in err


class TestReadingInReports:
    def test_assess_prints_one_reading_line(
        self, ledger_book: LedgerFactory, cli: CliRunner
    ) -> None:
        """3 lines read (実施料収入, 人件費, 旅費交通費) plus the folded 受取賃貸料: 4 lines;
        20 of 320 revenue folded per year = 6%."""
        code, out, _ = cli("assess", ledger_book(STATEMENT))
        assert code == 0
        line = (
            "Read from 4 lines; 1 folded into other income (6% of revenue); ordinary profit "
            "reconciles with the statement in FY2006–FY2007."
        )
        assert line in out.replace("\n", " ") or line in out

    def test_assess_json_carries_the_reading(
        self, ledger_book: LedgerFactory, cli: CliRunner
    ) -> None:
        code, out, _ = cli("assess", ledger_book(STATEMENT), "--format", "json")
        assert code == 0
        reading = json.loads(out)["reading"]
        assert reading["folded"] == [{"cell": "A5", "label": "受取賃貸料", "into": "other_income"}]
        assert reading["coverage"]["revenue"] == pytest.approx(600 / 640)

    def test_rank_footnotes_low_coverage_only(self, tmp_path: Path, cli: CliRunner) -> None:
        """LOW folds 50 of 150 revenue (coverage 67%): footnoted; PLAIN states no totals: not."""
        folder = tmp_path / "books"
        folder.mkdir()
        simple_ledger(folder / "plain.xlsx", "PLAIN", licensing=[100] * 3, costs=[50] * 3)
        rows = [
            ["(単位：千円)"],
            ["科目", 2005, 2006, 2007],
            ["収益の部", None, None, None],
            ["実施料収入", 100, 100, 100],
            ["受取賃貸料", 50, 50, 50],
            ["費用の部", None, None, None],
            ["人件費", 60, 60, 60],
            ["経常利益", 90, 90, 90],
        ]
        write_book(folder / "low.xlsx", {"概要": [*PROFILE[1:], ["id", "LOW"]], "ledger": rows})
        code, out, _ = cli("rank", folder, "--as-of", 2007)
        assert code == 0
        text = out.replace("\n", " ")
        assert (
            "Reading of LOW: read from 3 lines; 1 folded into other income (33% of revenue)" in text
        )
        assert "Reading of PLAIN" not in text
        code, out, _ = cli("rank", folder, "--as-of", 2007, "--format", "json")
        by_id = {t["id"]: t for t in json.loads(out)["tlos"]}
        assert by_id["PLAIN"]["reading"]["stated_totals"] is False
        assert by_id["LOW"]["reading"]["coverage"]["revenue"] == pytest.approx(300 / 450)


class TestCombinedWorkbook:
    def test_one_map_per_ledger(self, tmp_path: Path, cli: CliRunner) -> None:
        """A registry workbook: one reading map per TLO sheet, by id."""
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 10], ["人件費", 5]]
        path = write_book(
            tmp_path / "all.xlsx",
            {
                "一覧": [["機関ID", "名称"], ["A1", "Alpha"], ["B2", "Beta"]],
                "A1": rows,
                "B2": rows,
            },
        )
        code, out, _ = cli("explain", path, "-f", "json")
        assert code == 0
        docs = json.loads(out)["ledgers"]
        assert [d["id"] for d in docs] == ["A1", "B2"]
        assert docs[1]["source"].endswith("all.xlsx › B2")
        assert [r["item"] for r in docs[0]["rows"]] == ["licensing_income", "personnel_cost"]


SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.skipif(not (SAMPLE / "T12.xlsx").exists(), reason="the sample is not present")
class TestSampleLedger:
    """`tlo explain` on a ledger of the bundled sample (a 報告式 statement in English)."""

    def test_every_row_has_a_reading(self, cli: CliRunner) -> None:
        """Every labelled row below the header appears once, with what it was read as, and
        every stated total reconciles in every year."""
        from openpyxl import load_workbook

        code, out, _ = cli("explain", SAMPLE / "T12.xlsx", "-f", "json")
        assert code == 0
        doc = json.loads(out)
        sheet = load_workbook(SAMPLE / "T12.xlsx")["income statement"]
        labelled = [f"A{r}" for r in range(4, sheet.max_row + 1) if sheet[f"A{r}"].value]
        rows = {row["cell"]: row for row in doc["rows"]}
        assert sorted(rows) == sorted(labelled)
        assert all(row["read_as"] for row in rows.values())
        assert rows["A5"]["item"] == "licensing_income"  # Royalty income
        assert rows["A25"]["read_as"] != "item"  # Ordinary profit (loss): the stated total
        assert doc["totals"] and all(t["reconciled"] for t in doc["totals"])
