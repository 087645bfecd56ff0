"""`ehcplan rules [CODE]`: list every rule, or explain one."""

from __future__ import annotations

import argparse

from ehcplan.errors import EhcplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", metavar="CODE", help="a rule code or name, e.g. PROV004")


def run(args: argparse.Namespace) -> int:
    from ehcplan.check.rules.registry import all_rules, get_rule

    if args.code:
        rule = get_rule(args.code)
        if rule is None:
            raise EhcplanError(f"no rule called '{args.code}'; run 'ehcplan rules' to list them")
        print(f"{rule.code} {rule.name} ({rule.category.value}, {rule.severity.value})\n")
        print(rule.documentation())
        return 0
    for rule in all_rules():
        print(
            f"{rule.code:<9} {rule.name:<32} {rule.category.value:<12} {rule.severity.value:<8} {rule.summary()}"
        )
    return 0
