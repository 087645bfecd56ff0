"""`ehcplan import`: a plan read from a loose document, written out as YAML to edit.

The YAML is what the reader understood, with notes saying where each item came from and which
sections could not be found, so the writer can check it against the original.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ehcplan.model import ALL_SECTIONS, ITEM_SECTIONS, SECTION_TITLES, Plan


def _pruned(value: Any) -> Any:
    """Drop empty values, so the YAML holds only what was found."""
    if isinstance(value, dict):
        kept = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


def _item(item: Any) -> CommentedMap:
    data = _pruned(item.model_dump(mode="json", exclude_defaults=True))
    if isinstance(data.get("who"), dict) and set(data["who"]) == {"role"}:
        data["who"] = data["who"]["role"]
    entry = CommentedMap([("id", data.pop("id")), ("text", data.pop("text"))])
    entry.update(data)
    where = item.source.describe() if item.source else ""
    if where:
        entry.yaml_add_eol_comment(f"from {where}", key="id")
    return entry


def _section(plan: Plan, letter: str) -> Any:
    value = getattr(plan.sections, letter)
    if letter in ITEM_SECTIONS:
        if value.items:
            return CommentedSeq(_item(item) for item in value.items)
        return value.statement or []
    if letter == "K":
        return [
            _pruned(advice.model_dump(mode="json", exclude_defaults=True)) | {"kind": "other"}
            for advice in value
        ]
    data = _pruned(value.model_dump(mode="json", exclude_defaults=True))
    if set(data) == {"statement"}:
        return data["statement"]
    return data


def imported_yaml(plan: Plan, source: str, *, today: dt.date | None = None) -> str:
    """The plan as commented YAML, valid for `ehcplan validate`."""
    details = _pruned(plan.details.model_dump(mode="json", exclude_defaults=True))
    details.setdefault("status", plan.details.status.value)
    sections = CommentedMap()
    for letter in plan.sections.present():
        sections[letter] = _section(plan, letter)
        where = plan.source_of(letter)
        note = f"Section {letter}: {SECTION_TITLES[letter]}"
        if where is not None and where.describe():
            note += f" (from {where.describe()})"
        sections.yaml_set_comment_before_after_key(letter, before=note, indent=2)
    document = CommentedMap([("details", details), ("sections", sections)])
    missing = [letter for letter in ALL_SECTIONS if letter not in plan.sections.present()]
    header = [
        f"Imported by ehcplan from {source} on {(today or dt.date.today()).isoformat()}.",
        "This is ehcplan's best reading of the document: check each section against the original.",
        "Each item notes where it came from; fill in who, how often and how long where you can.",
    ]
    if missing:
        header.append(
            f"Not found in {source}: {'sections' if len(missing) > 1 else 'section'} {', '.join(missing)}. "
            "Add them, or say why they do not apply."
        )
    document.yaml_set_start_comment("\n".join(header))
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()
