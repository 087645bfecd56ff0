"""Writing outputs safely: atomically, never over an input, never over a file without --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ehcplan.errors import EhcplanError


def write_atomic(
    target: Path,
    data: bytes | str,
    *,
    force: bool = False,
    inputs: Iterable[Path] = (),
) -> None:
    """Write ``data`` to ``target`` through a temporary file, so a reader never sees half a file.

    Refuses to write over any of ``inputs`` and, unless ``force``, over any existing file.
    """
    target = Path(target)
    for source in inputs:
        if _same_file(target, Path(source)):
            raise EhcplanError(
                f"{target}: refusing to write over the input file; choose another output with -o"
            )
    if target.is_dir():
        raise EhcplanError(f"{target}: is a folder; give a file name for the output")
    if not target.parent.is_dir():
        raise EhcplanError(f"{target}: the folder {target.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temporary, target)
        else:
            _link_without_clobbering(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _link_without_clobbering(temporary: str, target: Path) -> None:
    try:
        os.link(temporary, target)  # atomic, and fails if the target exists
    except FileExistsError:
        raise EhcplanError(f"{target}: already exists; use --force to replace it") from None
    except OSError:
        # Some file systems have no hard links: check, then rename.
        if target.exists():
            raise EhcplanError(f"{target}: already exists; use --force to replace it") from None
        os.replace(temporary, target)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()
