"""Atomic file output: write a temporary file beside the target, then rename it into place.

The rules (docs/security.md, "Files tlo writes"):

- the new file gets the mode an ordinary new file would get (0644 under umask 022); a file
  that is replaced keeps its mode;
- a read-only file is not replaced: the command stops and says so;
- a symbolic link is written through: its target is replaced, the link stays;
- when the write fails (disk full, no permission) or is interrupted (Ctrl-C, SIGTERM), the
  temporary file is removed and the target is left as it was; the command says why in one line.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from tlo_cli.errors import TloError, error


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_of(path: Path) -> Path:
    """The file a write to ``path`` replaces: a symbolic link's target, else ``path``."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _failure(path: Path, message: str, hint: str | None = None) -> TloError:
    return TloError(error("write-failed", f"{path}: {message}", None, hint))


def check_writable(path: Path) -> None:
    """Refuse a target that is read-only (its owner's write bit is off)."""
    target = target_of(path)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _failure(path, f"cannot write ({exc.strerror})") from None
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise _failure(path, "the file is read-only", "make it writable or choose another name")


class _Terminated(BaseException):
    """SIGTERM arrived during a write."""


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While writing, SIGTERM raises (so the temporary file is removed) instead of killing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` with a temporary path in the target's directory, then rename it to ``path``.

    If ``write`` fails or is interrupted, the temporary file is removed and ``path`` is left as
    it was: there is never a half-written output. Failures of the file system raise a
    :class:`TloError` naming the file (exit 2); SIGTERM exits with 143 after cleaning up.
    """
    check_writable(path)
    target = target_of(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        existing = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        existing = None
    mode = existing if existing is not None else 0o666 & ~_umask()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _failure(path, f"cannot write in {directory} ({exc.strerror})") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        with _sigterm_raises():
            write(temp)
            os.chmod(temp, mode)
            with temp.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, target)
    except _Terminated:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise SystemExit(128 + signal.SIGTERM) from None
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = exc.strerror or str(exc)
        raise _failure(path, f"cannot write ({reason})", "nothing was written") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_text_atomic(path: Path, text: str, *, bom: bool = False) -> None:
    """Write UTF-8 text to ``path`` atomically (with a byte-order mark when ``bom``)."""

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")

    write_atomic(path, write)
