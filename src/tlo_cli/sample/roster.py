"""Who the 47 synthetic TLOs of the sample are, and how each one keeps its ledger.

Every name is fictional. The roster fixes what the calibration needs exactly (approval years,
legal forms, regions, the one TLO whose ledger ends in FY2006) and the mix of workbook
formats; ``generate.py`` draws the figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tlo_cli.model import Form, Region, Unit
from tlo_cli.render.statement_labels import Lang
from tlo_cli.render.statements import Style
from tlo_cli.render.workbook import SheetFormat, SheetLayout, YearNotation


@dataclass(frozen=True, slots=True)
class Entry:
    """One TLO of the sample: identity and the format of its workbook."""

    id: str
    approved_fy: int
    form: Form
    region: Region
    prefecture: str
    lang: Lang
    name: str
    universities: tuple[str, ...]
    layout: SheetLayout
    unit: Unit
    style: Style
    years: YearNotation
    approval_format: str  # date, iso, slash, era, fy, fy-era, fy-text
    parent_university: str | None = None
    last_fy: int = 2008

    @property
    def internal(self) -> bool:
        return self.form is Form.INTERNAL

    def approval(self, date: dt.date) -> tuple[str, Any]:
        """The profile key and value of the approval, in this entry's approval format."""
        fy = self.approved_fy
        return {
            "date": ("approved", date),
            "iso": ("approved", date.isoformat()),
            "slash": ("approved", f"{date.year}/{date.month}/{date.day}"),
            "era": ("approved", f"平成{date.year - 1988}年{date.month}月{date.day}日"),
            "fy": ("approved_fy", fy),
            "fy-era": ("approved_fy", f"平成{fy - 1988}年度"),
            "fy-text": ("approved_fy", f"FY{fy}"),
        }[self.approval_format]

    def profile(self, approved: dt.date) -> dict[str, Any]:
        """The values of the profile sheet."""
        key, value = self.approval(approved)
        profile: dict[str, Any] = {
            "id": self.id, "name": self.name, "form": self.form, "region": self.region,
            "prefecture": self.prefecture, key: value, "subsidy_years": 5,
            "universities": self.universities,
        }  # fmt: skip
        if self.parent_university:
            profile["parent_university"] = self.parent_university
        return profile

    def sheet_format(self) -> SheetFormat:
        """How the workbook is written; titles, units in titles and dashes vary by number."""
        ja = self.lang is Lang.JA
        statement = STATEMENT_TITLES[self.style] if ja else "Income statement"
        number = int(self.id[1:])
        return SheetFormat(
            layout=self.layout,
            lang=self.lang,
            unit=self.unit,
            style=self.style,
            years=self.years,
            titles=(self.name, statement) if number % 3 else (statement,),
            unit_in_title=number % 5 == 0,
            zero_as_dash=ja and number % 2 == 1,
        )


STATEMENT_TITLES = {
    Style.SIMPLE: "損益計算書",
    Style.CORPORATE: "損益計算書",
    Style.FOUNDATION: "正味財産増減計算書",
    Style.INTERNAL: "収支計算書",
}
_FORMS = {f.value[0]: f for f in Form if f is not Form.INTERNAL} | {"i": Form.INTERNAL}
_LANGS = {"j": Lang.JA, "e": Lang.EN}
_LAYOUTS = {"R": SheetLayout.ROWS, "C": SheetLayout.COLUMNS}
_UNITS = {"Y": Unit.YEN, "K": Unit.THOUSAND, "M": Unit.MILLION}
_STYLES = {s.value[0]: s for s in Style}
_YEARS = {
    "p": YearNotation.PLAIN,
    "f": YearNotation.FY,
    "n": YearNotation.NENDO,
    "h": YearNotation.ERA,
    "H": YearNotation.ERA_SHORT,
}

