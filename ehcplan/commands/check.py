"""`ehcplan check FILE...`."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ehcplan.commands.options import add_config_option, add_jobs_option, add_rule_options
from ehcplan.errors import PlanFileError

if TYPE_CHECKING:
    from ehcplan.check.result_cache import Lookup


def add_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="plans to check: YAML or JSON, Word (.docx), PDF, Markdown or text",
    )
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    check.add_argument("--statistics", action="store_true", help="print a count per rule instead")
    check.add_argument(
        "--grades", action="store_true", help="show the quality grades, per section and overall"
    )
    add_rule_options(check, "only these rules (codes, prefixes, categories)")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="exit 1 when a finding is at or above this level (default: error, or 'fail-on' in the config)",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    add_config_option(check)
    add_jobs_option(check, "processes that share the parsing of a large plan (default: one per core)")
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="check every plan afresh, and keep nothing (see 'ehcplan cache')",
    )
    check.add_argument("--no-colour", "--no-color", dest="no_colour", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Check each file; print the report; return 0, 1 (findings) or 2 (unreadable input)."""
    from ehcplan.audit.worker import default_jobs
    from ehcplan.check.batch import check_plans
    from ehcplan.check.parse_cache import open_parse_cache
    from ehcplan.check.result_cache import MAX_ENTRIES, keep, look_up, open_cache
    from ehcplan.model.findings import Severity
    from ehcplan.readers import read_plan
    from ehcplan.report import renderer
    from ehcplan.session import open_session

    jobs = args.jobs or default_jobs()
    session = replace(open_session(args.config, Path(args.files[0])), parse_workers=jobs)
    config = session.config
    cache = None if args.no_cache else open_cache(session, args.select, args.ignore)
    unreadable = 0
    found: list[Lookup] = []
    for name in args.files:
        try:
            found.append(look_up(cache, name, lambda name=name: read_plan(Path(name), session)))
        except PlanFileError as error:  # this file cannot be read; the others are still checked
            unreadable += 1
            for line in error.lines():
                print(line, file=sys.stderr)
    new = [lookup for lookup in found if lookup.result is None]
    checked = check_plans(
        [(lookup.path, lookup.plan) for lookup in new],
        session,
        select=args.select,
        ignore=args.ignore,
        jobs=jobs,
        parses=open_parse_cache(session.pipeline) if cache is not None and new else None,
    )
    for lookup, result in zip(new, checked, strict=True):
        lookup.result = result
        keep(cache, lookup, result)
    results = [lookup.result for lookup in found if lookup.result is not None]
    if cache is not None:
        with suppress(OSError):
            cache.prune()
            parses = open_parse_cache(session.pipeline)
            if parses is not None:
                parses.prune(MAX_ENTRIES)
    colour = (
        args.format == "text" and sys.stdout.isatty() and not args.no_colour and "NO_COLOR" not in os.environ
    )
    if not results and args.format == "text":
        return 2  # every file was unreadable and said why: no "No problems found in 0 files"
    output = renderer(args.format)(results, colour=colour, statistics=args.statistics, grades=args.grades)
    if colour:
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(output, end="")
    else:
        sys.stdout.write(output)
    if unreadable:
        return 2
    level = Severity(args.fail_on or config.fail_on)
    failed = any(result.fails(level) for result in results)
    return 1 if failed and not args.exit_zero else 0
