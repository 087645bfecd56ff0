"""`ehcplan compare OLD NEW`: what changed between two versions of a plan, and whether help was cut.

Exit 1 when any change reduces the help in the plan, so a script can catch it; 0 when none does;
2 when a plan cannot be read or an output cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ehcplan.commands.options import add_config_option
from ehcplan.errors import EhcplanError

FORMATS = ("text", "json", "html")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier plan (YAML, Markdown, text, Word or PDF)")
    parser.add_argument("new", metavar="NEW", help="the amended plan, in any of the same formats")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text (default), json, or html (the versions side by side)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE instead of the screen"
    )
    parser.add_argument(
        "--word",
        metavar="FILE.docx",
        help="also write a Word copy of the amended plan with a comment on each change",
    )
    parser.add_argument("--force", action="store_true", help="replace output files that exist")
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    from ehcplan.compare import compare_plans
    from ehcplan.files import write_atomic
    from ehcplan.readers import read_plan
    from ehcplan.session import open_session

    old, new = Path(args.old), Path(args.new)
    output = Path(args.output) if args.output else None
    word = Path(args.word) if args.word else None
    kind = args.format or ("html" if output and output.suffix.lower() in (".html", ".htm") else "text")
    if kind == "html" and output is None:
        raise EhcplanError("the side-by-side page is a file: give its name with -o, such as -o changes.html")
    if word is not None and word.suffix.lower() != ".docx":
        raise EhcplanError(f"{word}: the commented copy is a Word file; give a name ending in .docx")
    session = open_session(args.config, new)
    comparison = compare_plans(read_plan(old, session), read_plan(new, session), session)
    report = _report(kind, comparison, str(old), str(new), session)
    inputs = [old, new]
    if word is not None:
        from ehcplan.report.compare_word import amended_word_copy

        copy = amended_word_copy(comparison, new, session)
        write_atomic(word, copy.data, force=args.force, inputs=inputs)
    if output is not None:
        write_atomic(output, report, force=args.force, inputs=inputs)
        print(f"Wrote {output}.", file=sys.stderr)
    else:
        sys.stdout.write(report)
    if word is not None:
        print(f"Wrote {word}: the amended plan with a comment on each change.", file=sys.stderr)
    return 1 if comparison.reduced else 0


def _report(kind: str, comparison: object, old: str, new: str, session: object) -> str:
    from ehcplan.compare import Comparison
    from ehcplan.session import Session

    assert isinstance(comparison, Comparison) and isinstance(session, Session)
    if kind == "json":
        from ehcplan.report.compare_json import comparison_json

        return comparison_json(comparison, old, new)
    if kind == "html":
        from ehcplan.report.compare_html import comparison_html

        return comparison_html(comparison, old, new, session.words, session.config.branding)
    from ehcplan.report.compare_text import comparison_text

    return comparison_text(comparison, old, new, session.words)
