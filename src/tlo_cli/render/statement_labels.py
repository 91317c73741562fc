"""The labels the workbook writer uses, by statement style and language.

Every label here is one the ledger reader accepts (``ledger/labels.toml``); the tests read
back every style in both languages to keep the two in step.
"""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    """The language of a workbook's labels."""

    JA = "ja"
    EN = "en"


#: One label per canonical item: the simple style, the template and the fallback of every style.
ITEM_LABELS: dict[Lang, dict[str, str]] = {
    Lang.JA: {
        "licensing_income": "実施料収入",
        "membership_income": "会費収入",
        "contract_income": "受託収入",
        "subsidy_income": "補助金収入",
        "other_income": "雑収入",
        "operating_grant_income": "運営費交付金収益",
        "one_off_income": "株式売却益",
        "personnel_cost": "人件費",
        "patent_cost": "特許関連費用",
        "distribution_cost": "還元金",
        "admin_cost": "一般管理費",
        "other_expenses": "雑損失",
        "net_assets": "純資産",
        "cash": "現預金",
        "licenses_executed": "技術移転件数",
        "patent_applications": "特許出願件数",
        "staff": "職員数",
        "unitemized_revenue": "収益(内訳なし)",
        "unitemized_expenses": "費用(内訳なし)",
        "ordinary_profit_before_valuation": "評価損益等調整前当期経常増減額",
    },
    Lang.EN: {
        "licensing_income": "Licensing income",
        "membership_income": "Membership fees",
        "contract_income": "Contract income",
        "subsidy_income": "Subsidy income",
        "other_income": "Other income",
        "operating_grant_income": "Operating grant income",
        "one_off_income": "Gain on sale of shares",
        "personnel_cost": "Personnel",
        "patent_cost": "Patent costs",
        "distribution_cost": "Royalty distribution",
        "admin_cost": "General and administrative",
        "other_expenses": "Other expenses",
        "net_assets": "Net assets",
        "cash": "Cash",
        "licenses_executed": "Licenses executed",
        "patent_applications": "Patent applications",
        "staff": "Staff",
        "unitemized_revenue": "Revenue (not itemized)",
        "unitemized_expenses": "Expenses (not itemized)",
        "ordinary_profit_before_valuation": "Ordinary profit before valuation",
    },
}

