"""Counts in words: "1 warning", "2 warnings", never "1 warnings"."""

from __future__ import annotations

from collections.abc import Mapping

# The plural of every noun these messages count, where it is not the noun plus "s".
_IRREGULAR = {"child": "children", "entry": "entries", "summary": "summaries"}


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, the noun plural unless the count is one."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {_IRREGULAR.get(noun, noun + 's')}"


def severity_counts(counts: Mapping[str, int]) -> str:
    """ "2 errors, 1 warning, 0 notes" from counts keyed by severity (error, warning, info)."""
    return ", ".join(
        counted(counts.get(severity, 0), noun)
        for severity, noun in (("error", "error"), ("warning", "warning"), ("info", "note"))
    )
