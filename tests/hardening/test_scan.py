"""The worksheet scan and the number-format rules, on XML and format codes built here."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from tlo_cli.ledger import read_file
from tlo_cli.ledger.numfmt import format_scale, section_scale, shown, style_scales
from tlo_cli.ledger.seen import clip_merged
from tlo_cli.ledger.sheetxml import scan


class TestFormatScale:
    """shown = stored × 100^(% signs) ÷ 1000^(commas after the last digit placeholder)."""

    @pytest.mark.parametrize(
        ("code", "factor"),
        [
            ("General", 1.0),
            ("#,##0", 1.0),
            ("#,##0,", 1e-3),
            ("#,##0,,", 1e-6),
            ('#,##0,"千円"', 1e-3),
            ('"千円"#,##0,', 1e-3),
            ('#,##0"千,円"', 1.0),  # a comma inside quoted text is text
            ("0%", 100.0),
            ("0.00%", 100.0),
            ("0.0%%", 10_000.0),
            ("#,##0_);(#,##0)", 1.0),
            ("0.00E+00", 1.0),
            ("[$-411]ge.m.d", 1.0),
            ("@", 1.0),
            ("0" + "%" * 5000, 1e16),  # capped at eight: no overflow
            ("0" + "," * 5000, 1e-24),
        ],
    )
    def test_section(self, code: str, factor: float) -> None:
        assert section_scale(code) == pytest.approx(factor)

    def test_sections_by_sign(self) -> None:
        """#,##0;"△"#,##0,;0% → positives as stored, negatives ÷1,000, zero ×100."""
        assert format_scale('#,##0;"△"#,##0,;0%') == (1.0, 1e-3, 100.0)

    def test_two_sections(self) -> None:
        """With two sections the first serves positives and zero."""
        assert format_scale("#,##0,;[Red]-#,##0") == (1e-3, 1.0, 1e-3)

    def test_shown(self) -> None:
        """1,234,567 ÷ 1,000 = 1,234.567 (decimals the format hides are kept); −2,000,000 with
        a negative section ÷1,000,000 → −2."""
        assert shown(1_234_567.0, (1e-3, 1e-3, 1e-3)) == 1_234.567
        assert shown(-2_000_000.0, (1.0, 1e-6, 1.0)) == -2.0

    def test_style_map(self) -> None:
        """cellXfs index → scale; index 1 uses custom 164 (#,##0,), index 2 built-in 9 (0%)."""
        styles = (
            b'<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0,"/>'
            b'</numFmts><cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>'
            b'<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
            b"<xf numFmtId='9'/><xf numFmtId=\"3\"/></cellXfs>"
            b'<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0%"/></dxf></dxfs>'
            b"</styleSheet>"
        )  # a conditional format's numFmt (in dxfs) does not change the cell styles
        assert style_scales(styles) == {1: (1e-3, 1e-3, 1e-3), 2: (100.0, 100.0, 100.0)}


def sheet(cells: bytes, head: bytes = b"") -> bytes:
    return b"<worksheet>" + head + b"<sheetData>" + cells + b"</sheetData></worksheet>"


class TestScan:
    """Formulas without values, error values, hidden rows and columns, scaled cells."""

    def test_marks(self) -> None:
        data = sheet(
            b'<row r="1"><c r="A1"><f>SUM(B1)</f></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
            b'<c r="C1" s="1"><v>1000</v></c><c r="D1" t="str"><f>""</f><v></v></c></row>'
            b'<row r="3" hidden="1"><c r="A3"><v>1</v></c></row>',
            b'<cols><col min="2" max="3" hidden="true"/><col min="5" max="5"/></cols>',
        )
        marks = scan(data, {1: (1e-3, 1e-3, 1e-3)}, max_cols=10)
        assert marks.formulas_without_value == {(0, 0): "SUM(B1)"}
        assert marks.errors == {(0, 1): "#DIV/0!"}
        assert marks.scaled == {(0, 2): (1e-3, 1e-3, 1e-3)}
        assert marks.hidden_rows == {2}
        assert marks.hidden_cols == {1, 2}

    def test_rows_and_cells_without_addresses(self) -> None:
        """Without r attributes, rows and cells count from the previous one."""
        data = sheet(b'<row><c><v>1</v></c><c t="e"><v>#N/A</v></c></row><row hidden="1"/>')
        marks = scan(data, {}, max_cols=10)
        assert marks.errors == {(0, 1): "#N/A"}
        assert marks.hidden_rows == {1}

    def test_hidden_columns_clipped(self) -> None:
        """<col min="1" max="16384" hidden="1"> hides only the columns a ledger can have."""
        data = sheet(b"", b'<cols><col min="1" max="16384" hidden="1"/></cols>')
        assert scan(data, {}, max_cols=500).hidden_cols == set(range(500))

    def test_absurd_numbers_in_attributes(self) -> None:
        """A 5,000-digit or superscript number in r, min, max, s or numFmtId is not a number
        (Python refuses to convert more than 4,300 digits: that must not escape as a crash)."""
        huge = b"9" * 5000
        data = sheet(
            b'<row r="' + huge + b'" hidden="1"><c r="A1" s="' + huge + b'"><v>1</v></c></row>'
            b'<row r="\xc2\xb2" hidden="1"/>',
            b'<cols><col min="1" max="' + huge + b'" hidden="1"/></cols>',
        )
        marks = scan(data, {1: (1e-3, 1e-3, 1e-3)}, max_cols=10)
        assert marks.hidden_cols == set() and marks.scaled == {}
        styles = b'<numFmts><numFmt numFmtId="' + huge + b'" formatCode="0%"/></numFmts>'
        styles += b'<cellXfs><xf numFmtId="' + huge + b'"/></cellXfs>'
        assert style_scales(styles) == {}

    @pytest.mark.parametrize(
        "filler",
        [b'<c r="B2">', b"<c>", b"<c/>", b'<c r="B2"><v>', b"<f>", b"<c r="],
    )
    def test_linear(self, filler: bytes) -> None:
        """One formula and 60,000 unclosed or empty elements: well under a second (a pattern
        that looked for </c> after each <c took minutes)."""
        data = sheet(b'<row r="1"><c r="A1"><f>1+1</f></c>' + filler * 60_000 + b"</row>")
        start = time.perf_counter()
        scan(data, {1: (1e-3, 1e-3, 1e-3)}, max_cols=500)
        assert time.perf_counter() - start < 2.0


