"""`ehcplan import PLAN.docx [-o PLAN.yaml]`: a Word, PDF or text plan as YAML to edit.

Without -o the YAML goes to standard output, as with other converters, so it can be piped or
redirected; the summary line then goes to standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ehcplan.counting import counted
from ehcplan.errors import EhcplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="a .docx, .pdf, .md or .txt plan")
    parser.add_argument(
        "-o", "--output", metavar="PLAN.yaml", help="the YAML file to write (default: standard output)"
    )
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")


def run(args: argparse.Namespace) -> int:
    from ehcplan.files import write_atomic
    from ehcplan.readers import LOOSE_SUFFIXES, read_plan
    from ehcplan.render.plan_yaml import imported_yaml

    source = Path(args.plan)
    target = Path(args.output) if args.output else None
    if source.suffix.lower() not in LOOSE_SUFFIXES:
        raise EhcplanError(
            f"{source}: import reads {', '.join(LOOSE_SUFFIXES)} files; a YAML or JSON plan needs no import"
        )
    if target is not None and target.suffix.lower() not in (".yaml", ".yml"):
        raise EhcplanError(f"{target}: the imported plan is written as YAML; give a name ending in .yaml")
    plan = read_plan(source)
    text = imported_yaml(plan, source.name)
    found = plan.sections.present()
    if target is None:
        sys.stdout.write(text)
        print(
            f"Read {counted(len(found), 'section')} and {counted(len(plan.items()), 'item')} from {source}.",
            file=sys.stderr,
        )
        return 0
    write_atomic(target, text, force=args.force, inputs=[source])
    print(
        f"Wrote {target}: {counted(len(found), 'section')} and {counted(len(plan.items()), 'item')} from {source}. "
        f"Check it, then run 'ehcplan check {target}'."
    )
    return 0