#: Labels of section headers, totals and profit lines, by style and language.
WORDS: dict[Lang, dict[str, str]] = {
    Lang.JA: {
        # simple and internal
        "memo": "参考情報",
        "revenue": "収益の部",
        "expense": "費用の部",
        "receipts": "収入の部",
        "payments": "支出の部",
        "receipts_total": "収入合計",
        "payments_total": "支出合計",
        # corporate (損益計算書)
        "sales": "売上高",
        "royalties": "ロイヤリティー収入",
        "annual_fees": "年会費収入",
        "cost_of_sales": "売上原価",
        "gross": "売上総利益",
        "gross_loss": "売上総損失",
        "sga": "販売費及び一般管理費",
        "sga_total": "販売費及び一般管理費合計",
        "directors": "役員報酬",
        "salaries": "給料及び手当",
        "welfare": "法定福利費",
        "rent": "地代家賃",
        "travel": "旅費交通費",
        "fees": "支払手数料",
        "depreciation": "減価償却費",
        "operating": "営業利益",
        "operating_loss": "営業損失",
        "non_op_income": "営業外収益",
        "non_op_income_total": "営業外収益合計",
        "interest_income": "受取利息",
        "non_op_expense": "営業外費用",
        "non_op_expense_total": "営業外費用合計",
        "interest_expense": "支払利息",
        "ordinary": "経常利益",
        "extraordinary_income": "特別利益",
        "extraordinary_loss": "特別損失",
        "pretax": "税引前当期純利益",
        "taxes": "法人税、住民税及び事業税",
        "net_income": "当期純利益",
        "net_loss": "当期純損失",
        "total_net_assets": "純資産合計",
        "cash_deposits": "現金及び預金",
        # foundation (正味財産増減計算書)
        "general_section": "Ⅰ 一般正味財産増減の部",
        "ordinary_section": "1. 経常増減の部",
        "ordinary_revenue": "(1) 経常収益",
        "fdn_fees": "受取会費",
        "fdn_contract": "受託事業収益",
        "fdn_subsidy": "受取補助金等",
        "fdn_other": "雑収益",
        "ordinary_revenue_total": "経常収益計",
        "ordinary_expense": "(2) 経常費用",
        "programme": "① 事業費",
        "programme_total": "事業費計",
        "fdn_salaries": "給料手当",
        "fdn_distribution": "発明者還元金",
        "outsourcing": "業務委託費",
        "management": "② 管理費",
        "management_total": "管理費計",
        "communication": "通信費",
        "sundry": "雑費",
        "ordinary_expense_total": "経常費用計",
        "ordinary_change": "当期経常増減額",
        "non_ordinary_section": "2. 経常外増減の部",
        "non_ordinary_income": "経常外収益計",
        "non_ordinary_expense": "経常外費用計",
        "non_ordinary_change": "当期経常外増減額",
        "general_change": "当期一般正味財産増減額",
        "general_opening": "一般正味財産期首残高",
        "general_closing": "一般正味財産期末残高",
        "restricted_section": "Ⅱ 指定正味財産増減の部",
        "restricted_change": "当期指定正味財産増減額",
        "restricted_opening": "指定正味財産期首残高",
        "restricted_closing": "指定正味財産期末残高",
        "net_assets_closing": "Ⅲ 正味財産期末残高",
        # internal (収支)
        "int_contract": "受託研究収入",
        "int_patent": "特許出願費用",
        "int_distribution": "発明者還元金",
        "int_other": "雑費",
    },
    Lang.EN: {
        "memo": "Memo items",
        "revenue": "Revenue",
        "expense": "Expenses",
        "receipts": "Revenue",
        "payments": "Expenses",
        "receipts_total": "Total revenue",
        "payments_total": "Total expenses",
        "sales": "Operating revenue",
        "royalties": "Royalty income",
        "annual_fees": "Membership fees",
        "cost_of_sales": "Cost of sales",
        "distributions": "Royalty distributions",
        "gross": "Gross profit",
        "gross_loss": "Gross loss",
        "sga": "Selling, general and administrative expenses",
        "sga_total": "Total selling, general and administrative expenses",
        "salaries": "Salaries and wages",
        "rent": "Rent",
        "travel": "Travel",
        "fees": "Administrative expenses",
        "operating": "Operating profit",
        "operating_loss": "Operating loss",
        "non_op_income": "Non-operating income",
        "non_op_income_total": "Total non-operating income",
        "interest_income": "Interest income",
        "non_op_expense": "Non-operating expenses",
        "non_op_expense_total": "Total non-operating expenses",
        "interest_expense": "Interest expense",
        "ordinary": "Ordinary profit (loss)",
        "extraordinary_income": "Extraordinary income",
        "extraordinary_loss": "Extraordinary losses",
        "pretax": "Profit before tax",
        "taxes": "Income taxes",
        "net_income": "Net income",
        "net_loss": "Net loss",
        "total_net_assets": "Total net assets",
        "cash_deposits": "Cash and deposits",
        "general_section": "I. Changes in unrestricted net assets",
        "ordinary_section": "1. Ordinary activities",
        "ordinary_revenue": "Ordinary revenue",
        "ordinary_revenue_total": "Total ordinary revenue",
        "ordinary_expense": "Ordinary expenses",
        "programme": "Programme expenses",
        "programme_total": "Total programme expenses",
        "management": "Management expenses",
        "management_total": "Total management expenses",
        "ordinary_expense_total": "Total ordinary expenses",
        "ordinary_change": "Ordinary profit (loss)",
        "non_ordinary_section": "2. Non-ordinary activities",
        "non_ordinary_change": "Net change from non-ordinary activities",
        "general_opening": "Unrestricted net assets, beginning of year",
        "general_closing": "Unrestricted net assets, end of year",
        "net_assets_closing": "Total net assets",
    },
}

#: The legal forms and regions as written on a profile sheet.
FORM_WORDS: dict[str, str] = {
    "kabushiki": "株式会社",
    "yugen": "有限会社",
    "godo": "合同会社",
    "zaidan": "財団法人",
    "shadan": "社団法人",
    "internal": "大学内部",
}
REGION_WORDS: dict[str, str] = {
    "hokkaido": "北海道",
    "tohoku": "東北",
    "kanto": "関東",
    "chubu": "中部",
    "kinki": "近畿",
    "chugoku": "中国",
    "shikoku": "四国",
    "kyushu": "九州",
}

#: Profile keys in the order written, and their labels.
PROFILE_KEYS: tuple[str, ...] = (
    "id",
    "name",
    "form",
    "region",
    "prefecture",
    "approved",
    "approved_fy",
    "subsidy_years",
    "universities",
    "parent_university",
)
PROFILE_LABELS: dict[Lang, dict[str, str]] = {
    Lang.JA: {
        "id": "機関ID",
        "name": "名称",
        "form": "法人形態",
        "region": "地域",
        "prefecture": "都道府県",
        "approved": "承認日",
        "approved_fy": "承認年度",
        "subsidy_years": "補助期間",
        "universities": "提携大学",
        "parent_university": "設置大学",
    },
    Lang.EN: {key: key.replace("_fy", " fy").replace("_", " ") for key in PROFILE_KEYS},
}
PROFILE_HEADER: dict[Lang, tuple[str, str]] = {Lang.JA: ("項目", "内容"), Lang.EN: ("key", "value")}
LIST_SEPARATOR: dict[Lang, str] = {Lang.JA: "、", Lang.EN: ", "}

#: Sheet names and the axis headings.
PROFILE_SHEET: dict[Lang, str] = {Lang.JA: "概要", Lang.EN: "profile"}
ITEM_CORNER: dict[Lang, str] = {Lang.JA: "科目", Lang.EN: "item"}
YEAR_CORNER: dict[Lang, str] = {Lang.JA: "年度", Lang.EN: "fiscal year"}
