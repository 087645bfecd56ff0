"""`ehcplan validate FILE...`: are these plan files well formed?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ehcplan.counting import counted
from ehcplan.errors import EhcplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")


def run(args: argparse.Namespace) -> int:
    from ehcplan.readers import read_plan

    failed = 0
    for name in args.files:
        try:
            plan = read_plan(Path(name))
        except EhcplanError as error:
            failed += 1
            for line in error.lines():
                print(line, file=sys.stderr)
            continue
        print(
            f"{name}: valid plan, {counted(len(plan.sections.present()), 'section')}, {counted(len(plan.items()), 'item')}"
        )
    return 2 if failed else 0
