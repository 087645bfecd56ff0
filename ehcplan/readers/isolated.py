"""Run a reader written in C (PDFium) in a child process with a memory and time limit.

A damaged or hostile PDF can make PDFium decompress gigabytes or loop for minutes, and no Python
check can stop C code once it has started. Forked from the running process (so nothing is loaded
twice), the child reads the file under ``RLIMIT_AS`` and sends back plain data through a pipe; the
parent waits at most READER_SECONDS. Whatever happens to the child, the caller gets a result or a
PlanFileError with one plain line. Where ``fork`` is not available the reader runs in-process.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

from ehcplan.errors import PlanFileError

Result = TypeVar("Result")

# Beyond what the process already maps: a 400-page plan's text needs a few tens of MB.
READER_MEMORY_BYTES = 1_000_000_000
READER_SECONDS = 15


def _mapped_bytes() -> int | None:
    """The process's current virtual size (Linux), the base the child's memory limit is added to."""
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def run_isolated(name: str, kind: str, read: Callable[[], Result]) -> Result:
    """``read()`` in a forked child under the limits; its result, or PlanFileError naming ``name``.

    ``kind`` names the file in messages ("PDF"). PlanFileErrors the reader raises come back as they
    were; any other failure of the child is reported as damage to the file.
    """
    if not hasattr(os, "fork"):
        return read()
    base = _mapped_bytes()
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        os.close(readable)
        _child(writable, read, base)
    os.close(writable)
    try:
        data, finished = _collect(readable, time.monotonic() + READER_SECONDS)
    finally:
        os.close(readable)
    if not finished:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if not finished:
        raise PlanFileError(
            name, f"the {kind} took more than {READER_SECONDS} s to read; it is damaged or not a plan"
        )
    try:
        status, value = pickle.loads(data)
    except Exception:  # the child died before it could answer (out of memory, a crash in C)
        raise PlanFileError(
            name,
            f"the {kind} needs more memory than any plan to read ({READER_MEMORY_BYTES // 10**6:,} MB); "
            "it is damaged or not a plan",
        ) from None
    if status == "ok":
        return value
    if status == "refused":
        raise PlanFileError(name, value)
    raise PlanFileError(name, f"the {kind} cannot be read ({value}); is it damaged?")


def _child(writable: int, read: Callable[[], Any], base: int | None) -> None:
    """Read under the memory limit, write (status, value) to the pipe, and leave at once."""
    code = 0
    try:
        # A crash of C code under the memory limit is expected and reported by the parent, not dumped.
        faulthandler.disable()
        if base is not None:
            limit = base + READER_MEMORY_BYTES
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            answer: tuple[str, Any] = ("ok", read())
        except PlanFileError as error:
            answer = ("refused", error.problems)
        except MemoryError:
            answer = ("failed", "it needs more memory than any plan")
        except Exception as error:  # a damaged file: the parent says so in one line
            answer = ("failed", str(error).splitlines()[0] if str(error) else type(error).__name__)
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writable, view) :]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _collect(readable: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child writes until it closes the pipe, or what came before the deadline."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"", False
        ready, _, _ = select.select([readable], [], [], left)
        if not ready:
            return b"", False
        chunk = os.read(readable, 1 << 20)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
