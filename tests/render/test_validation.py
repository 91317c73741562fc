"""`tlo validate` prints one line per problem: `file › sheet › cell: error code: message (hint)`."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner, LedgerFactory


def test_one_line_per_problem(cli: CliRunner, ledger_book: LedgerFactory, tmp_path: Path) -> None:
    """A text amount in B3 and no unit: an error line naming the cell, a warning line, a summary."""
    path = ledger_book([["科目", 2006, 2007], ["実施料収入", 5, 6], ["人件費", "abc", 3]])
    code, out, _ = cli("validate", path)
    lines = out.splitlines()
    assert code == 1
    assert f'{path} › 損益計算書 › B3: error text-amount: text "abc"' in out
    assert any(line.startswith(f"{path} › 損益計算書: warning unit-assumed: ") for line in lines)
    assert all(line.startswith(str(path)) for line in lines[:-1])
    assert lines[-1] == "1 file(s): 0 ok, 1 error(s), 1 warning(s)."


def test_ok_file(cli: CliRunner, ledger_book: LedgerFactory) -> None:
    path = ledger_book(
        [["(単位：千円)"], ["科目", 2006, 2007], ["実施料収入", 5, 6], ["人件費", 3, 3]]
    )
    code, out, _ = cli("validate", path)
    assert code == 0 and out.splitlines()[0] == f"{path}: ok (1 TLO(s) read)"
