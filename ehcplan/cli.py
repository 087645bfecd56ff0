"""The command line: a thin layer over the library.

Each sub-command lives in ``ehcplan/commands/<name>.py`` with ``add_arguments(parser)`` and
``run(args) -> int``. Those modules import only argparse at the top; heavy modules (spaCy,
python-docx) are imported inside ``run``, so `ehcplan --help` and `ehcplan validate` stay quick.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from typing import NoReturn

from ehcplan import __version__
from ehcplan.errors import EhcplanError

# (name, help) in the order `ehcplan --help` lists them.
COMMANDS: list[tuple[str, str]] = [
    ("new", "write a starter plan to fill in, as YAML or Word (never overwrites)"),
    ("validate", "check that plan files are well formed"),
    ("check", "check plans: SMART outcomes, quantified provision, language, coherence, timescales"),
    ("render", "render a plan as an accessible Word document or web page"),
    ("audit", "audit many plans at once, as a quality panel does: grades, CSV and HTML reports"),
    ("serve", "edit the plans in a folder in your browser, with live checking (this computer only)"),
    ("annotate", "copy a Word plan with each finding as a comment on the words at fault"),
    ("compare", "compare two versions of a plan: every change in plain words, and whether help was cut"),
    ("import", "turn a Word, PDF or text plan into a YAML plan to edit"),
    ("rules", "list the rules, or explain one"),
    ("cache", "show where checked results are kept, or clear them"),
    ("schema", "print the JSON Schema of a plan (for editors)"),
]

# Commands whose module is not named after them ("import" is a Python keyword).
MODULES = {"import": "import_plan"}


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one plain line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"ehcplan: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    parser = _Parser(
        prog="ehcplan", description="Draft, check and audit Education, Health and Care (EHC) plans."
    )
    parser.add_argument("--version", action="version", version=f"ehcplan {__version__}")
    parser.add_argument(
        "--verbose", action="store_true", help="on an internal error, print the details for a bug report"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, help_text in COMMANDS:
        module = importlib.import_module(f"ehcplan.commands.{MODULES.get(name, name.replace('-', '_'))}")
        sub = commands.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + "."
        )
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return 2
    try:
        return run(args)
    except EhcplanError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("ehcplan: stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the edge: a bug is one plain line and exit 2, never a traceback
        if getattr(args, "verbose", False):
            import traceback

            traceback.print_exc()
        print(
            f"ehcplan: internal error ({type(error).__name__}: {_first_line(error)}); the command stopped "
            "(outputs are only ever replaced whole). Run again with --verbose for the details to report it.",
            file=sys.stderr,
        )
        return 2


def run_and_exit() -> NoReturn:
    """The ``ehcplan`` command: run, then leave at once.

    A check holds millions of small objects (the language model's vocabulary, the lexicons, the
    docs); taking them apart one by one at exit costs a third of a second of every run and
    achieves nothing, as the process is ending. So the streams are flushed and the exit handlers
    run (they stop any helper processes), and then the process ends without that teardown.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with suppress(BrokenPipeError, ValueError):  # the reader has gone, or the stream was closed
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else "no message"
