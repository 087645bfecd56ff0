"""Check several plans on all the cores, as ruff checks files side by side.

The first plan is checked here, which loads the pipeline, the lexicons and their matchers once;
the rest go to processes forked from this one, so each starts with all of that in memory (no
second model load) and sends back only its findings, grades and readability.
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from ehcplan.check.checker import CheckResult, check_plan
from ehcplan.check.pipeline import language_tools

if TYPE_CHECKING:
    from ehcplan.check.parse_cache import ParseCache
    from ehcplan.model import Plan
    from ehcplan.session import Session


def check_plans(
    plans: list[tuple[str, Plan]],
    session: Session,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    jobs: int = 1,
    parses: ParseCache | None = None,
) -> list[CheckResult]:
    """The result of each (path, plan), in order; with ``jobs`` > 1, several are checked at once.
    With ``parses``, each plan's kept parses are used and its new ones kept."""
    check = partial(_check, session=session, select=select, ignore=ignore, parses=parses)
    if jobs <= 1 or len(plans) <= 1 or sys.platform != "linux":
        return [check(path_and_plan) for path_and_plan in plans]
    # One level of processes only: the plans share the cores, so no plan shares its own parse.
    alone = replace(session, parse_workers=1)
    check = partial(_check, session=alone, select=select, ignore=ignore, parses=parses)
    first = check(plans[0])
    rest: list[CheckResult] = []
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(min(jobs, len(plans) - 1), mp_context=context) as pool:
            for (path, plan), parts in zip(
                plans[1:], pool.map(partial(_checked_parts, check=check), plans[1:]), strict=False
            ):
                rest.append(CheckResult(path, plan, *parts))
    except BrokenProcessPool:
        pass  # a worker died (out of memory, killed): the plans it had not sent back are checked here
    rest.extend(check(path_and_plan) for path_and_plan in plans[1 + len(rest) :])
    return [first, *rest]


def _check(
    path_and_plan: tuple[str, Plan],
    *,
    session: Session,
    select: list[str] | None,
    ignore: list[str] | None,
    parses: ParseCache | None,
) -> CheckResult:
    path, plan = path_and_plan
    if parses is None:
        return check_plan(plan, path, session, select=select, ignore=ignore)
    tools = language_tools(session)
    parses.recall(path, plan, tools)
    result = check_plan(plan, path, session, select=select, ignore=ignore)
    parses.keep(path, plan, tools)
    return result


def _checked_parts(path_and_plan: tuple[str, Plan], *, check: partial[CheckResult]) -> tuple[Any, ...]:
    """What a worker sends back: the plan stays with the parent, which already has it."""
    result = check(path_and_plan)
    return result.findings, result.accepted, result.readability, result.grades