# id, FY, code, region, prefecture, name, universities, parent university.
# code: form (k y g z s i), language (j e), layout (R C), unit (Y K M), style (s c f i),
# year notation (p f n h H); then the approval format.
_ROWS: tuple[tuple[str, int, str, str, str, str, str, str, str], ...] = (
    ("T01", 1998, "kjRKch", "date", "kanto", "東京都", "東雲テクノロジー移転株式会社", "東雲大学", ""),
    ("T02", 1998, "kjRMcn", "era", "kinki", "京都府", "洛北技術移転株式会社", "洛北大学、鴨川工科大学", ""),
    ("T03", 1998, "kjRKcH", "iso", "tohoku", "宮城県", "杜の都テクノアーク株式会社", "青葉大学、北上工業大学", ""),
    ("T04", 1998, "ijCKip", "fy", "kanto", "東京都", "白鷺大学産官学連携センター", "白鷺大学", "白鷺大学"),
    ("T05", 1999, "zjRKfh", "fy-era", "kanto", "神奈川県", "財団法人 湘南産学振興会", "湘南工業大学", "湘南工業大学"),
    ("T06", 1999, "keRKsf", "date", "hokkaido", "Hokkaido", "Northern Lights TLO Co., Ltd.", "Hokkai University", ""),
    ("T07", 1999, "kjCYcn", "slash", "chubu", "愛知県", "尾張テクノブリッジ株式会社", "尾張大学、熱田工業大学", ""),
    ("T08", 1999, "sjRKfh", "era", "chugoku", "広島県", "社団法人 瀬戸内知的財産センター", "安芸大学、備後大学", ""),
    ("T09", 1999, "keRMcf", "iso", "kyushu", "Fukuoka", "Genkai Technology Licensing Inc.", "Genkai University", ""),
    ("T10", 1999, "yjCKsH", "fy", "shikoku", "香川県", "有限会社 讃岐テック・リンク", "讃岐大学", ""),
    ("T11", 2000, "kjRYch", "date", "kinki", "大阪府", "浪速イノベーション移転株式会社", "浪速大学、堺工業大学", ""),
    ("T12", 2000, "keRKcp", "fy-text", "chubu", "Niigata", "Snow Country TLO K.K.", "Echigo University", ""),
    ("T13", 2000, "ijRKin", "era", "kinki", "兵庫県", "六甲学院大学知的財産本部TLO", "六甲学院大学", "六甲学院大学"),
    ("T14", 2000, "zjCMfh", "iso", "chubu", "静岡県", "財団法人 駿河技術振興財団", "駿河大学、富士工業大学", ""),
    ("T15", 2000, "kjRKcp", "slash", "tohoku", "山形県", "蔵王リエゾン株式会社", "蔵王大学", ""),
    ("T16", 2000, "keCYsf", "date", "kanto", "Chiba", "Bayside Licensing Partners K.K.", "Bayside University", ""),
    ("T17", 2000, "yjRKch", "fy-era", "kyushu", "熊本県", "有限会社 火の国技術移転", "肥後大学", ""),
    ("T18", 2001, "kjRMcn", "date", "kanto", "茨城県", "筑波嶺テクノトランスファー株式会社", "筑波嶺大学", ""),
    ("T19", 2001, "zjRKfH", "era", "kinki", "京都府", "財団法人 古都産学連携機構", "古都大学、西陣芸術大学", ""),
    ("T20", 2001, "keCKcf", "iso", "chugoku", "Okayama", "Momotaro Innovation Transfer Co.", "Kibi University", ""),
    ("T21", 2001, "kjRYch", "fy", "hokkaido", "北海道", "オホーツク知財活用株式会社", "流氷大学", ""),
    ("T22", 2001, "geRKcp", "slash", "kanto", "Tokyo", "+Bridge Technology Transfer LLC", "Bridge University", ""),
    ("T23", 2001, "kjRKcn", "date", "chubu", "石川県", "加賀テクノロジーライセンシング株式会社", "加賀大学", ""),
    ("T24", 2002, "ijCYiH", "era", "chubu", "長野県", "信濃大学産学連携機構", "信濃大学", "信濃大学"),
    ("T25", 2002, "kjRKch", "iso", "shikoku", "愛媛県", "伊予技術移転株式会社", "伊予大学", ""),
    ("T26", 2002, "zeRMff", "date", "kyushu", "Kagoshima", "Sakurajima Research Foundation", "Satsuma University", ""),
    ("T27", 2002, "kjRKsp", "fy-era", "kinki", "奈良県", "大和テクノリンク株式会社", "大和大学、飛鳥医科大学", ""),
    ("T28", 2002, "sjCKsn", "slash", "tohoku", "岩手県", "社団法人 みちのく産学交流会", "北上大学", ""),
    ("T29", 2003, "kjRYcH", "date", "chugoku", "山口県", "長門テクノ移転株式会社", "長門大学", ""),
    ("T30", 2003, "ieRKif", "fy", "kyushu", "Saga", "Ariake University TLO Office", "Ariake University", "Ariake University"),
    ("T31", 2003, "zjRKfn", "era", "kanto", "群馬県", "財団法人 上州技術交流財団", "上州大学、赤城工業大学", ""),
    ("T32", 2003, "yjRMch", "iso", "chubu", "富山県", "有限会社 立山ライセンス", "立山大学", ""),
    ("T33", 2004, "kjCKcp", "date", "kyushu", "大分県", "豊の国TLO株式会社", "豊の国大学", ""),
    ("T34", 2004, "keRKsf", "iso", "tohoku", "Fukushima", "Bandai Technology Transfer K.K.", "Aizu Institute of Technology", ""),
    ("T35", 2004, "zjRYfh", "fy-era", "shikoku", "高知県", "財団法人 土佐産業科学振興財団", "土佐大学", ""),
    ("T36", 2005, "kjRKcn", "slash", "kinki", "和歌山県", "紀州テクノブリッジ株式会社", "紀州大学", ""),
    ("T37", 2005, "yjRKsH", "date", "hokkaido", "北海道", "有限会社 十勝知財ネット", "十勝大学", ""),
    ("T38", 2005, "ijCMin", "era", "kanto", "埼玉県", "武蔵野工科大学TLO", "武蔵野工科大学", "武蔵野工科大学"),
    ("T39", 2005, "ieRKip", "fy-text", "chugoku", "Tottori", "Sand Dune University Technology Licensing Office", "Sand Dune University", "Sand Dune University"),
    ("T40", 2006, "ijRKih", "date", "tohoku", "秋田県", "秋田北大学知的財産本部", "秋田北大学", "秋田北大学"),
    ("T41", 2006, "ijRMip", "iso", "kinki", "滋賀県", "湖東大学産学官連携推進本部", "湖東大学", "湖東大学"),
    ("T42", 2007, "ieCKsf", "slash", "kanto", "Kanagawa", "Harbor City University TLO", "Harbor City University", "Harbor City University"),
    ("T43", 2007, "ijRKin", "fy-era", "chubu", "岐阜県", "美濃大学技術移転センター", "美濃大学", "美濃大学"),
    ("T44", 2007, "ijRYiH", "era", "shikoku", "徳島県", "阿波大学産学連携部TLO", "阿波大学", "阿波大学"),
    ("T45", 2007, "ijCKsh", "date", "kyushu", "長崎県", "出島医科大学TLO室", "出島医科大学", "出島医科大学"),
    ("T46", 2008, "ijRKsp", "fy", "hokkaido", "北海道", "石狩大学産学連携本部TLO", "石狩大学", "石狩大学"),
    ("T47", 2008, "ieRMsf", "date", "chugoku", "Shimane", "Izumo University Licensing Office", "Izumo University", "Izumo University"),
)  # fmt: skip

#: The TLO that handed its work to its university in FY2007: its ledger ends in FY2006.
HANDED_OVER = "T05"
#: External TLOs that state no net assets (so their runway is unknown).
NO_NET_ASSETS = frozenset({"T10", "T17", "T28", "T37"})


def _entry(row: tuple[str, int, str, str, str, str, str, str, str]) -> Entry:
    tlo_id, fy, code, approval, region, prefecture, name, universities, parent = row
    lang = _LANGS[code[1]]
    separator = "、" if lang is Lang.JA else ","
    return Entry(
        id=tlo_id,
        approved_fy=fy,
        form=_FORMS[code[0]],
        region=Region(region),
        prefecture=prefecture,
        lang=lang,
        name=name,
        universities=tuple(u.strip() for u in universities.split(separator)),
        layout=_LAYOUTS[code[2]],
        unit=_UNITS[code[3]],
        style=_STYLES[code[4]],
        years=_YEARS[code[5]],
        approval_format=approval,
        parent_university=parent or None,
        last_fy=2006 if tlo_id == HANDED_OVER else 2008,
    )


ROSTER: tuple[Entry, ...] = tuple(_entry(row) for row in _ROWS)
