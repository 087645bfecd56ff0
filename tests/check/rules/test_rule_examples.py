"""Every rule's own Example fires it and its Use instead does not, as ruff and proselint test theirs.

Item rules (outcomes, provision, language, readability, help outside F, therapy only in G) have
examples that are plan wording, run here as written: a line "Section X: ..." goes in section X,
other lines in the section the rule's category reads. Plan-level rules (missing sections, dates,
links between sections) describe a whole plan in their examples; their own tests build one.
"""

from __future__ import annotations

import re

import pytest

from ehcplan.check.checker import check_plan
from ehcplan.check.rules.registry import all_rules
from ehcplan.model import Plan

DEFAULT_SECTION = {"smart": "E", "provision": "F", "language": "B", "readability": "B", "coherence": "B"}
PLAN_LEVEL = {"coherence", "structure", "timescale", "consistency"}
# A section's reading age: its example describes a section, not wording to run.
DESCRIBED = {"READ002"}
ITEM_COHERENCE = {"COH005", "COH006"}
SECTION_LINE = re.compile(r"^Section (H1|H2|[A-K]): (.+)$")


def examples(rule) -> tuple[str, str]:
    doc = rule.documentation()
    example = doc.split("Example", 1)[1].split("Use instead", 1)
    return example[0], example[1]


def wording(block: str, default: str) -> dict[str, list[str]]:
    """The plan sections an example block writes: 'Section X:' lines, the rest in ``default``."""
    sections: dict[str, list[str]] = {}
    loose: list[str] = []
    for line in (line.strip() for line in block.strip().splitlines()):
        if not line or line.startswith("("):
            continue
        found = SECTION_LINE.match(line)
        if found:
            sections.setdefault(found.group(1), []).append(found.group(2))
        else:
            loose.append(line)
    if loose:
        sections.setdefault(default, []).append(" ".join(loose))
    return sections


def fires(rule, sections: dict[str, list[str]]) -> list[str]:
    data: dict[str, object] = dict(sections)
    if "A" in data:  # section A is a form; loose wording in it is read as its history
        data["A"] = {"history": " ".join(sections["A"])}
    plan = Plan.model_validate({"details": {"child": {"name": "Maya Patel"}}, "sections": data})
    return [f.message for f in check_plan(plan, "example.yaml", select=[rule.code]).findings]


RULES = [
    rule
    for rule in all_rules()
    if (rule.category.value not in PLAN_LEVEL or rule.code in ITEM_COHERENCE) and rule.code not in DESCRIBED
]


def test_the_item_rules_are_all_here() -> None:
    codes = {rule.code for rule in RULES}
    assert {"SMART001", "SMART004", "PROV001", "PROV004", "LANG001", "READ001", "COH005"} <= codes
    assert len(RULES) >= 22


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_the_example_fires_and_the_fix_does_not(rule) -> None:
    example, fix = examples(rule)
    default = DEFAULT_SECTION[rule.category.value]
    assert fires(rule, wording(example, default)), f"{rule.code}'s Example does not fire it"
    assert not fires(rule, wording(fix, default)), f"{rule.code}'s Use instead still fires it"
