"""Fuzzing: random bytes and random mutations of valid workbooks never raise.

The budget is small in CI; set TLO_FUZZ_EXAMPLES (e.g. 10000) for a long local run.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.corpus import GOOD_ROWS, good
from tlo_cli.ledger import read_file
from tlo_cli.metrics.assess import assess_cohort
from tlo_cli.model import EXPENSE_ITEMS

EXAMPLES = int(os.environ.get("TLO_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 150,
)

with tempfile.TemporaryDirectory() as _scratch:
    _path = good(
        Path(_scratch) / "seed.xlsx",
        [*GOOD_ROWS, ["技術移転件数", 3, 4], ["純資産合計", "△1,000", "(2)"]],
    )
    SEED = _path.read_bytes()
with zipfile.ZipFile(io.BytesIO(SEED)) as _archive:
    MEMBERS = {info.filename: _archive.read(info) for info in _archive.infolist()}


def survive(data: bytes) -> None:
    """Read the bytes as a workbook and assess whatever was read: any exception fails the test."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "fuzz.xlsx"
        path.write_bytes(data)
        report = read_file(path)
        assert report.ledgers or report.errors
        if report.ledgers:
            assess_cohort(list(report.ledgers))


def rezip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class TestFuzz:
    """No input makes the reader raise."""

    @FUZZ
    @given(st.binary(max_size=4096))
    def test_random_bytes(self, data: bytes) -> None:
        """Arbitrary bytes, with and without a zip signature in front."""
        survive(data)
        survive(b"PK\x03\x04" + data)

    @FUZZ
    @given(st.data())
    def test_byte_flips(self, data: st.DataObject) -> None:
        """A valid workbook with random bytes overwritten, cut or inserted."""
        raw = bytearray(SEED)
        for _ in range(data.draw(st.integers(1, 8))):
            at = data.draw(st.integers(0, len(raw) - 1))
            action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
            if action == "flip":
                raw[at] = data.draw(st.integers(0, 255))
            elif action == "cut":
                del raw[at : at + data.draw(st.integers(1, 64))]
            else:
                raw[at:at] = data.draw(st.binary(min_size=1, max_size=32))
            if not raw:
                break
        survive(bytes(raw))

    @FUZZ
    @given(st.data())
    def test_xml_mutations(self, data: st.DataObject) -> None:
        """A valid zip whose XML parts are mutated: cells, attributes and tags damaged."""
        members = dict(MEMBERS)
        xml_names = sorted(n for n in members if n.endswith(".xml"))
        for _ in range(data.draw(st.integers(1, 4))):
            name = data.draw(st.sampled_from(xml_names))
            text = bytearray(members[name])
            at = data.draw(st.integers(0, max(0, len(text) - 1)))
            replacement = data.draw(
                st.sampled_from(
                    [
                        b"",
                        b"<",
                        b">",
                        b'"',
                        b"&",
                        b"<f>SUM(A1)</f>",
                        b"<v>1e308</v>",
                        b"<v>NaN</v>",
                        b't="s"',
                        b'<c r="ZZZ99999"><v>1</v></c>',
                        b"\xff\xfe",
                    ]
                )
                | st.binary(max_size=16)
            )
            text[at : at + data.draw(st.integers(0, 16))] = replacement
            members[name] = bytes(text)
        survive(rezip(members))


# -- the kinds of issue 12: cells as seen, hidden rows and columns, error values, merges, years ---

CELL_TEXTS = st.sampled_from(
    [
        "(△100)",
        "100 200",
        "10²",
        "$100",
        "USD 5",
        "※1 929,125",
        "929,125 ※2",
        "(注1) 7",
        "14,500千円",
        "14,500百万円",
        "14.500",
        "#DIV/0!",
        "#N/A",
        "①",
        "１，２３４",
        "▲1,234",
        "-",
        "",
        " ",
    ]
)
YEAR_HEADERS = st.sampled_from(
    [
        2007,
        1800,
        2100,
        99999,
        "H19",
        "平成0年度",
        "令和0年度",
        "H32",
        "FY2008/3",
        "2007/08",
        "2008年3月期",
        "自 平成19年4月1日 至 平成20年3月31日",
        "第6期",
        "当期",
        "予算",
        "#REF!",
    ]
)
FORMATS = st.sampled_from(
    ["#,##0,", "#,##0,,", '#,##0,"千円"', "0%", "0.00%", "#,##0", '#,##0;"△"#,##0', "@", "0.0E+00"]
) | st.text(alphabet='0#?,.%";E+-[]\\_*@千円 ', min_size=1, max_size=24)
CELLS = st.one_of(
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    CELL_TEXTS,
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8),
)


def _column(index: int) -> str:
    return "ABCDEFGH"[index]


