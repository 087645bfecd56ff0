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


def _cmd_check(args: argparse.Namespace) -> int:
    from ehcplan.commands.check import run_check

    return run_check(args)


def _cmd_rules(args: argparse.Namespace) -> int:
    from ehcplan.commands.rules import run_rules

    return run_rules(args)


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


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

    check = commands.add_parser("check", help="check plans: SMART outcomes, quantified provision and more")
    check.add_argument("files", nargs="+", metavar="FILE", help="YAML, JSON, Markdown or text plans")
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    check.add_argument("--statistics", action="store_true", help="print a count per rule instead")
    check.add_argument(
        "--grades", action="store_true", help="show the quality grades, per section and overall"
    )
    check.add_argument(
        "--select", type=_codes, metavar="CODES", help="only these rules (codes, prefixes, categories)"
    )
    check.add_argument("--ignore", type=_codes, metavar="CODES", default=[], help="leave out these rules")
    check.add_argument(
        "--fail-on", choices=("error", "warning", "info"), help="exit 1 at or above this level"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--config", metavar="FILE", help="use this config instead of searching for one")
    check.add_argument("--no-colour", "--no-color", dest="no_colour", action="store_true")
    check.set_defaults(handler=_cmd_check)

    rules = commands.add_parser("rules", help="list the rules, or explain one")
    rules.add_argument("code", nargs="?", metavar="CODE", help="a rule code or name, e.g. PROV004")
    rules.set_defaults(handler=_cmd_rules)

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
