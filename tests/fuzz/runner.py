"""Run a command line on one input in a forked child, watched for tracebacks, hangs and memory.

The parent has the language pipeline loaded already, so each child starts in milliseconds (the
pages are shared until written). A child that runs past its time is killed; its peak memory comes
from the kernel (``wait4``), and its address space is capped so that a bomb cannot take the machine.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import IO

from ehcplan.errors import MAX_PROBLEMS_SHOWN

# What a run may take before it counts as a hang or a memory failure.
TIME_LIMIT = 20.0
MEMORY_LIMIT_MB = 1500
# The cap that stops a runaway child before it takes the machine; above MEMORY_LIMIT_MB.
ADDRESS_SPACE_HEADROOM = 3 * 1024**3


@dataclass(frozen=True)
class Outcome:
    """How one run ended."""

    argv: tuple[str, ...]
    exit_code: int  # negative: killed by that signal
    hung: bool
    seconds: float
    peak_mb: float
    stderr: str

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr or "internal error" in self.stderr

    @property
    def too_big(self) -> bool:
        return self.peak_mb > MEMORY_LIMIT_MB

    @property
    def clean(self) -> bool:
        """Ended as the tool promises: exit 0, 1 or 2 with no traceback, in time and within memory."""
        return not (self.hung or self.traceback or self.too_big) and self.exit_code in (0, 1, 2)

    @property
    def plain_refusal(self) -> bool:
        """An exit 2 whose message is plain lines (at most a screenful of problems), not a dump."""
        return self.exit_code == 2 and 0 < len(self.stderr.strip().splitlines()) <= MAX_PROBLEMS_SHOWN + 1

    def describe(self) -> str:
        if self.hung:
            state = f"hung (killed after {self.seconds:.0f} s)"
        elif self.too_big:
            state = f"took {self.peak_mb:.0f} MB"
        elif self.traceback:
            state = "traceback: " + self.stderr.strip().splitlines()[-1][:160]
        elif self.exit_code < 0:
            state = f"killed by signal {-self.exit_code}"
        else:
            state = f"exit {self.exit_code}: " + (self.stderr.strip().splitlines() or [""])[0][:160]
        return f"{' '.join(self.argv)}: {state}"


@dataclass
class _Running:
    argv: list[str]
    pid: int
    started: float
    errors: IO[bytes]


def run_all(argvs: list[list[str]], parallel: int = 2, time_limit: float = TIME_LIMIT) -> list[Outcome]:
    """``ehcplan ARGV`` for each ARGV, ``parallel`` children at a time, in the order given."""
    outcomes: dict[int, Outcome] = {}
    running: dict[int, _Running] = {}
    waiting = list(enumerate(argvs))
    while waiting or running:
        while waiting and len(running) < parallel:
            index, argv = waiting.pop(0)
            running[index] = _start(argv)
        for index, run in list(running.items()):
            outcome = _poll(run, time_limit)
            if outcome is not None:
                outcomes[index] = outcome
                del running[index]
        time.sleep(0.005)
    return [outcomes[index] for index in range(len(argvs))]


def _start(argv: list[str]) -> _Running:
    from ehcplan.cli import main

    errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in _poll
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        code = 70
        try:
            resource.setrlimit(resource.RLIMIT_AS, (_address_space() + ADDRESS_SPACE_HEADROOM,) * 2)
            nothing = os.open(os.devnull, os.O_WRONLY)
            os.dup2(nothing, 1)
            os.dup2(errors.fileno(), 2)
            sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - the child exits below
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
            code = main(argv)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 2
        except BaseException:  # a traceback the tool let through
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code if isinstance(code, int) else 2)
    return _Running(argv, child, time.monotonic(), errors)


def _poll(run: _Running, time_limit: float) -> Outcome | None:
    pid, status, usage = os.wait4(run.pid, os.WNOHANG)
    hung = False
    if pid != run.pid:
        if time.monotonic() - run.started < time_limit:
            return None
        os.kill(run.pid, signal.SIGKILL)
        _pid, status, usage = os.wait4(run.pid, 0)
        hung = True
    seconds = time.monotonic() - run.started
    run.errors.seek(0)
    stderr = run.errors.read().decode("utf-8", "replace")
    run.errors.close()
    code = os.waitstatus_to_exitcode(status)
    return Outcome(tuple(run.argv), code, hung, seconds, usage.ru_maxrss / 1024, stderr)


def _address_space() -> int:
    """This process's virtual size in bytes (the child starts with the same)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()
