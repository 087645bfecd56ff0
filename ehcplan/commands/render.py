"""`ehcplan render PLAN --to docx|html`: the plan as an accessible Word document or web page."""

from __future__ import annotations

import argparse
from pathlib import Path

from ehcplan.commands.options import add_config_option
from ehcplan.errors import EhcplanError

SUFFIXES = {"docx": ".docx", "html": ".html"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="a YAML, JSON, Markdown or text plan")
    parser.add_argument(
        "--to", choices=tuple(SUFFIXES), help="docx (Word) or html; taken from -o's suffix when not given"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="where to write it (default: next to PLAN, with the new suffix)"
    )
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument(
        "--with-findings",
        action="store_true",
        help="a review copy: run the checker and mark each flagged passage with its finding",
    )
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    """Render one plan; exit 0, or 2 with one line when the plan or the output is a problem."""
    from ehcplan.files import write_atomic
    from ehcplan.readers import read_plan
    from ehcplan.render import render_plan
    from ehcplan.session import open_session

    source = Path(args.plan)
    to = args.to or _format_from(args.output)
    target = Path(args.output) if args.output else source.with_suffix(SUFFIXES[to])
    session = open_session(args.config, source)
    config = session.config
    plan = read_plan(source, session)
    findings = None
    if args.with_findings:
        from ehcplan.check.checker import check_plan

        findings = check_plan(plan, str(source), session).findings
    data = render_plan(plan, to, branding=config.branding, findings=findings)
    write_atomic(target, data, force=args.force, inputs=[source])
    print(f"Wrote {target}")
    return 0


def _format_from(output: str | None) -> str:
    suffix = Path(output).suffix.lower() if output else ""
    for name, known in SUFFIXES.items():
        if suffix == known or (name == "html" and suffix == ".htm"):
            return name
    raise EhcplanError("say which format to write with --to docx or --to html")
