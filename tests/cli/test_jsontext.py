"""The fast indented JSON writer gives exactly the text of ``json.dumps(indent=2)``."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest

from tlo_cli.cli.jsontext import dumps_indented


class Level(enum.StrEnum):
    LOW = "low"


DOCUMENTS: list[Any] = [
    {},
    [],
    0,
    "plain",
    None,
    {"a": 1, "b": [], "c": {}, "d": [1, 2.5, "x", None, True, False]},
    {"tlos": [{"id": "B1", "score": 95.990990990991, "parts": [{"w": 0.35}], "n": None}]},
    [[[]], [{}], [1, [2, [3, {"k": "v"}]]], {"x": [{"y": []}]}],
    {"名称": "ベンチTLO 1", "ctl": 'a\nb\t"q"\\ \u2028 \x01', "emoji": "\U0001f600"},
    ("a", ("b", 2), {"t": (1,)}),
    {"big": 10**30, "neg": -0.0, "tiny": 5e-324, "e": 1e22},
    {"level": Level.LOW, "list": [Level.LOW]},
    {2: "int key", 2.5: "float key", None: "none key", True: "bool key"},
    {"nested": {1: {"x": 1}}},
]


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_same_text_as_json_dumps(document: Any, ensure_ascii: bool) -> None:
    expected = json.dumps(document, indent=2, ensure_ascii=ensure_ascii, allow_nan=False)
    assert dumps_indented(document, ensure_ascii=ensure_ascii, allow_nan=False) == expected


def test_a_ranking_sized_document() -> None:
    """300 TLO records of mixed plain values, lists and records nest as json.dumps lays them."""
    document = {
        "as_of": 2008,
        "tlos": [
            {
                "rank": i,
                "id": f"B{i:04d}",
                "score": i / 7,
                "components": [{"name": "m", "value": i * 0.1, "missing": False}] * 3,
                "reasons": [] if i % 2 else ["deficit", "runway"],
                "reading": {"coverage": {"revenue": 1.0}, "derived": [], "lines": i},
            }
            for i in range(300)
        ],
    }
    assert dumps_indented(document) == json.dumps(document, indent=2)


def test_not_a_number() -> None:
    """NaN is written as json.dumps writes it, or refused with its error."""
    assert dumps_indented({"x": [math.nan]}) == json.dumps({"x": [math.nan]}, indent=2)
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant: nan"):
        dumps_indented({"x": [math.nan]}, allow_nan=False)


def test_other_values_left_to_json() -> None:
    """A value json cannot write raises json's own error."""
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"x": {1, 2}})
