"""`ehcplan rules [CODE]`: list every rule, or explain one."""

from __future__ import annotations

import argparse

from ehcplan.errors import EhcplanError
from ehcplan.rules.registry import all_rules, get_rule


def run_rules(args: argparse.Namespace) -> int:
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
