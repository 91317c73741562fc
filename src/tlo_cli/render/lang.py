"""The output language: line-item labels and column headers in Japanese or English.

JSON keys and CSV headers stay canonical in every language; only what a person reads (console
tables, Markdown, the Excel report) is translated.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from tlo_cli.render.statement_labels import ITEM_LABELS, Lang

__all__ = ["Lang", "default_lang", "header_label", "line_label"]


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language of the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set.

    ``ja…`` (ja_JP.UTF-8, ja) gives Japanese; anything else, or nothing, English.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return Lang.JA if value.lower().startswith("ja") else Lang.EN
    return Lang.EN


#: Figures computed from the items, shown as lines of a statement.
FIGURE_LABELS: dict[Lang, dict[str, str]] = {
    Lang.JA: {
        "revenue": "収益合計",
        "expenses": "費用合計",
        "ordinary_profit": "経常利益",
        "ordinary_profit_ex_subsidy": "補助金除き経常利益",
        "recurring_ordinary_profit_ex_subsidy": "補助金・一時収益除き経常利益",
        "subsidy_dependence": "補助金依存度",
        "margin": "経常利益率",
        "margin_ex_subsidy": "補助金除き経常利益率",
        "operating_grant_income": "運営費交付金収入",
        "one_off_income": "一時収益",
    },
    Lang.EN: {
        "revenue": "Revenue",
        "expenses": "Expenses",
        "ordinary_profit": "Ordinary profit",
        "ordinary_profit_ex_subsidy": "Ordinary profit ex subsidy",
        "recurring_ordinary_profit_ex_subsidy": "Recurring ordinary profit ex subsidy",
        "subsidy_dependence": "Subsidy dependence",
        "margin": "Margin",
        "margin_ex_subsidy": "Margin ex subsidy",
        "operating_grant_income": "Operating grant income",
        "one_off_income": "One-off income",
    },
}

#: Japanese column headers by column key (English headers are the tables' own).
JA_HEADERS: dict[str, str] = {
    "rank": "順位",
    "id": "ID",
    "name": "名称",
    "form": "形態",
    "region": "地域",
    "group": "グループ",
    "score": "スコア",
    "revenue": "収益",
    "expenses": "費用",
    "ordinary_profit": "経常利益",
    "ordinary_profit_ex_subsidy": "補助金除き",
    "subsidy_dependence": "補助金依存度",
    "margin_ex_subsidy": "補助金除き利益率",
    "licensing_cagr": "実施料CAGR",
    "runway_years": "存続年数",
    "trend": "実施料推移",
    "risk_level": "リスク",
    "at_risk": "要注意",
    "fiscal_year": "年度",
    "tlos": "TLO数",
    "external": "学外TLO",
    "deficit_external": "学外・赤字",
    "licensing_income": "実施料収入",
    "licenses_executed": "技術移転件数",
    "subsidy_income": "補助金",
    "line": "科目",
    "code": "ルール",
    "message": "理由",
    "path": "ファイル",
    "status": "状態",
    "severity": "重大度",
    "where": "シート › セル",
    "p_deficit_any": "赤字確率",
}


def line_label(key: str, lang: Lang) -> str:
    """A line item or figure in ``lang`` (実施料収入, Licensing income); unknown keys as given."""
    label = ITEM_LABELS[lang].get(key) or FIGURE_LABELS[lang].get(key)
    return label if label is not None else key


def header_label(key: str, header: str, lang: Lang) -> str:
    """A column header in ``lang``: a fiscal-year column is 2008年度 in Japanese."""
    if lang is Lang.EN:
        return header
    if key.isdigit() and len(key) == 4:
        return f"{key}年度"
    return JA_HEADERS.get(key, header)
