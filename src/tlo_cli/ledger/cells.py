"""Small readers of single cells: blank or text, and a unit written inside a label."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from tlo_cli.ledger.parse import parse_unit
from tlo_cli.model import Unit


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


UNIT_PART = re.compile(
    r"[(（\[［]\s*(?:単位\s*[:：]?\s*)?[^()（）\[\]［］]*(?:円|jpy|yen|ＪＰＹ)[^()（）\[\]［］]*[)）\]］]",
    re.IGNORECASE,
)


_COUNT_UNIT = re.compile(r"[(（\[［]\s*(?:件|人|名|社|者|件数|人数)\s*[)）\]］]")


@lru_cache(maxsize=65536)
def split_unit(label: str) -> tuple[str, Unit | None]:
    """A label without a unit in brackets, and that unit: "実施料収入(千円)" → ("実施料収入", 千円).

    A count unit such as (件) or (人) is removed too; counts are never scaled.
    """
    label = _COUNT_UNIT.sub("", label).strip()
    m = UNIT_PART.search(label)
    if m is None:
        return label, None
    unit = parse_unit(m.group(0))
    if unit is None:
        return label, None
    return (label[: m.start()] + label[m.end() :]).strip(), unit


def nonempty(row: list[Any]) -> list[tuple[int, Any]]:
    return [(c, v) for c, v in enumerate(row) if v != "" and not is_blank(v)]
