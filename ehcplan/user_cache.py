"""The user's cache folder: where kept results and compiled lexicons live, never beside the plans.

The folder and every file in it are readable by their owner only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_folder() -> Path:
    """``$EHCPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/ehcplan``, else ``~/.cache/ehcplan``."""
    chosen = os.environ.get("EHCPLAN_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ehcplan"


def private_folder(name: str) -> Path:
    """The cache's sub-folder ``name``, made (with the cache folder) for its owner only."""
    folder = cache_folder()
    inner = folder / name
    inner.mkdir(parents=True, exist_ok=True, mode=0o700)
    for part in (folder, inner):
        os.chmod(part, 0o700)
    return inner


def write_private(path: Path, data: str | bytes) -> None:
    """Write a file readable by its owner only, whole or not at all."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