@st.composite
def seen_books(draw: st.DrawFn) -> bytes:
    """A profile and a ledger sheet of drawn cells, year headers, number formats, hidden rows
    and columns, typed error values and (in the XML) merged ranges of any reach."""
    from openpyxl import Workbook

    width = draw(st.integers(2, 5))
    height = draw(st.integers(1, 6))
    book = Workbook()
    profile = book.active
    profile.title = "概要"
    for key, value in (
        ("id", "F1"),
        ("approved", draw(st.sampled_from([2003, 1800, "H9", 5.9]))),
        ("補助期間", draw(st.sampled_from([5, 5.9, "inf", "#N/A", -1]))),
    ):
        profile.append([key, value])
    ws = book.create_sheet(draw(st.sampled_from(["損益計算書", "PL", "損益計算書(修正後)"])))
    ws.append(["(単位：千円)"])
    ws.append(["科目", *[draw(YEAR_HEADERS) for _ in range(width - 1)]])
    labels = st.sampled_from(
        ["実施料収入", "補助金収入", "人件費", "雑収入", "純資産合計", "#N/A", "謎"]
    )
    for _ in range(height):
        ws.append([draw(labels), *[draw(CELLS) for _ in range(width - 1)]])
    for _ in range(draw(st.integers(0, 3))):
        cell = f"{_column(draw(st.integers(1, width - 1)))}{draw(st.integers(3, height + 2))}"
        if draw(st.booleans()):
            ws[cell].number_format = draw(FORMATS)
        else:
            ws[cell] = draw(st.sampled_from(["#DIV/0!", "#N/A", "#REF!"]))
            ws[cell].data_type = "e"
    for r in draw(st.lists(st.integers(1, height + 3), max_size=3)):
        ws.row_dimensions[r].hidden = True
    for c in draw(st.lists(st.integers(0, width), max_size=2)):
        ws.column_dimensions[_column(c)].hidden = True
    if draw(st.booleans()):
        extra = book.create_sheet(draw(st.sampled_from(["損益計算書", "貸借対照表", "旧"])))
        extra.sheet_state = draw(st.sampled_from(["visible", "hidden", "veryHidden"]))
        extra.append(["科目", 2007])
    buffer = io.BytesIO()
    book.save(buffer)
    members = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    merges = draw(
        st.lists(
            st.sampled_from(["F1:XFD1048576", "A1:B2", "B3:C3", "A3:A9", "Z100:ZZ200", "B2:B1"]),
            max_size=2,
        )
    )
    if merges:
        part = "xl/worksheets/sheet2.xml"
        refs = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
        members[part] = members[part].replace(
            b"</sheetData>",
            f'</sheetData><mergeCells count="{len(merges)}">{refs}</mergeCells>'.encode(),
        )
    return rezip(members)


class TestFuzzSeen:
    """Workbooks of the kinds issue 12 found: the reader returns a report, never raises."""

    @FUZZ
    @given(seen_books())
    def test_seen_books(self, data: bytes) -> None:
        survive(data)

    @FUZZ
    @given(st.data())
    def test_sheet_xml_marks(self, data: st.DataObject) -> None:
        """Hidden rows and columns, error cells, style indices and merges spliced into the XML."""
        members = dict(MEMBERS)
        part = "xl/worksheets/sheet2.xml"
        text = members[part]
        for _ in range(data.draw(st.integers(1, 4))):
            snippet = data.draw(
                st.sampled_from(
                    [
                        b'<row r="3" hidden="1">',
                        b"<row hidden='true'>",
                        b'<cols><col min="1" max="16384" hidden="1"/></cols>',
                        b'<cols><col min="0" max="-5" hidden="1"/></cols>',
                        b'<c r="B3" t="e"><v>#DIV/0!</v></c>',
                        b'<c r="C4" t="e"><f>1/0</f></c>',
                        b'<c r="B3" s="99999"><v>1</v></c>',
                        b'<c r="B3" s="1"><v>1e308</v></c>',
                        b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
                        b"<c>" * 2000,
                        b"<f>" * 2000,
                    ]
                )
            )
            at = data.draw(st.integers(0, len(text)))
            text = text[:at] + snippet + text[at:]
        members[part] = text
        survive(rezip(members))


class TestSeenProperties:
    """What is read is what is shown, for drawn values, formats and hidden rows."""

    @settings(max_examples=min(EXAMPLES, 200), deadline=None)
    @given(
        value=st.integers(0, 10**9),
        fmt=st.sampled_from([("#,##0,", 1e-3), ("#,##0,,", 1e-6), ("0%", 100.0), ("#,##0", 1.0)]),
    )
    def test_scaled_as_shown(self, value: int, fmt: tuple[str, float]) -> None:
        """licensing (yen) = stored × the format's factor × 1,000 (the sheet is in 千円)."""
        from tests.hardening.cellbooks import styled_book

        code, factor = fmt
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", value], ["人件費", 5]]
        with tempfile.TemporaryDirectory() as scratch:
            report = read_file(styled_book(Path(scratch) / "f.xlsx", rows, formats={"B3": code}))
        assert report.ok, [str(i) for i in report.issues]
        got = report.ledgers[0].amounts["licensing_income"][2007]
        assert got == pytest.approx(value * factor * 1000, rel=1e-9, abs=1e-6)

    @settings(max_examples=min(EXAMPLES, 200), deadline=None)
    @given(
        costs=st.lists(st.integers(0, 10**6), min_size=1, max_size=6),
        hidden=st.sets(st.integers(0, 5)),
    )
    def test_hidden_rows_not_added(self, costs: list[int], hidden: set[int]) -> None:
        """Expenses = the sum of the visible expense lines (千円 → × 1,000). Each line has its own
        label, so that no reading could take one line as the total of others."""
        from tests.hardening.cellbooks import styled_book

        labels = ["給料手当", "法定福利費", "特許出願費用", "旅費交通費", "通信費", "消耗品費"]
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 10]]
        rows += [[label, c] for label, c in zip(labels, costs, strict=False)]
        hidden_rows = [4 + i for i in hidden if i < len(costs)]
        with tempfile.TemporaryDirectory() as scratch:
            book = styled_book(Path(scratch) / "h.xlsx", rows, hidden_rows=hidden_rows)
            report = read_file(book)
        visible = sum(c for i, c in enumerate(costs) if 4 + i not in hidden_rows)
        assert report.ok, [str(i) for i in report.issues]
        amounts = report.ledgers[0].amounts
        assert sum(amounts.get(item, {2007: 0.0})[2007] for item in EXPENSE_ITEMS) == visible * 1000
