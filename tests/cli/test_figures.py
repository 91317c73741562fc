"""assess, rank and sector from the command line; JSON equals the library's report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tlo_cli.cli.output import jsonable
from tlo_cli.ledger import load_cohort
from tlo_cli.metrics.assess import assess_cohort
from tlo_cli.metrics.sector import sector_by_year
from tlo_cli.render.figures import AssessReport, RankReport, SectorReport


class TestJsonEqualsLibrary:
    """Each command's --format json is the library's report, value for value."""

    def test_rank(self, cli: CliRunner, cohort_dir: Path) -> None:
        """rank --format json == RankReport(assess_cohort(...)).to_dict()."""
        code, out, _ = cli("rank", cohort_dir, "--format", "json")
        assert code == 0
        cohort = load_cohort([cohort_dir])
        readings = {led.id: led.reading for led in cohort.ledgers}
        expected = RankReport(
            assess_cohort(cohort.ledgers), cohort.skipped, None, readings
        ).to_dict()
        assert json.loads(out) == jsonable(expected)

    def test_assess(self, cli: CliRunner, cohort_dir: Path) -> None:
        """assess --format json == AssessReport(...).to_dict()."""
        code, out, _ = cli("assess", cohort_dir / "a.xlsx", "-f", "json")
        assert code == 0
        ledgers = load_cohort([cohort_dir / "a.xlsx"]).ledgers
        assessment = assess_cohort(ledgers, as_of=2007).assessments[0]
        doc = json.loads(out)
        assert doc == jsonable(AssessReport(assessment, ledgers[0].reading).to_dict())
        assert doc["score"] is None  # one TLO is not scored
        assert {"payout_ratio", "self_sustainability", "cost_coverage"} <= set(doc["figures"])

    def test_sector(self, cli: CliRunner, cohort_dir: Path) -> None:
        """sector --format json == SectorReport(sector_by_year(...)).to_dict()."""
        code, out, _ = cli("sector", cohort_dir, "--format", "json")
        assert code == 0
        ledgers = load_cohort([cohort_dir]).ledgers
        assert json.loads(out) == jsonable(SectorReport(sector_by_year(ledgers)).to_dict())


class TestRank:
    """The ranking, its summary and its options."""

    def test_summary_fields(self, cli: CliRunner, cohort_dir: Path) -> None:
        """SPEC §7 fields are present; the summary counts external TLOs and deficits."""
        doc = json.loads(cli("rank", cohort_dir, "-f", "json")[1])
        assert doc["as_of"] == 2007 and doc["unit"] == "JPY"
        assert set(doc["summary"]) >= {"tlos", "external", "deficit", "deficit_external", "at_risk"}
        assert doc["summary"]["tlos"] == 3 and doc["summary"]["external"] == 2
        assert doc["summary"]["deficit_external"] == 1
        row = doc["tlos"][0]
        for key in (
            "rank",
            "id",
            "name",
            "form",
            "region",
            "internal",
            "score",
            "ordinary_profit",
            "ordinary_profit_ex_subsidy",
            "subsidy_dependence",
            "licensing_cagr",
            "risk_level",
            "at_risk",
        ):
            assert key in row

    def test_groups_components_and_too_young(self, cli: CliRunner, cohort_dir: Path) -> None:
        """A and B (external, approved FY2003) are scored in their group with four components
        and percentiles; C (internal, approved FY2005) is two years old in FY2007: too young,
        listed apart with its verdict."""
        doc = json.loads(cli("rank", cohort_dir, "-f", "json")[1])
        assert [(t["id"], t["group"], t["rank"]) for t in doc["tlos"]] == [
            ("B", "external", 1),
            ("A", "external", 2),
        ]
        names = [c["name"] for c in doc["tlos"][0]["score_components"]]
        assert names == ["margin_ex_subsidy", "self_sustainability", "licensing_trend", "coverage"]
        assert all(0 <= c["percentile"] <= 1 for c in doc["tlos"][0]["score_components"])
        assert [y["id"] for y in doc["too_young"]] == ["C"]
        assert doc["too_young"][0]["usable_years"] == 2
        assert doc["summary"]["tlos"] == 3 and doc["summary"]["too_young"] == 1
        table = cli("rank", cohort_dir)[1]
        assert "too young to score" in table

    def test_named_weights(self, cli: CliRunner, cohort_dir: Path) -> None:
        """Named weights: sustainability=1 sets that component; runway is coverage's alias."""
        doc = json.loads(
            cli("rank", cohort_dir, "-f", "json", "--weights", "sustainability=1,runway=0.5")[1]
        )
        w = doc["settings"]["weights"]
        assert (w["self_sustainability"], w["coverage"], w["margin_ex_subsidy"]) == (1, 0.5, 0.35)

    def test_top_and_external_only(self, cli: CliRunner, cohort_dir: Path) -> None:
        """--top limits the rows; --external-only drops internal TLOs."""
        doc = json.loads(cli("rank", cohort_dir, "-f", "json", "--top", "1")[1])
        assert len(doc["tlos"]) == 1
        doc = json.loads(cli("rank", cohort_dir, "-f", "json", "--external-only")[1])
        assert {t["id"] for t in doc["tlos"]} == {"A", "B"}

    def test_weights(self, cli: CliRunner, cohort_dir: Path) -> None:
        """--weights changes the score; a malformed value is a usage error."""
        doc = json.loads(cli("rank", cohort_dir, "-f", "json", "--weights", "1,0,0,0")[1])
        assert doc["settings"]["weights"]["margin_ex_subsidy"] == 1.0
        code, _, err = cli("rank", cohort_dir, "--weights", "1,2")
        assert code == 2 and "--weights" in err

    def test_as_of(self, cli: CliRunner, cohort_dir: Path) -> None:
        """--as-of picks the year judged; a year nobody has is a usage error."""
        assert (
            json.loads(cli("rank", cohort_dir, "-f", "json", "--as-of", "2005")[1])["as_of"] == 2005
        )
        code, _, err = cli("rank", cohort_dir, "--as-of", "2015")
        assert code == 2 and "FY2015" in err

    def test_fail_on(self, cli: CliRunner, cohort_dir: Path) -> None:
        """--fail-on deficit exits 1 when a TLO in the result is in deficit."""
        assert cli("rank", cohort_dir, "--fail-on", "deficit")[0] == 1
        assert cli("rank", cohort_dir / "b.xlsx", "--fail-on", "deficit")[0] == 0
        assert cli("rank", cohort_dir, "--fail-on", "nonsense")[0] == 2

    def test_skipped_input(self, cli: CliRunner, cohort_dir: Path) -> None:
        """One unreadable ledger among many is skipped and reported, exit 1."""
        (cohort_dir / "broken.xlsx").write_bytes(b"PK\x03\x04broken")
        code, out, err = cli("rank", cohort_dir, "-f", "json")
        assert code == 1
        doc = json.loads(out)
        assert doc["skipped"][0]["path"].endswith("broken.xlsx")
        assert "broken.xlsx" in err and "Traceback" not in err

    def test_only_input_unreadable(self, cli: CliRunner, tmp_path: Path) -> None:
        """A single unreadable input: one line naming the file, exit 2."""
        bad = tmp_path / "bad.xlsx"
        bad.write_text("a,b\n1,2\n")
        code, out, err = cli("rank", bad)
        assert code == 2 and out == ""
        assert err.strip().count("\n") == 0 and str(bad) in err

    def test_table_says_unit_and_fiscal_year(self, cli: CliRunner, cohort_dir: Path) -> None:
        """The table names its unit and the April–March fiscal year."""
        out = cli("rank", cohort_dir)[1]
        assert "千円" in out and "April to March" in out

    @pytest.mark.parametrize(
        ("fmt", "marker"), [("csv", "rank,id,name"), ("markdown", "| # | id |")]
    )
    def test_formats(self, cli: CliRunner, cohort_dir: Path, fmt: str, marker: str) -> None:
        """CSV and Markdown carry the same ranking."""
        out = cli("rank", cohort_dir, "--format", fmt)[1]
        assert marker.replace("rank", "#") in out or marker in out

    def test_display_unit(self, cli: CliRunner, cohort_dir: Path) -> None:
        """--display-unit yen shows amounts in yen; JSON stays in yen."""
        out = cli("rank", cohort_dir, "--format", "csv", "--display-unit", "yen")[1]
        assert "ordinary_profit_yen" in out
        assert "-29000" in out


