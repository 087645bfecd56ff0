"""`ehcplan new PLAN.yaml` or `ehcplan new PLAN.docx`: a starter plan to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="PLAN.yaml for a YAML plan, PLAN.docx for a Word plan")


def run(args: argparse.Namespace) -> int:
    target = Path(args.plan)
    if target.suffix.lower() == ".docx":
        from ehcplan.render.starter_docx import write_docx_starter

        write_docx_starter(target)
        print(f"Wrote {args.plan}: a blank Word plan. Fill it in, then run 'ehcplan check {args.plan}'.")
        return 0
    from ehcplan.render.starter_yaml import write_starter

    write_starter(target)
    print(f"Wrote {args.plan}: a starter plan. Fill it in, then run 'ehcplan check {args.plan}'.")
    return 0
