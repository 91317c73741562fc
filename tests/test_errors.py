"""Every kind of problem the code reports is in the catalogue of codes."""

from __future__ import annotations

import re
from pathlib import Path

from tlo_cli.errors import CODES, Location, error

SRC = Path(__file__).resolve().parent.parent / "src" / "tlo_cli"
USED = re.compile(r'\b(?:error|warning|Issue)\(\s*"([a-z][a-z-]+)"')


class TestCodes:
    """Issue codes are data with a title; messages name the place."""

    def test_every_code_used_is_catalogued(self) -> None:
        """Each code passed to error()/warning()/Issue() in the source has a title in CODES."""
        used = {m.group(1) for path in SRC.rglob("*.py") for m in USED.finditer(path.read_text())}
        assert used
        assert used - set(CODES) - {"usage"} == set()

    def test_one_line_with_place_and_hint(self) -> None:
        """str(issue) is `file › sheet › cell: message (hint)`."""
        issue = error(
            "text-amount",
            'text "x" where an amount belongs',
            Location("a.xlsx", "PL", "C7"),
            "type a number",
        )
        assert str(issue) == 'a.xlsx › PL › C7: text "x" where an amount belongs (type a number)'
