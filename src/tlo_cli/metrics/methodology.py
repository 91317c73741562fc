"""Every formula, threshold and default assumption in force, with its source.

`tlo methodology` prints it (after the options given), and docs/methodology.md embeds the
default version, checked by a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tlo_cli.table import Column, TableData

if TYPE_CHECKING:
    from tlo_cli.metrics.assess import Settings

MEXT = "MEXT 2009, (8) 承認TLOについて"
MEXT_REVIEW = "MEXT 2009, (6) 中長期的な視点に立ったTLOの見直し"
TC = "Tuckman & Chang 1991"
ALS = "Abrams, Leung & Stevens 2009"
DOC = "tlo definition (docs/methodology.md)"
DOC_SCENARIOS = "tlo assumption (docs/scenarios.md)"
DOC_SIMULATION = "tlo model (docs/scenarios.md)"
BACKTEST = "tlo backtest (docs/methodology.md)"
JUDGMENT = "tlo default (analyst judgment; override with the option)"

SOURCES = {
    MEXT: "文部科学省 (MEXT), 2009: 産学官連携の現状, section (8) 承認TLOについて — 47 approved TLOs; "
    "the METI subsidy covering part of costs for five years from approval; of the 32 TLOs outside "
    "universities, 11 (34%) had negative ordinary profit (経常利益) in FY2007, rising each year "
    "FY2005–FY2007; royalty income peaked in FY2005 and transfers in FY2006.",
    MEXT_REVIEW: "文部科学省 (MEXT), 2009, (6): review options — wide-area TLOs, integration with "
    "the university's liaison office, alliances by field or region.",
    ALS: "Abrams, I., Leung, G. & Stevens, A. J. (2009). How are U.S. technology transfer offices "
    "tasked and motivated — is it all about the money? Research Management Review 17(1), 1–34: "
    "an office is self-sustaining when licence income after distributions to inventors and "
    "departments covers its operating and patent costs (16% of US offices were).",
    TC: "Tuckman, H. P. & Chang, C. F. (1991). A methodology for measuring the financial "
    "vulnerability of charitable nonprofit organizations. Nonprofit and Voluntary Sector "
    "Quarterly 20(4), 445–460.",
}


@dataclass(frozen=True, slots=True)
class Entry:
    section: str
    name: str
    rule: str
    value: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Methodology:
    """The entries in force, grouped by section in order."""

    entries: tuple[Entry, ...]
    sources: dict[str, str] = field(default_factory=lambda: dict(SOURCES))

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [e.to_dict() for e in self.entries], "sources": self.sources}

    def tables(self) -> list[TableData]:
        sections: list[str] = []
        for entry in self.entries:
            if entry.section not in sections:
                sections.append(entry.section)
        columns = [
            Column("name", "figure / threshold"),
            Column("rule", "rule"),
            Column("value", "in force"),
            Column("source", "source"),
        ]
        tables = [
            TableData(section, columns, [e.to_dict() for e in self.entries if e.section == section])
            for section in sections
        ]
        tables.append(
            TableData(
                "Sources",
                [Column("key", "cited as"), Column("reference", "reference")],
                [{"key": k, "reference": v} for k, v in self.sources.items()],
            )
        )
        return tables


def _pct(x: float) -> str:
    return f"{x:.0%}"


def methodology(settings: Settings, extra: Sequence[Entry] = ()) -> Methodology:
    """The methodology in force for ``settings``, then the scenarios and the simulation."""
    from tlo_cli.metrics.methodology_figures import figure_entries
    from tlo_cli.metrics.methodology_scenarios import scenario_entries

    return Methodology(tuple(figure_entries(settings)) + tuple(scenario_entries()) + tuple(extra))


def default_methodology() -> Methodology:
    """The methodology with every default in force."""
    from tlo_cli.metrics.assess import Settings

    return methodology(Settings())
