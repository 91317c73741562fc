"""Work shared out between this process and forked helpers, chunk by chunk, results in order.

The work is cut into chunks. Helpers take chunks from the front while this process does
something else first (such as importing what comes next); this process then takes chunks from
the back until the two ends meet, so every process finishes within a chunk of the others
whatever else the machine is doing. Two counters in shared memory, under one lock, are all the
coordination. Each helper sends each chunk's results down a pipe as soon as they are done, and
this process takes them in between its own chunks, so little is left to receive at the end.
Chunks a helper did not deliver (it failed) are done here, so the results are always those of
doing all the work in this process.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import struct
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["share_out"]

J = TypeVar("J")
R = TypeVar("R")

_BOUNDS = struct.Struct("<ii")  # the next chunk from the front; one past the last left at the back
_LENGTH = struct.Struct("<I")  # before each message on a pipe: its length
_PIPE_BYTES = 1 << 20  # asked of Linux, so that a helper seldom waits for the pipe to drain
_F_SETPIPE_SZ = 1031


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

    def take(from_front: bool) -> int | None:
        with lock:
            head, tail = _BOUNDS.unpack_from(bounds, 0)
            if head >= tail:
                return None
            if from_front:
                _BOUNDS.pack_into(bounds, 0, head + 1, tail)
                return int(head)
            _BOUNDS.pack_into(bounds, 0, head, tail - 1)
            return int(tail - 1)

    helpers_: list[_Helper] = []
    try:
        for _ in range(helpers):
            helpers_.append(_Helper.start(chunks, work, lambda: take(True)))
        if meanwhile is not None:
            meanwhile()
        while (index := take(False)) is not None:
            results[index] = [work(job) for job in chunks[index]]
            for helper in helpers_:
                helper.receive(results, wait=False)
    except BaseException:
        for helper in helpers_:
            helper.stop()
        raise
    finally:
        for helper in helpers_:
            helper.finish(results)
    for index, done in enumerate(results):
        if done is None:  # a helper failed: its chunks are done here
            results[index] = [work(job) for job in chunks[index]]
    return [result for done in results if done is not None for result in done]


class _Helper:
    """A forked helper process, and what it has sent so far."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid = pid
        self.read_end = read_end
        self.buffer = bytearray()
        self.broken = False

    @classmethod
    def start(
        cls, chunks: list[Sequence[J]], work: Callable[[J], R], front: Callable[[], int | None]
    ) -> _Helper:
        """Fork a helper that does chunks from the front and sends each one's results."""
        read_end, write_end = os.pipe()
        with contextlib.suppress(OSError):  # a larger pipe where Linux allows it
            import fcntl

            fcntl.fcntl(write_end, _F_SETPIPE_SZ, _PIPE_BYTES)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the forked helper (coverage does not follow)
            status = 1
            try:
                os.close(read_end)
                while (index := front()) is not None:
                    done = [work(job) for job in chunks[index]]
                    data = pickle.dumps((index, done), protocol=pickle.HIGHEST_PROTOCOL)
                    _write_all(write_end, _LENGTH.pack(len(data)) + data)
                status = 0
            finally:
                os._exit(status)  # never return into the caller's code, flush nothing of its
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid, read_end)

    def receive(self, results: list[Any], *, wait: bool) -> bool:
        """Take the results sent so far (all of them, to the end, when ``wait``); False at EOF."""
        open_ = True
        while True:
            try:
                data = os.read(self.read_end, 1 << 16)
            except BlockingIOError:
                if not wait:
                    break
                os.set_blocking(self.read_end, True)
                continue
            if not data:
                open_ = False
                break
            self.buffer += data
        while not self.broken and len(self.buffer) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(self.buffer, 0)
            end = _LENGTH.size + size
            if len(self.buffer) < end:
                break
            try:
                index, done = pickle.loads(self.buffer[_LENGTH.size : end])
            except Exception:  # a damaged message: nothing more is taken from this helper
                self.broken = True
                break
            results[index] = done
            del self.buffer[:end]
        return open_

    def finish(self, results: list[Any]) -> None:
        """Take everything the helper sends until it closes the pipe, and wait for it to exit."""
        try:
            self.receive(results, wait=True)
        finally:
            os.close(self.read_end)
            os.waitpid(self.pid, 0)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)


def _write_all(fd: int, data: bytes) -> None:  # pragma: no cover - runs in the helper
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
