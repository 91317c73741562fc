"""Labels → canonical names, from the data file ``labels.toml``.

Every label is compared after :func:`normalize`: NFKC (full-width → half-width), lower case,
enumerators such as ``(1)``, ``1.``, ``Ⅰ``, ``①``, ``ア.``, ``(a)`` stripped, then every
space and punctuation mark removed.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from tlo_cli.model import ITEMS, Kind

_ENUMERATOR = re.compile(
    r"""^\s*(?:
        [(\[]\s*(?:\d{1,3}|[a-z]|[ivx]{1,5}|[ア-ン]|[一二三四五六七八九十]{1,3})\s*[)\]]   # (1) (a) (ア)
      | (?:\d{1,3}|[a-z]|[ivx]{1,5}|[ア-ン]|[一二三四五六七八九十]{1,3})\s*[).、.．:]      # 1. a) ア. 一、
      | [ivx]{1,5}\s+                                                         # Ⅰ 経常収益
      | [ivx]{1,5}(?=[^\x00-\x7f])                                            # Ⅰ経常収益
      | \d{1,3}(?=[^\d.,\s])                                                  # ①人件費 (NFKC: 1人件費)
      | \d{1,2}\s+(?=[^\d\s])                                                # 1 基本財産運用収入
    )\s*""",
    re.VERBOSE,
)
# Total suffixes: 当期収入合計(A), 当期収支差額(A)-(C), (A－B), a trailing ①.
_TOTAL_SUFFIX = re.compile(
    r"""\s*(?:
        [(（]\s*[A-Z]\s*[)）](?:\s*[-－−ー+＋]\s*[(（]\s*[A-Z]\s*[)）])*
      | [(（]\s*[A-Z]\s*(?:[-－−ー+＋]\s*[A-Z]\s*)+[)）]
      | [①-⑳]
    )\s*$""",
    re.VERBOSE,
)


@lru_cache(maxsize=65536)
def normalize(label: str) -> str:
    """The form labels are compared in: NFKC, lower case, no enumerator, no spaces or punctuation."""
    label = _TOTAL_SUFFIX.sub("", label) or label
    text = unicodedata.normalize("NFKC", label).lower().strip()
    stripped = _ENUMERATOR.sub("", text, count=1)
    if stripped:
        text = stripped
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every accepted label, normalised, mapped to what it means."""

    items: dict[str, str]
    item_labels: dict[str, tuple[str, ...]]
    sections: dict[str, Kind]
    section_items: dict[str, str]
    total_bases: dict[str, Kind]
    ordinary_profit: dict[str, int]
    profit_subtotals: dict[str, int]
    below_line: frozenset[str]
    axis_item: frozenset[str]
    axis_year: frozenset[str]
    sheets: dict[str, frozenset[str]]
    profile_keys: dict[str, str]
    forms: dict[str, str]
    regions: dict[str, str]
    prefectures: dict[str, str]
    raw: dict[str, Any]
    before_valuation: frozenset[str]
    valuation: frozenset[str]
    valuation_totals: frozenset[str]
    memo_headers: frozenset[str]
    memo_prefixes: tuple[str, ...]
    financing: frozenset[str]
    carry: frozenset[str]
    parents: frozenset[str]
    balance_sheet: frozenset[str]
    balance_sheets: frozenset[str]
    net_sections: frozenset[str]
    pretax: frozenset[str]
    below_ordinary: tuple[str, ...]

    def item(self, key: str) -> str | None:
        return self.items.get(key)

    def near_miss(self, key: str) -> str | None:
        """The accepted item label within a small edit distance of ``key``, if any.

        Levenshtein distance on normalised labels: at most 1 when either label holds CJK
        characters (and both have 3 or more), otherwise 1 up to 4 characters and 2 above.
        Ties go to the first label.
        """
        return _near_miss(key, self.item_originals())

    def item_originals(self) -> tuple[tuple[str, str], ...]:
        return _originals()

    def closest(self, label: str, n: int = 3) -> list[str]:
        """The accepted labels closest to ``label``, for an error message."""
        originals = {normalize(lab): lab for labs in self.item_labels.values() for lab in labs}
        matches = difflib.get_close_matches(normalize(label), list(originals), n=n, cutoff=0.4)
        return [originals[m] for m in matches]


