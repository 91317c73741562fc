"""The width machinery, worked by hand, and the text that is safe to print."""

from __future__ import annotations

import io

from tlo_cli.model import Unit
from tlo_cli.render.fit import drop_rank, fit_table, suffixed_years
from tlo_cli.render.text import clean, fallback, md_escape
from tlo_cli.table import Col, Column, TableData


def _render(table: TableData, width: int) -> tuple[list[str], tuple[str, ...], int]:
    from rich.console import Console

    fitted = fit_table(table, Unit.YEN, width=width)
    buffer = io.StringIO()
    Console(file=buffer, width=max(width, fitted.width), color_system=None).print(fitted.renderable)
    return buffer.getvalue().splitlines(), fitted.dropped, fitted.width


TABLE = TableData(
    "t",
    [
        Column("id", "id"),
        Column("name", "name"),
        Column("region", "region"),
        Column("form", "form"),
        Column("score", "score", Col.NUMBER),
        Column("trend", "trend"),
    ],
    [
        {
            "id": "T01",
            "name": "A very long organisation name",
            "region": "kanto",
            "form": "kabushiki",
            "score": 12.5,
            "trend": "▁▃█",
        },
    ],
)


class TestFit:
    """Widths: id 3, name 29 (min 8), region 6, form 9, score 5, trend 5; overhead 3n + 1."""

    def test_natural_width(self) -> None:
        """Wide enough: 3 + 29 + 6 + 9 + 5 + 5 = 57, plus 3 × 6 + 1 = 19: 76 columns, nothing left out."""
        _, dropped, width = _render(TABLE, 100)
        assert dropped == () and width == 76

    def test_drop_order(self) -> None:
        """At 50: minimums 3 + 8 + 6 + 9 + 5 + 5 = 36 + 19 = 55 > 50, so the sparkline goes
        (31 + 16 = 47 ≤ 50); the spare 3 cells lengthen the name to 11 ("A very lon…")."""
        lines, dropped, width = _render(TABLE, 50)
        assert dropped == ("trend",) and width == 50
        row = next(line for line in lines if "T01" in line)
        assert "│ A very lon… │" in row and "12.50" in row and "kabushiki" in row

    def test_drop_more(self) -> None:
        """At 40: without trend 47 > 40, region goes (3 + 8 + 9 + 5 = 25 + 13 = 38 ≤ 40)."""
        _, dropped, width = _render(TABLE, 40)
        assert dropped == ("trend", "region") and width == 40

    def test_essentials_stay(self) -> None:
        """At 10 nothing essential goes: id, name (8) and score stay, wider than asked, whole."""
        lines, dropped, width = _render(TABLE, 10)
        assert dropped == ("trend", "region", "form") and width == 3 + 8 + 5 + 10
        assert any("12.50" in line for line in lines)

    def test_year_columns(self) -> None:
        """Statement years: the latest two stay, the oldest goes first."""
        years = ["2005", "2006", "2007", "2008"]
        ranks = [drop_rank(Column(y, y, Col.YEN), years, []) for y in years]
        assert ranks == [103, 102, 0, 0]

    def test_suffixed_columns(self) -> None:
        """Projection years (op2009…): the last stays; middle years go first, then the first;
        ex subsidy (opx) before ordinary profit."""
        cols = [Column(f"{p}{y}", "x", Col.YEN) for y in (2009, 2010, 2011) for p in ("op", "opx")]
        years = suffixed_years(cols)
        assert years == [2009, 2010, 2011]
        ranks = {c.key: drop_rank(c, [], [], years) for c in cols}
        assert ranks == {
            "op2009": 99,
            "opx2009": 149,
            "op2010": 101,
            "opx2010": 151,
            "op2011": 0,
            "opx2011": 55,
        }


class TestText:
    def test_clean(self) -> None:
        assert clean("a\x1b[31mb\nc\td\x07") == "a\\x1b[31mb\\nc\\td\\x07"
        assert clean("r\udcff.csv") == "r\\xff.csv"  # an undecodable byte of a file name
        assert clean("\u202eevil") == "\\u202eevil"
        assert clean("実施料収入 △1,000") == "実施料収入 △1,000"

    def test_fallback_cp932(self) -> None:
        assert fallback("a › b – c — d ¥5 ▁▃█", "cp932") == "a > b - c - d JPY5 "
        assert fallback("実施料収入 △1,000", "cp932") == "実施料収入 △1,000"
        assert fallback("x › y", "utf-8") == "x › y"
        assert fallback("✓", "ascii") == "?"

    def test_markdown(self) -> None:
        assert md_escape("<script>x</script> | a < 0 & b &amp;") == (
            "&lt;script>x&lt;/script> \\| a < 0 & b &amp;amp;"
        )
