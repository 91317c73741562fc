"""`tlo methodology`: the formulas and thresholds in force, with sources."""

from __future__ import annotations

import json

from tests.conftest import CliRunner
from tlo_cli.cli.output import jsonable
from tlo_cli.metrics.assess import Settings
from tlo_cli.metrics.methodology import ALS, MEXT, TC, methodology


class TestMethodology:
    """Every threshold in force is shown with its source; options change what is in force."""

    def test_json_equals_library(self, cli: CliRunner) -> None:
        """--format json is the library's methodology for the default settings."""
        code, out, _ = cli("methodology", "-f", "json")
        assert code == 0
        assert json.loads(out) == jsonable(methodology(Settings()).to_dict())

    def test_options_in_force(self, cli: CliRunner) -> None:
        """--runway-threshold and --weights show up in the rules in force."""
        doc = json.loads(
            cli("methodology", "-f", "json", "--runway-threshold", "2", "--weights", "1,1,1,1")[1]
        )
        high = next(e for e in doc["entries"] if e["name"] == "high")
        assert "under 2 years" in high["rule"]
        assert "under 2 years" in high["rule"]
        score = next(e for e in doc["entries"] if e["name"] == "score")
        assert "margin 1" in score["value"]
        assert "sustainability 1" in score["value"]

    def test_sources_cited(self) -> None:
        """The MEXT figures and Tuckman & Chang are cited, and every source cited is listed."""
        m = methodology(Settings())
        cited = {e.source for e in m.entries}
        assert MEXT in cited and TC in cited and ALS in cited
        assert {s for s in cited if not s.startswith("tlo ")} <= set(m.sources)

    def test_never_cites_the_internal_spec(self) -> None:
        """Rules cite docs pages and papers, never the internal specification."""
        m = methodology(Settings())
        assert not any("SPEC" in e.source or "SPEC" in e.rule for e in m.entries)
