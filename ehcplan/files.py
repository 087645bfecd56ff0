"""Writing outputs safely: atomically, never over an input, never over a file without --force."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
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

    Refuses to write over any of ``inputs`` and, unless ``force``, over any existing file. A new
    file gets the permissions the user's umask gives new files, as with any other program; a file
    replaced keeps its own.
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
    try:
        _write(target, payload, force=force)
    except OSError as error:
        # A full disk, a read-only folder, no permission: one line naming the file, nothing left behind.
        raise EhcplanError(f"{target}: cannot write the file: {error.strerror or error}") from None


# A temporary file this old was left by a write that was killed (kill -9, a power cut): it holds
# plan text, so the next write to the same file removes it.
STALE_SECONDS = 600


def _sweep_stale(target: Path) -> None:
    """Remove temporary files an interrupted write of ``target`` left behind (ours, and old)."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        with contextlib.suppress(OSError):
            info = leftover.lstat()
            if (
                stat.S_ISREG(info.st_mode)
                and info.st_uid == os.getuid()
                and now - info.st_mtime > STALE_SECONDS
            ):
                leftover.unlink()


def _write(target: Path, payload: bytes, *, force: bool) -> None:
    _sweep_stale(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            # mkstemp makes the file 0600 whatever the umask; give it the mode a new file would have.
            os.fchmod(stream.fileno(), _mode_for(target))
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


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else those the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # The only way to read the umask is to set it. For that instant it is 077, so a file another
    # thread creates then is only ever more private, never less.
    current = os.umask(0o077)
    os.umask(current)
    return current


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
