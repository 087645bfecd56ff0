"""Check each plan of an audit, in parallel processes with one language pipeline each.

A worker returns the file's typed entry (findings, grades and readability, or an ``error`` for a
file that could not be read) and the people's names it saw, so redaction can take every name
found anywhere out of every report. The plan itself stays in the worker.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ehcplan.audit.entry import AuditEntry
from ehcplan.config import Config
from ehcplan.errors import EhcplanError

if TYPE_CHECKING:
    from ehcplan.model import Plan
    from ehcplan.session import Session

Progress = Callable[[int, int], None]


@dataclass
class Audited:
    """One file's entry in the report, and the people named in it (for redaction), each with
    their full name first and then any other names they go by."""

    entry: AuditEntry
    people: list[tuple[str, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to know, sent once when it starts."""

    config: Config | None
    redact: bool

    def session(self) -> Session:
        """The session this worker checks with, built here from the config it was sent."""
        return _session_for(self.config.model_dump_json() if self.config is not None else None)


@cache
def _session_for(config_json: str | None) -> Session:
    """One session per config per worker process (the config arrives with every file)."""
    from ehcplan.session import Session, built_in_session

    return (
        built_in_session()
        if config_json is None
        else Session.from_config(Config.model_validate_json(config_json))
    )


def audit_file(path: Path, settings: WorkerSettings) -> Audited:
    """Read and check one plan; a file that cannot be read gives an entry with its reason."""
    from ehcplan.check.checker import check_plan
    from ehcplan.readers import read_plan

    shown = path.as_posix()
    try:
        session = settings.session()
        plan = read_plan(path, session)
        result = check_plan(plan, shown, session)
    except EhcplanError as error:
        return Audited(AuditEntry.unreadable(shown, "; ".join(error.lines())))
    except Exception as error:  # one bad file must never stop the batch, nor show a traceback
        return Audited(
            AuditEntry.unreadable(shown, f"ehcplan could not check this file ({type(error).__name__})")
        )
    entry = AuditEntry.of(result)
    if not settings.redact:
        return Audited(entry)
    from ehcplan.audit.redact import looks_like_name, trim_entry
    from ehcplan.check.pipeline import language_tools

    trim_entry(entry)
    texts = [finding.text for finding in (*entry.findings, *entry.accepted)]
    found = sorted(name for name in language_tools(session).people_named(texts) if looks_like_name(name))
    return Audited(entry, people_in_details(plan) + [(name,) for name in found])


def people_in_details(plan: Plan) -> list[tuple[str, ...]]:
    """The child (full and preferred name) and the parents or carers, as the plan names them."""
    child = plan.details.child
    people = [tuple(name for name in (child.name, child.preferred_name) if name)]
    people.extend((str(person.name),) for person in plan.details.parents)
    return [person for person in people if person]


def run_audit(
    files: list[Path], *, jobs: int, settings: WorkerSettings, progress: Progress | None = None
) -> list[Audited]:
    """Audit every file with ``jobs`` processes (one means here, in this process); sorted by path."""
    done: list[Audited] = []
    jobs = max(1, min(jobs, len(files)))
    if jobs == 1:
        for path in files:
            done.append(audit_file(path, settings))
            if progress:
                progress(len(done), len(files))
    else:
        stopped: list[Path] = []
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
            futures = {pool.submit(audit_file, path, settings): path for path in files}
            for future in as_completed(futures):
                try:
                    done.append(future.result())
                except BrokenProcessPool:
                    # A worker died (killed, out of memory): every file it had not finished is
                    # checked again below, one at a time, so one file cannot take the rest with it.
                    stopped.append(futures[future])
                    continue
                if progress:
                    progress(len(done), len(files))
        for path in sorted(stopped):
            done.append(_audit_alone(path, settings))
            if progress:
                progress(len(done), len(files))
    return sorted(done, key=lambda audited: audited.entry.path)


def _audit_alone(path: Path, settings: WorkerSettings) -> Audited:
    """Audit one file in a worker of its own; if that worker dies too, the file is reported, not lost."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        try:
            return pool.submit(audit_file, path, settings).result()
        except BrokenProcessPool:
            return Audited(
                AuditEntry.unreadable(
                    path.as_posix(),
                    "checking this file stopped the worker process (it may need more memory than this "
                    "computer has); the other files were audited",
                )
            )


def default_jobs() -> int:
    """One process per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    # A fork server starts clean workers (no threads copied from a progress bar) and is the
    # default from Python 3.14; spawn where it does not exist.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
