"""`ehcplan check FILE...`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ehcplan.checker import CheckResult, check_plan
from ehcplan.config import Config, find_config, load_config
from ehcplan.errors import EhcplanError
from ehcplan.findings import Severity
from ehcplan.readers import read_plan
from ehcplan.report import renderer


def configure(args: argparse.Namespace, first: Path) -> Config:
    """The config for this run: --config, else the nearest one to the first file; applied to lexicons and NLP."""
    if args.config:
        path = Path(args.config)
        if not path.is_file():
            raise EhcplanError(f"{path}: no such config file")
        config = load_config(path) or Config()
    else:
        config = find_config(first)
    if config.lexicons:
        from ehcplan.lexicon import add_lexicon_folders

        add_lexicon_folders(config.lexicons)
    if config.pipeline:
        from ehcplan.nlp.pipeline import use_pipeline

        use_pipeline(config.pipeline)
    return config


def run_check(args: argparse.Namespace) -> int:
    """Check each file; print the report; return 0, 1 (findings) or 2 (unreadable input)."""
    config = configure(args, Path(args.files[0]))
    results: list[CheckResult] = []
    unreadable = 0
    for name in args.files:
        try:
            plan = read_plan(Path(name))
        except EhcplanError as error:
            unreadable += 1
            for line in error.lines():
                print(line, file=sys.stderr)
            continue
        results.append(check_plan(plan, name, config, select=args.select, ignore=args.ignore))
    colour = (
        args.format == "text" and sys.stdout.isatty() and not args.no_colour and "NO_COLOR" not in os.environ
    )
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
