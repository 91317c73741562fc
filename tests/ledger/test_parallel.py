"""Work shared out between this process and forked helpers gives the results of doing it here."""

from __future__ import annotations

import os
import sys
import time

import pytest

from tlo_cli.ledger.parallel import share_out

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")


def square_with_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def slow_square(n: int) -> tuple[int, int]:
    time.sleep(0.005)
    return square_with_pid(n)


class TestShareOut:
    def test_in_order_across_processes(self) -> None:
        """39 jobs of 5 ms in chunks of 2 (20 chunks, the last of one job): the squares
        0, 1, 4 … 1444 in input order, each once; this process and the helper both work."""
        calls: list[str] = []
        out = share_out(
            list(range(39)), slow_square, helpers=1, chunk=2, meanwhile=lambda: calls.append("x")
        )
        assert [square for square, _ in out] == [n * n for n in range(39)]
        assert calls == ["x"]
        assert len({pid for _, pid in out}) == 2
        assert out[-1][1] == os.getpid()  # this process starts from the back

    def test_helpers_take_the_front(self) -> None:
        """With ``meanwhile`` slow enough for the helpers to do everything, this process reads
        nothing and the first result comes from a helper."""

        def meanwhile() -> None:
            start = os.times().elapsed
            while os.times().elapsed < start + 0.5:
                pass

        out = share_out([1, 2, 3], square_with_pid, helpers=2, chunk=1, meanwhile=meanwhile)
        assert [square for square, _ in out] == [1, 4, 9]
        assert out[0][1] != os.getpid()

    def test_failing_helper_is_redone_here(self) -> None:
        """A helper that fails (here: every job raises outside this process) sends nothing;
        this process does its chunks again: 10 jobs give 0, 2, 4 … 18 all computed here."""
        parent = os.getpid()

        def double_here_only(n: int) -> tuple[int, int]:
            if os.getpid() != parent:
                raise RuntimeError("helper fails")
            return 2 * n, os.getpid()

        out = share_out(list(range(10)), double_here_only, helpers=1, chunk=3)
        assert out == [(2 * n, parent) for n in range(10)]

    def test_an_error_here_stops_the_helpers(self) -> None:
        """An exception in this process reaches the caller (the helpers are stopped)."""
        parent = os.getpid()

        def fails_here(n: int) -> int:
            if os.getpid() == parent:
                raise ValueError(f"job {n}")
            return n

        with pytest.raises(ValueError, match="job"):
            share_out(list(range(40)), fails_here, helpers=1, chunk=1)
