"""Messages speak of the child with the plan's own pronouns, and 'they' when none are given."""

from __future__ import annotations

import pytest

from ehcplan.check.checker import check_plan
from ehcplan.model import Plan


def _plan(pronouns: str | None) -> Plan:
    child = {"name": "Jordan Smith", **({"pronouns": pronouns} if pronouns else {})}
    return Plan.model_validate(
        {
            "details": {"child": child, "status": "draft"},
            "sections": {"B": {"items": [{"id": "B1", "text": "Jordan is clumsy."}]}},
        }
    )


@pytest.mark.parametrize(
    ("pronouns", "word", "not_words"),
    [("he/him", "his", ("her", "their")), ("she", "her", ("his", "their")), (None, "their", ("his", "her"))],
)
def test_a_suggestion_uses_the_childs_pronouns(
    pronouns: str | None, word: str, not_words: tuple[str, ...]
) -> None:
    result = check_plan(_plan(pronouns), "jordan.yaml", select=["LANG005"])
    [suggestion] = [
        finding.suggestion for finding in result.findings if "keep track of" in finding.suggestion
    ]
    assert f"keep track of {word} books" in suggestion
    assert not any(f" {other} books" in suggestion for other in not_words)


def test_pronouns_are_read_in_the_words_families_use() -> None:
    assert _plan("She").details.child.pronouns.value == "she/her"
    assert _plan("they/them").details.child.pronouns.possessive == "their"
    with pytest.raises(ValueError):
        _plan("xe")
