"""Work shared out between this process and forked helpers, chunk by chunk, results in order.

The work is cut into chunks. Helpers take chunks from the front while this process does
something else first (such as importing what comes next); this process then takes chunks from
the back until the two ends meet, so every process finishes within a chunk of the others
whatever else the machine is doing. Two counters in shared memory, under one lock, are all the
coordination; each helper sends its results back once, through a pipe, at the end. A helper
that fails sends nothing and this process does its chunks again, so the results are always
those of doing all the work here.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import struct
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["share_out"]

J = TypeVar("J")
R = TypeVar("R")

_BOUNDS = struct.Struct("<ii")  # the next chunk from the front; one past the last left at the back


def share_out(
    jobs: Sequence[J],
    work: Callable[[J], R],
    *,
    helpers: int,
    chunk: int,
    meanwhile: Callable[[], object] | None = None,
) -> list[R]:
    """``[work(job) for job in jobs]``, computed by this process and ``helpers`` forked ones.

    ``meanwhile`` runs in this process once the helpers have started. Only for Linux (fork).
    """
    from multiprocessing import get_context

    chunks = [jobs[i : i + chunk] for i in range(0, len(jobs), chunk)]
    results: list[list[R] | None] = [None] * len(chunks)
    bounds = mmap.mmap(-1, _BOUNDS.size)  # anonymous and shared with the forked helpers
    _BOUNDS.pack_into(bounds, 0, 0, len(chunks))
    lock = get_context("fork").Lock()

    def front() -> int | None:
        with lock:
            head, tail = _BOUNDS.unpack_from(bounds, 0)
            if head >= tail:
                return None
            _BOUNDS.pack_into(bounds, 0, head + 1, tail)
            return int(head)

    def back() -> int | None:
        with lock:
            head, tail = _BOUNDS.unpack_from(bounds, 0)
            if head >= tail:
                return None
            _BOUNDS.pack_into(bounds, 0, head, tail - 1)
            return int(tail - 1)

    children: list[tuple[int, int]] = []
    try:
        for _ in range(helpers):
            children.append(_start_helper(chunks, work, front))
        if meanwhile is not None:
            meanwhile()
        while (index := back()) is not None:
            results[index] = [work(job) for job in chunks[index]]
    except BaseException:
        for pid, _ in children:
            _stop(pid)
        raise
    finally:
        for pid, read_end in children:
            _collect(pid, read_end, results)
    for index, done in enumerate(results):
        if done is None:  # a helper failed: its chunks are done here
            results[index] = [work(job) for job in chunks[index]]
    return [result for done in results if done is not None for result in done]


def _start_helper(
    chunks: list[Sequence[J]], work: Callable[[J], R], front: Callable[[], int | None]
) -> tuple[int, int]:
    """Fork a helper that does chunks from the front; its pid and the pipe it reports on."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the forked helper (coverage does not follow it)
        status = 1
        try:
            os.close(read_end)
            done: list[tuple[int, list[R]]] = []
            while (index := front()) is not None:
                done.append((index, [work(job) for job in chunks[index]]))
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(done, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)  # never return into the caller's code, flush nothing of its
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int, results: list[list[R] | None]) -> None:
    """Take a helper's results (none when it failed) and wait for it to exit."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return
    try:
        done: list[tuple[int, list[R]]] = pickle.loads(data)
    except Exception:  # a helper cut short: its chunks are done again
        return
    for index, chunk_results in done:
        results[index] = chunk_results


def _stop(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
