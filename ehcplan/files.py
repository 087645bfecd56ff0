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
    temporary = _complete_unnamed(target, payload)
    try:
        if temporary is None:
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                _fill(stream.fileno(), target, payload)
        if force and _has_other_links(target):
            _overwrite_in_place(target, payload)
        elif force:
            os.replace(temporary, target)
        else:
            _link_without_clobbering(temporary, target)
    finally:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _fill(handle: int, target: Path, payload: bytes) -> None:
    """Write the whole text to the temporary file and onto the disk, with the target's mode
    (a new temporary file is 0600 whatever the umask)."""
    os.fchmod(handle, _mode_for(target))
    view = memoryview(payload)
    while view:
        view = view[os.write(handle, view) :]
    os.fsync(handle)


def _complete_unnamed(target: Path, payload: bytes) -> str | None:
    """The text written in full to a file with no name (Linux's O_TMPFILE), then given a temporary
    name beside ``target`` for the rename: a write killed before that (kill -9, a power cut)
    leaves no plan text behind. None where the system cannot; the caller uses a named file."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        handle = os.open(target.parent, flag | os.O_WRONLY, 0o600)
    except OSError:  # a file system without unnamed files
        return None
    try:
        _fill(handle, target, payload)
        temporary = target.parent / f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.part"
        # os.link through /proc/self/fd follows the link (linkat with AT_SYMLINK_FOLLOW) only when
        # given a folder's descriptor; the paths are absolute, so which folder does not matter.
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.link(f"/proc/self/fd/{handle}", temporary, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:  # /proc links not allowed here
            return None
        finally:
            os.close(folder)
        return str(temporary)
    finally:
        os.close(handle)


def _has_other_links(target: Path) -> bool:
    """True for a file with other names (hard links): a rename would part it from them."""
    try:
        info = target.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_nlink > 1


def _overwrite_in_place(target: Path, payload: bytes) -> None:
    """Rewrite a hard-linked file's own contents, so every name keeps seeing the plan.

    Called once the whole text is safely in the temporary file (so the disk had room for it). The
    file is made its new length before it is written, so running out of space cannot cut it short.
    """
    with open(target, "r+b") as stream:
        if len(payload) > os.fstat(stream.fileno()).st_size and hasattr(os, "posix_fallocate"):
            os.posix_fallocate(stream.fileno(), 0, len(payload))
        stream.write(payload)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


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
        return os.path.realpath(first) == os.path.realpath(second)
