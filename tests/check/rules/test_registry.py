from __future__ import annotations

import re

from ehcplan.check.rules.registry import all_rules, get_rule
from ehcplan.model.findings import Category, Severity


def test_every_rule_is_documented_for_a_caseworker() -> None:
    rules = all_rules()
    assert len({rule.code for rule in rules}) == len(rules)
    for rule in rules:
        doc = rule.documentation()
        for heading in ("What it does", "Why is this bad?", "Example", "Use instead"):
            assert heading in doc, f"{rule.code} lacks '{heading}'"
        assert re.fullmatch(r"[A-Z]+\d{3}", rule.code)
        assert isinstance(rule.category, Category) and isinstance(rule.severity, Severity)
        assert rule.summary().endswith(".")


def test_rules_are_found_by_code_or_name() -> None:
    assert get_rule("prov004") is get_rule("provision-hedged")
    assert get_rule("NOPE999") is None