def _flip(mapping: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, labels in mapping.items():
        for label in [canonical, *labels]:
            out[normalize(label)] = canonical
    return out


@cache
def catalogue() -> Catalogue:
    """The label catalogue, loaded once from ``labels.toml``."""
    text = resources.files("tlo_cli.ledger").joinpath("labels.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    items = raw["items"]
    missing = set(ITEMS) - set(items)
    if missing:  # pragma: no cover - guards the data file
        raise RuntimeError(f"labels.toml lacks items {sorted(missing)}")
    sections = {
        normalize(lab): Kind(kind) for kind, labs in raw["sections"].items() for lab in labs
    }
    return Catalogue(
        items=_flip(items),
        item_labels={item: tuple(labels) for item, labels in items.items()},
        sections=sections,
        section_items={normalize(k): v for k, v in raw["section_items"].items()},
        total_bases={
            normalize(lab): Kind(kind) for kind, labs in raw["total_bases"].items() for lab in labs
        },
        ordinary_profit={
            **{normalize(lab): 1 for lab in raw["ordinary_profit"]["profit"]},
            **{normalize(lab): -1 for lab in raw["ordinary_profit"]["loss"]},
        },
        profit_subtotals={
            **{normalize(lab): 1 for lab in raw["profit_subtotals"]["profit"]},
            **{normalize(lab): -1 for lab in raw["profit_subtotals"]["loss"]},
        },
        below_line=frozenset(normalize(lab) for lab in raw["below_line"]["labels"]),
        axis_item=frozenset(normalize(lab) for lab in raw["axis"]["item"]),
        axis_year=frozenset(normalize(lab) for lab in raw["axis"]["year"]),
        sheets={
            kind: frozenset(normalize(n) for n in names) for kind, names in raw["sheets"].items()
        },
        profile_keys=_flip(raw["profile"]["keys"]),
        forms=_flip(raw["profile"]["forms"]),
        regions=_flip(raw["profile"]["regions"]),
        prefectures={
            normalize(pref): region
            for region, prefs in raw["prefectures"].items()
            for pref in prefs + [p[:-1] for p in prefs if p != "北海道"]
        },
        raw=raw,
        before_valuation=_keys(raw["valuation"]["before"]),
        valuation=_keys(raw["valuation"]["lines"]),
        valuation_totals=_keys(raw["valuation"]["totals"]),
        memo_headers=_keys(raw["memo"]["headers"]),
        memo_prefixes=tuple(normalize(p) for p in raw["memo"]["prefixes"]),
        financing=_keys(raw["cash_basis"]["financing"]),
        carry=_keys(raw["cash_basis"]["carry"]),
        parents=_keys(raw["parents"]["labels"]),
        balance_sheet=_keys(raw["balance_sheet"]["labels"]),
        balance_sheets=_keys(raw["balance_sheet"]["sheets"]),
        net_sections=_keys(raw["us_style"]["net_sections"]),
        pretax=_keys(raw["us_style"]["pretax"]),
        below_ordinary=tuple(normalize(p) for p in raw["us_style"]["below_ordinary"]),
    )


def _keys(labels: list[str]) -> frozenset[str]:
    return frozenset(normalize(label) for label in labels)


_TOTAL_SUFFIXES = ("合計", "小計", "計")


def total_base(key: str) -> str | None:
    """For a normalised total label, the name it totals ("" for a bare 合計); None if not a total.

    A total ends in 計, 合計 or 小計, or starts (or ends) with "total".
    """
    for suffix in _TOTAL_SUFFIXES:
        if key.endswith(suffix):
            return key[: -len(suffix)]
    if key.startswith("total"):
        base = key[len("total") :]
        return base[2:] if base.startswith("of") else base
    if key.endswith("total"):
        return key[: -len("total")]
    return None


@cache
def _originals() -> tuple[tuple[str, str], ...]:
    cat = catalogue()
    seen: dict[str, str] = {}
    for labels in cat.item_labels.values():
        for lab in labels:
            seen.setdefault(normalize(lab), lab)
    return tuple(seen.items())


def _is_cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)


def levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance between ``a`` and ``b`` (insert, delete, substitute), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=4096)
def _near_miss_cached(key: str, originals: tuple[tuple[str, str], ...]) -> str | None:
    if any(norm == key for norm, _ in originals):
        return None
    for norm, original in originals:
        cjk = _is_cjk(norm) or _is_cjk(key)
        if cjk and min(len(norm), len(key)) < 3:
            continue  # 旅費 and 雑費 differ by one character of two: no evidence of a typo
        limit = 1 if cjk or max(len(norm), len(key)) <= 4 else 2
        if 0 < levenshtein(key, norm, limit) <= limit:
            return original
    return None


def _near_miss(key: str, originals: tuple[tuple[str, str], ...]) -> str | None:
    if not key:
        return None
    return _near_miss_cached(key, originals)
