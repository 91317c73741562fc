"""tlo: can Japan's university technology licensing organizations (承認TLO) stand on their own feet?

The Python API (docs/python.md): ``read``, ``assess``, ``scenario`` and ``simulate``, imported
on first use so that ``import tlo_cli`` (and the command line) stays light.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "assess", "read", "scenario", "simulate"]

_API = frozenset({"read", "assess", "scenario", "simulate"})


def __getattr__(name: str) -> Any:
    if name in _API:
        from tlo_cli import api

        return getattr(api, name)
    raise AttributeError(f"module 'tlo_cli' has no attribute {name!r}")
