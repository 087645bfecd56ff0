"""The comparison as JSON, version 1 (the shape is documented in the README)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ehcplan.compare import Comparison, Rating

COMPARE_JSON_VERSION = 1


def comparison_json(comparison: Comparison, old: str, new: str) -> str:
    """``comparison`` of the plans at paths ``old`` and ``new`` as indented JSON."""
    ratings = Counter(change.rating.value for change in comparison.changes)
    report: dict[str, Any] = {
        "version": COMPARE_JSON_VERSION,
        "old": old,
        "new": new,
        "reduced": bool(comparison.reduced),
        "summary": {"changes": len(comparison.changes)} | {r.value: ratings[r.value] for r in Rating},
        "changes": [
            {
                "kind": change.kind.value,
                "rating": change.rating.value,
                "section": change.section,
                "old_section": change.old_section,
                "old_id": change.old_id,
                "new_id": change.new_id,
                "old": change.old,
                "new": change.new,
                "message": change.message,
            }
            for change in comparison.changes
        ],
    }
    return json.dumps(report, indent=1, ensure_ascii=False) + "\n"