class TestClipMerged:
    def test_clipped_to_the_sheet(self) -> None:
        """F1:XFD1048576 on a 10 × 8 sheet is F1:H10; a range wholly outside is dropped."""
        merged = [((0, 5), (1_048_575, 16_383)), ((20, 0), (21, 1)), ((0, 0), (0, 1))]
        assert clip_merged(merged, 10, 8) == (((0, 5), (9, 7)), ((0, 0), (0, 1)))


class TestLinearChecks:
    """The checks before the cell reader are linear too (each of these took over a minute)."""

    def test_extent_scan(self, tmp_path: Path) -> None:
        """A far row reference and 60,000 unclosed `<c ` tags: refused as too large, at once."""
        sheet_xml = (
            b'<worksheet><sheetData><row r="9999999"><c r="A1"><f>1</f></c>'
            + b"<c " * 60_000
            + b"></row></sheetData></worksheet>"
        )
        path = tmp_path / "slow.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/workbook.xml", b"<workbook/>")
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        start = time.perf_counter()
        report = read_file(path)
        assert time.perf_counter() - start < 2.0
        assert [i.code for i in report.errors] == ["too-large"]

    def test_sheet_entries(self) -> None:
        """60,000 unclosed `<sheet ` tags in workbook.xml are read in one pass."""
        from tlo_cli.ledger.read import _sheet_parts

        class Parts:
            def read(self, name: str) -> bytes:
                if name == "xl/workbook.xml":
                    return b"<workbook><sheets>" + b"<sheet " * 60_000 + b"</sheets></workbook>"
                return b'<Relationships><Relationship Id="rId1" Target="x.xml"/></Relationships>'

        start = time.perf_counter()
        _sheet_parts(Parts())  # type: ignore[arg-type]
        assert time.perf_counter() - start < 2.0


class TestCellBombForms:
    """A far reference in any form the cell reader accepts is refused before the reader sees it
    (a single-quoted r='ZZZ99999' once made it allocate 58 GB and abort the process)."""

    FORMS = (
        b"<c r='ZZZ99999'",
        b'<c r = "A99999"',
        b'<c r="A0099999"',
        b'<c r="zzz1"',
        b'<c\nr="ZZZZ1"',
        b"<c r=' A99999'",
        b'<c r="A1" s="0" xr:r="1"',  # harmless: stays readable
    )

    def test_refused_in_a_separate_process(self, tmp_path: Path) -> None:
        """Run in a child process, so that a reader that aborts fails this test, not the run."""
        import subprocess
        import sys

        from tests.hardening.corpus import good, rewrite

        seed = good(tmp_path / "seed.xlsx")
        paths = []
        for i, form in enumerate(self.FORMS):
            paths.append(
                rewrite(
                    seed,
                    tmp_path / f"form{i}.xlsx",
                    lambda name, data, form=form: (
                        data.replace(b'<c r="A1"', form, 1)
                        if name == "xl/worksheets/sheet2.xml"
                        else data
                    ),
                )
            )
        script = (
            "import sys\nfrom pathlib import Path\nfrom tlo_cli.ledger import read_file\n"
            "for p in sys.argv[1:]:\n"
            "    r = read_file(Path(p))\n"
            "    print(r.errors[0].code if r.errors else 'ok', flush=True)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-500:]
        assert done.stdout.split() == ["too-large"] * 6 + ["ok"]
