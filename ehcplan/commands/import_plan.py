"""`ehcplan import PLAN.docx -o PLAN.yaml`: a Word, PDF or text plan as YAML to edit."""

from __future__ import annotations

import argparse
from pathlib import Path

from ehcplan.errors import EhcplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="a .docx, .pdf, .md or .txt plan")
    parser.add_argument("-o", "--output", metavar="PLAN.yaml", required=True, help="the YAML file to write")
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")


def run(args: argparse.Namespace) -> int:
    from ehcplan.files import write_atomic
    from ehcplan.importer import imported_yaml
    from ehcplan.readers import LOOSE_SUFFIXES, read_plan

    source, target = Path(args.plan), Path(args.output)
    if source.suffix.lower() not in LOOSE_SUFFIXES:
        raise EhcplanError(
            f"{source}: import reads {', '.join(LOOSE_SUFFIXES)} files; a YAML or JSON plan needs no import"
        )
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise EhcplanError(f"{target}: the imported plan is written as YAML; give a name ending in .yaml")
    plan = read_plan(source)
    write_atomic(target, imported_yaml(plan, source.name), force=args.force, inputs=[source])
    found = plan.sections.present()
    print(
        f"Wrote {target}: {len(found)} sections and {len(plan.items())} items from {source}. "
        f"Check it, then run 'ehcplan check {target}'."
    )
    return 0
