"""--lang ja|en: line items and headers in tables, Markdown and Excel; JSON and CSV canonical."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tlo_cli.render.lang import Lang, default_lang, header_label, line_label


class TestDefault:
    """The default language comes from LC_ALL, then LC_MESSAGES, then LANG."""

    @pytest.mark.parametrize(
        ("env", "expected"),
        [
            ({}, Lang.EN),
            ({"LANG": "ja_JP.UTF-8"}, Lang.JA),
            ({"LANG": "ja"}, Lang.JA),
            ({"LANG": "C.UTF-8"}, Lang.EN),
            ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.eucJP"}, Lang.JA),
            ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "C"}, Lang.EN),
            ({"LANG": "ja_JP.UTF-8", "LC_ALL": "en_GB.UTF-8"}, Lang.EN),
            ({"LC_ALL": "ja_JP.SJIS", "LANG": "C"}, Lang.JA),
            ({"LC_ALL": "", "LANG": "ja_JP.UTF-8"}, Lang.JA),  # an empty variable is unset
        ],
    )
    def test_locale(self, env: dict[str, str], expected: Lang) -> None:
        assert default_lang(env) is expected

    def test_cli_follows_locale(
        self, cli: CliRunner, cohort_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With LANG=ja_JP.UTF-8 and no --lang, headers are Japanese; --lang en overrides."""
        monkeypatch.setenv("LANG", "ja_JP.UTF-8")
        assert "経常利益" in cli("rank", cohort_dir)[1]
        assert "ordinary profit" in cli("rank", cohort_dir, "--lang", "en")[1]


class TestLabels:
    def test_items_and_figures(self) -> None:
        assert line_label("licensing_income", Lang.JA) == "実施料収入"
        assert line_label("licensing_income", Lang.EN) == "Licensing income"
        assert line_label("licenses_executed", Lang.EN) == "Licenses executed"
        assert line_label("ordinary_profit", Lang.JA) == "経常利益"
        assert line_label("something_new", Lang.JA) == "something_new"

    def test_headers(self) -> None:
        assert header_label("2007", "FY2007", Lang.JA) == "2007年度"
        assert header_label("score", "score", Lang.JA) == "スコア"
        assert header_label("score", "score", Lang.EN) == "score"
        assert header_label("unknown_key", "as given", Lang.JA) == "as given"


class TestCommands:
    def test_assess_ja(self, cli: CliRunner, cohort_dir: Path) -> None:
        """The statement in Japanese: 実施料収入, 経常利益, 2007年度; no code names."""
        out = cli("assess", cohort_dir / "a.xlsx", "--lang", "ja")[1]
        for label in ("実施料収入", "補助金収入", "人件費", "経常利益", "2007年度", "科目"):
            assert label in out, label
        assert "licensing_income" not in out and "Licensing income" not in out

    def test_assess_en_words(self, cli: CliRunner, cohort_dir: Path) -> None:
        """English shows words, not code names, and the two licensing lines differ."""
        out = cli("assess", cohort_dir / "a.xlsx", "--lang", "en")[1]
        assert "Licensing income" in out and "licensing_income" not in out

    def test_json_keys_unchanged(self, cli: CliRunner, cohort_dir: Path) -> None:
        en = json.loads(cli("assess", cohort_dir / "a.xlsx", "-f", "json", "--lang", "en")[1])
        ja = json.loads(cli("assess", cohort_dir / "a.xlsx", "-f", "json", "--lang", "ja")[1])
        assert en == ja and "licensing_income" in ja["years"][0]

    def test_csv_canonical(self, cli: CliRunner, cohort_dir: Path) -> None:
        """CSV headers and line items are the canonical names in every language."""
        ja = cli("assess", cohort_dir / "a.xlsx", "-f", "csv", "--lang", "ja")[1]
        en = cli("assess", cohort_dir / "a.xlsx", "-f", "csv", "--lang", "en")[1]
        assert ja == en
        rows = list(csv.reader(io.StringIO(ja)))
        assert rows[0][0] == "line" and "licensing_income" in [r[0] for r in rows]

    def test_markdown_ja(self, cli: CliRunner, cohort_dir: Path) -> None:
        out = cli("rank", cohort_dir, "-f", "markdown", "--lang", "ja")[1]
        assert "| 順位 | ID | 名称 |" in out

    def test_report_ja(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """The Excel report's headers and statement lines are Japanese with --lang ja."""
        from openpyxl import load_workbook

        target = tmp_path / "r.xlsx"
        assert cli("report", cohort_dir, "--lang", "ja", "-o", target)[0] == 0
        book = load_workbook(target)
        assert [c.value for c in book["Summary"][1]][:3] == ["順位", "ID", "名称"]
        statement = next(n for n in book.sheetnames if n.endswith(" statement"))
        labels = [row[0].value for row in book[statement].iter_rows()]
        assert "実施料収入" in labels and "経常利益" in labels