class TestAssess:
    """One TLO."""

    def test_tables(self, cli: CliRunner, cohort_dir: Path) -> None:
        """The statement, the verdict and the projection are shown."""
        code, out, _ = cli("assess", cohort_dir / "a.xlsx")
        assert code == 0
        assert (
            "statement to FY2007" in out
            and "Risk as of FY2007: medium" in out
            and "Projection" in out
        )

    def test_combined_needs_tlo(self, cli: CliRunner, cohort_dir: Path) -> None:
        """A directory of several TLOs needs --tlo; ids are matched case-insensitively."""
        assert cli("assess", cohort_dir)[0] == 2
        code, out, _ = cli("assess", cohort_dir, "--tlo", "b", "-f", "json")
        assert code == 0 and json.loads(out)["tlo"]["id"] == "B"
        code, _, err = cli("assess", cohort_dir, "--tlo", "nope")
        assert code == 2 and "A, B, C" in err

    def test_output_file(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """-o writes the format of its extension and refuses to overwrite an input."""
        target = tmp_path / "a.json"
        assert cli("assess", cohort_dir / "a.xlsx", "-o", target)[0] == 0
        assert json.loads(target.read_text())["as_of"] == 2007
        code, _, err = cli("assess", cohort_dir / "a.xlsx", "-o", cohort_dir / "a.xlsx")
        assert code == 2 and "refusing to overwrite" in err


class TestSector:
    """The sector table."""

    def test_years_and_peaks(self, cli: CliRunner, cohort_dir: Path) -> None:
        """One row per fiscal year; peaks named."""
        doc = json.loads(cli("sector", cohort_dir, "-f", "json")[1])
        assert [y["fiscal_year"] for y in doc["years"]] == [2005, 2006, 2007]
        assert doc["years"][2]["external"] == 2
        assert doc["peaks"]["licensing_income_fy"] == 2007


class TestWeightNames:
    """The CLI parses --weights without importing numpy; its names must match the library's."""

    def test_names_and_defaults_agree(self) -> None:
        """cli.common's weight names and defaults are those of metrics.score.Weights."""
        from tlo_cli.cli.common import WEIGHT_DEFAULTS, WEIGHT_NAMES
        from tlo_cli.metrics.score import Weights

        assert Weights.__slots__ == WEIGHT_NAMES
        assert tuple(getattr(Weights(), n) for n in WEIGHT_NAMES) == WEIGHT_DEFAULTS


class TestSampleFigures:
    """The published FY2005–FY2007 figures, reproduced from the bundled sample by the CLI."""

    SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

    def test_rank_as_of_2007(self, cli: CliRunner) -> None:
        """`tlo rank data/sample --as-of 2007 --format json`: 32 external, 11 of them in deficit."""
        code, out, _ = cli("rank", self.SAMPLE, "--as-of", "2007", "--format", "json")
        assert code == 0
        summary = json.loads(out)["summary"]
        assert (summary["external"], summary["deficit_external"]) == (32, 11)

    def test_sector(self, cli: CliRunner) -> None:
        """`tlo sector data/sample`: 33/33/32 external, deficits rising, peaks FY2005 and FY2006."""
        doc = json.loads(cli("sector", self.SAMPLE, "--format", "json")[1])
        years = {y["fiscal_year"]: y for y in doc["years"]}
        assert [years[fy]["external"] for fy in (2005, 2006, 2007)] == [33, 33, 32]
        deficits = [years[fy]["deficit_external"] for fy in (2005, 2006, 2007)]
        assert deficits[0] < deficits[1] < deficits[2] == 11
        assert doc["peaks"] == {"licensing_income_fy": 2005, "licenses_executed_fy": 2006}


class TestColour:
    """Colour follows the terminal and NO_COLOR."""

    def test_no_color(self, cohort_dir: Path) -> None:
        """Forced colour shows ANSI colour codes; NO_COLOR removes them."""
        import os
        import subprocess
        import sys

        env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "200"}
        env.pop("NO_COLOR", None)
        coloured = subprocess.run(
            [sys.executable, "-m", "tlo_cli", "rank", str(cohort_dir)],
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        assert "\x1b[31m" in coloured or "\x1b[1;31m" in coloured
        plain = subprocess.run(
            [sys.executable, "-m", "tlo_cli", "rank", str(cohort_dir)],
            capture_output=True,
            text=True,
            env={**env, "NO_COLOR": "1"},
        ).stdout
        assert "\x1b[31m" not in plain and "\x1b[1;31m" not in plain
