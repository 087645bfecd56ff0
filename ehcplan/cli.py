"""The command line: a thin layer over the library. Heavy modules are imported only by the command
that needs them, so `ehcplan --help` and `ehcplan validate` stay quick."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ehcplan import __version__
from ehcplan.errors import EhcplanError

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one plain line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"ehcplan: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def _cmd_new(args: argparse.Namespace) -> int:
    from ehcplan.starter import write_starter

    write_starter(Path(args.plan))
    print(f"Wrote {args.plan}: a starter plan. Fill it in, then run 'ehcplan check {args.plan}'.")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
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
        items = len(plan.items())
        print(f"{name}: valid plan, {len(plan.sections.present())} sections, {items} items")
    return 2 if failed else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from ehcplan.model.schema import plan_json_schema

    print(plan_json_schema())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    parser = _Parser(
        prog="ehcplan",
        description="Draft, check and audit Education, Health and Care (EHC) plans.",
    )
    parser.add_argument("--version", action="version", version=f"ehcplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser("new", help="write a starter plan to fill in (never overwrites)")
    new.add_argument("plan", metavar="PLAN.yaml")
    new.set_defaults(handler=_cmd_new)

    validate = commands.add_parser("validate", help="check that plan files are well formed")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(handler=_cmd_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of a plan (for editors)")
    schema.set_defaults(handler=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except EhcplanError as error:
        for line in error.lines():
            print(line, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("ehcplan: stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
