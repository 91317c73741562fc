"""Statement styles: the rows of a ledger sheet, built from canonical items in yen.

Each style lays the same canonical items out the way one kind of TLO keeps its books. Every
stated total, subtotal and profit line is computed here from the rows it covers, so the
reader's cross-checks hold exactly. Items absent from the amounts get no row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from tlo_cli.model import EXPENSE_ITEMS, ITEMS, REVENUE_ITEMS, STATEMENT_ONLY_ITEMS
from tlo_cli.render.ledger_rows import (
    Amounts,
    Builder,
    Row,
    RowKind,
    Series,
    add,
    income_taxes,
    profit_row,
    split,
)
from tlo_cli.render.statement_labels import ITEM_LABELS, Lang

__all__ = ["Amounts", "Row", "RowKind", "Style", "statement_rows", "template_rows"]


class Style(StrEnum):
    """How the ledger sheet is laid out as a statement."""

    SIMPLE = "simple"  # 収益の部 / 費用の部, one row per canonical item
    CORPORATE = "corporate"  # 損益計算書 under Japanese GAAP
    FOUNDATION = "foundation"  # 公益法人 正味財産増減計算書
    INTERNAL = "internal"  # 収支: 収入の部 / 支出の部


def simple_rows(amounts: Amounts, years: Sequence[int], lang: Lang) -> list[Row]:
    """収益の部 and 費用の部 with one row per canonical item, then balances and counts."""
    b = Builder(amounts, years, lang)
    for word, items in (("revenue", REVENUE_ITEMS), ("expense", EXPENSE_ITEMS)):
        if b.has(*items):
            b.header(word)
            for item in items:
                b.item(item)
    b.balances()
    return b.rows


def template_rows(years: Sequence[int], lang: Lang) -> list[Row]:
    """The simple statement with every canonical item and every amount cell empty."""
    empty: dict[str, dict[int, float]] = {
        item: {} for item in ITEMS if item not in STATEMENT_ONLY_ITEMS
    }
    return simple_rows(empty, years, lang)


def internal_rows(amounts: Amounts, years: Sequence[int], lang: Lang) -> list[Row]:
    """収支 of a TLO inside a university: 収入の部 and 支出の部, each with its 合計."""
    b = Builder(amounts, years, lang)
    w = b.words
    ja = lang is Lang.JA
    own = {
        "contract_income": w["int_contract"] if ja else None,
        "patent_cost": w["int_patent"] if ja else None,
        "distribution_cost": w["int_distribution"] if ja else None,
        "other_expenses": w["int_other"] if ja else None,
    }
    for word, items in (("receipts", REVENUE_ITEMS), ("payments", EXPENSE_ITEMS)):
        if not b.has(*items):
            continue
        b.header(word)
        for item in items:
            b.item(item, own.get(item))
        b.line(w[f"{word}_total"], b.total(items), indent=0, bold=True)
    b.balances()
    return b.rows


def corporate_rows(amounts: Amounts, years: Sequence[int], lang: Lang) -> list[Row]:
    """損益計算書 (Japanese GAAP): 売上高 … 営業利益 … 経常利益 … 当期純利益, then balances."""
    b = Builder(amounts, years, lang)
    w = b.words
    ja = lang is Lang.JA
    sales_items = ("licensing_income", "membership_income", "contract_income")
    sales = b.total(sales_items)
    if b.has(*sales_items):
        b.line(w["sales"], sales, indent=0, bold=True)
        b.item("licensing_income", w["royalties"])
        b.item("membership_income", w["annual_fees"])
        b.item("contract_income")
    cost = b.total(["distribution_cost"])
    if b.has("distribution_cost"):
        if ja:
            b.item("distribution_cost", w["cost_of_sales"], indent=0)
        else:
            b.header("cost_of_sales")
            b.item("distribution_cost", w["distributions"])
    b.rows.append(profit_row(w, "gross", "gross_loss", add(sales, cost, sign=(1, -1)), True))
    sga_items = ("personnel_cost", "patent_cost", "admin_cost")
    sga = b.total(sga_items)
    if b.has(*sga_items):
        b.header("sga")
        if ja:
            b.parts("personnel_cost", ["directors", "salaries", "welfare"], [0.25, 0.62], 1)
        else:
            b.item("personnel_cost", w["salaries"])
        b.item("patent_cost")
        if ja:
            b.parts("admin_cost", ["rent", "travel", "fees", "depreciation"], [0.35, 0.15, 0.3], 1)
        else:
            b.parts("admin_cost", ["rent", "travel", "fees"], [0.35, 0.15], 1)
        b.line(w["sga_total"], sga, indent=0, bold=True)
    operating = add(sales, cost, sga, sign=(1, -1, -1))
    b.rows.append(profit_row(w, "operating", "operating_loss", operating, True))
    non_op_income = b.total(["subsidy_income", "other_income"])
    if b.has("subsidy_income", "other_income"):
        b.header("non_op_income")
        b.item("subsidy_income")
        b.item("other_income", w["interest_income"])
        b.line(w["non_op_income_total"], non_op_income, indent=0)
    non_op_expense = b.total(["other_expenses"])
    if b.has("other_expenses"):
        b.header("non_op_expense")
        b.item("other_expenses", w["interest_expense"])
        b.line(w["non_op_expense_total"], non_op_expense, indent=0)
    ordinary = add(operating, non_op_income, non_op_expense, sign=(1, 1, -1))
    b.rows.append(Row(w["ordinary"], RowKind.SIGNED, ordinary, bold=True))
    b.line(w["extraordinary_income"], b.zero(), indent=0)
    b.line(w["extraordinary_loss"], b.zero(), indent=0)
    b.rows.append(Row(w["pretax"], RowKind.SIGNED, ordinary))
    taxes = {fy: None if v is None else income_taxes(v) for fy, v in ordinary.items()}
    b.line(w["taxes"], taxes, indent=0)
    net = add(ordinary, taxes, sign=(1, -1))
    b.rows.append(profit_row(w, "net_income", "net_loss", net, True))
    b.balances({"net_assets": w["total_net_assets"], "cash": w["cash_deposits"]})
    return b.rows


def foundation_rows(amounts: Amounts, years: Sequence[int], lang: Lang) -> list[Row]:
    """正味財産増減計算書 of a 財団/社団: 経常収益, 経常費用 (事業費, 管理費), 当期経常増減額."""
    b = Builder(amounts, years, lang)
    w = b.words
    ja = lang is Lang.JA
    b.header("general_section")
    b.header("ordinary_section")
    revenue = b.total(REVENUE_ITEMS)
    if b.has(*REVENUE_ITEMS):
        b.header("ordinary_revenue", indent=1)
        b.item("licensing_income", indent=2)
        b.item("membership_income", w["fdn_fees"] if ja else None, indent=2)
        b.item("contract_income", w["fdn_contract"] if ja else None, indent=2)
        b.item("subsidy_income", w["fdn_subsidy"] if ja else None, indent=2)
        b.item("other_income", w["fdn_other"] if ja else None, indent=2)
        b.line(w["ordinary_revenue_total"], revenue, indent=1, bold=True)
    personnel = split(b.series("personnel_cost"), [0.7, 0.1]) if b.has("personnel_cost") else []
    admin = split(b.series("admin_cost"), [0.3, 0.15, 0.35]) if b.has("admin_cost") else []
    salaries = w["fdn_salaries"] if ja else ITEM_LABELS[lang]["personnel_cost"]
    admin_labels = (
        ["outsourcing", "travel", "rent", "communication"]
        if ja
        else ["fees", "travel", "rent", "fees"]
    )
    programme: list[tuple[str, Series]] = []
    management: list[tuple[str, Series]] = []
    if personnel:
        programme.append((salaries, personnel[0]))
        management += [(w["directors"] if ja else salaries, personnel[1]), (salaries, personnel[2])]
    if b.has("patent_cost"):
        programme.append((ITEM_LABELS[lang]["patent_cost"], b.series("patent_cost")))
    if b.has("distribution_cost"):
        label = w["fdn_distribution"] if ja else ITEM_LABELS[lang]["distribution_cost"]
        programme.append((label, b.series("distribution_cost")))
    if admin:
        programme += [(w[admin_labels[0]], admin[0]), (w[admin_labels[1]], admin[1])]
        management += [(w[admin_labels[2]], admin[2]), (w[admin_labels[3]], admin[3])]
    if b.has("other_expenses"):
        label = w["sundry"] if ja else ITEM_LABELS[lang]["other_expenses"]
        management.append((label, b.series("other_expenses")))
    expenses = b.total(EXPENSE_ITEMS)
    if programme or management:
        b.header("ordinary_expense", indent=1)
        for word, lines in (("programme", programme), ("management", management)):
            if lines:
                b.header(word, indent=2)
                for label, values in lines:
                    b.line(label, values, indent=3)
                b.line(w[f"{word}_total"], add(*(v for _, v in lines)), indent=2)
        b.line(w["ordinary_expense_total"], expenses, indent=1, bold=True)
    change = add(revenue, expenses, sign=(1, -1))
    b.rows.append(Row(w["ordinary_change"], RowKind.SIGNED, change, indent=1, bold=True))
    if b.has("net_assets"):
        _foundation_balance(b, change, ja)
    b.balances({"net_assets": w["net_assets_closing"]})
    return b.rows


def _foundation_balance(b: Builder, change: Series, ja: bool) -> None:
    """経常外増減 and the opening and closing balances (no restricted net assets)."""
    w = b.words
    closing = b.series("net_assets")
    opening = add(closing, change, sign=(1, -1))
    b.header("non_ordinary_section")
    if ja:
        b.line(w["non_ordinary_income"], b.zero(), indent=1)
        b.line(w["non_ordinary_expense"], b.zero(), indent=1)
    b.line(w["non_ordinary_change"], b.zero(), indent=1)
    if ja:
        b.rows.append(Row(w["general_change"], RowKind.SIGNED, change, indent=1))
    b.line(w["general_opening"], opening, indent=1)
    b.line(w["general_closing"], closing, indent=1)
    if ja:
        b.header("restricted_section")
        for word in ("restricted_change", "restricted_opening", "restricted_closing"):
            b.line(w[word], b.zero(), indent=1)


BUILDERS: dict[Style, Callable[[Amounts, Sequence[int], Lang], list[Row]]] = {
    Style.SIMPLE: simple_rows,
    Style.CORPORATE: corporate_rows,
    Style.FOUNDATION: foundation_rows,
    Style.INTERNAL: internal_rows,
}


def statement_rows(style: Style, amounts: Amounts, years: Sequence[int], lang: Lang) -> list[Row]:
    """The rows of a ledger sheet in ``style``; amounts in yen (counts as counts)."""
    return BUILDERS[style](amounts, years, lang)
