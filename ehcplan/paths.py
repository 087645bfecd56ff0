"""Where the package's data folders are: installed inside the package, or at the repository's top."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``templates``, ``lexicons`` or ``samples``, wherever ehcplan is installed."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ehcplan's '{name}' folder is missing; reinstall ehcplan")
