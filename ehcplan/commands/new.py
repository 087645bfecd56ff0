"""`ehcplan new PLAN.yaml`: a commented starter plan."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN.yaml")


def run(args: argparse.Namespace) -> int:
    from ehcplan.starter import write_starter

    write_starter(Path(args.plan))
    print(f"Wrote {args.plan}: a starter plan. Fill it in, then run 'ehcplan check {args.plan}'.")
    return 0
