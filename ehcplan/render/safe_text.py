"""Text Word can hold: XML 1.0 has no place for most control characters (a vertical tab or bell
pasted from a PDF), so each becomes a space. One character for one, so the positions of the
words a review copy marks do not move."""

from __future__ import annotations

from typing import Any

from ehcplan.model import Plan

# C0 controls except tab, line feed and carriage return; and the two non-characters.
_NOT_XML = {code: " " for code in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)}


def xml_safe(text: str) -> str:
    return text.translate(_NOT_XML)


def xml_safe_plan(plan: Plan) -> Plan:
    """The plan with every piece of its text safe for Word (the plan itself unchanged)."""
    data = plan.model_dump(mode="json", exclude_defaults=True)
    if not _has_unsafe(data):
        return plan
    return Plan.model_validate(_clean(data))


def _has_unsafe(value: Any) -> bool:
    if isinstance(value, str):
        return value != xml_safe(value)
    if isinstance(value, dict):
        return any(_has_unsafe(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_unsafe(item) for item in value)
    return False


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value
