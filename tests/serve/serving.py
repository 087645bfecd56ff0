"""Running the real editor for the browser tests: `ehcplan serve` in a subprocess on a free loopback port."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ADDRESS = re.compile(r"(http://127\.0\.0\.1:\d+/\?token=[\w-]+)")
START_SECONDS = 60


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Start `ehcplan serve FOLDER --port 0`; yield the address it prints; stop it at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ehcplan", "serve", str(folder), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        address = _address(process)
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


def _address(process: subprocess.Popen[str]) -> str:
    """The address from the editor's first lines, read for at most START_SECONDS."""
    deadline = time.monotonic() + START_SECONDS
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            errors = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"ehcplan serve stopped before it printed its address: {errors}")
        found = ADDRESS.search(line)
        if found:
            return found.group(1)
    raise AssertionError("ehcplan serve printed no address in time")
