"""`ehcplan annotate PLAN.docx [-o OUT.docx]`: a copy of a Word plan with the findings as comments."""

from __future__ import annotations

import argparse
from pathlib import Path

from ehcplan.commands.options import add_config_option, add_rule_options
from ehcplan.errors import EhcplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN.docx", help="the Word plan to review (it is never changed)")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="where to write the copy (default: PLAN.reviewed.docx)"
    )
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")
    add_rule_options(parser)
    add_config_option(parser)


def default_output(plan: Path) -> Path:
    """plan.docx -> plan.reviewed.docx, beside it."""
    return plan.with_name(f"{plan.stem}.reviewed.docx")


def run(args: argparse.Namespace) -> int:
    from ehcplan.check.checker import check_plan
    from ehcplan.files import write_atomic
    from ehcplan.readers import read_word_document
    from ehcplan.report.word_comments import annotate_docx
    from ehcplan.session import open_session

    source = Path(args.plan)
    if source.suffix.lower() != ".docx":
        raise EhcplanError(
            f"{source}: annotate adds Word comments, so it needs a .docx file; use 'ehcplan check' for other files"
        )
    if not source.is_file():
        raise EhcplanError(f"{source}: no such file")
    target = Path(args.output) if args.output else default_output(source)
    if target.suffix.lower() != ".docx":
        raise EhcplanError(f"{target}: the reviewed copy is a Word file; give a name ending in .docx")
    session = open_session(args.config, source)
    read = read_word_document(source, session)
    result = check_plan(read.plan, str(source), session, select=args.select, ignore=args.ignore)
    annotated = annotate_docx(read, result)
    write_atomic(target, annotated.data, force=args.force, inputs=[source])
    summary = f", {annotated.in_summary} in the summary at the top" if annotated.in_summary else ""
    print(f"Wrote {target}: {annotated.on_words} comments on the words at fault{summary}.")
    return 0
