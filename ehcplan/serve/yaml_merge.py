"""Put the editor's values into a plan's YAML in place, so the writer's comments and layout stay.

The file is loaded with ruamel.yaml's round-trip loader, which keeps comments, key order and
the style of each value (folded text, quoted "1:1", [B1, B2] lists). Only the fields the editor
has are changed: anything else in the file (the timeline, notes, fields the editor does not
show) is left as it was. Items are matched by id, so an item moved up keeps its comments.
"""

from __future__ import annotations

import io
import re
from enum import Enum
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)

from ehcplan.model import ITEM_SECTIONS

# Authoring shortcuts: an item, a view or a 'who' written as one bare string is this field.
_BARE_KEYS = ("text", "role", "statement")
# Text a YAML 1.1 reader would take for a number (1:1 is 61 in base 60): always quoted.
_RATIO = re.compile(r"^\d+:\d+$")


def yaml_round_trip() -> YAML:
    """The ruamel.yaml set-up for plans: comments and quotes kept, two-space indents, lines never re-wrapped."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # long lines are kept as the writer wrote them, never re-wrapped
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_round_trip(text: str) -> CommentedMap:
    """The plan's YAML as ruamel's commented tree (an empty one for an empty file)."""
    document = yaml_round_trip().load(text)
    return document if isinstance(document, CommentedMap) else CommentedMap()


def dump_round_trip(document: CommentedMap) -> str:
    """The commented tree as YAML text."""
    stream = io.StringIO()
    yaml_round_trip().dump(document, stream)
    return stream.getvalue()


def merge_plan(document: CommentedMap, data: dict[str, Any], before: dict[str, Any]) -> None:
    """Put the editor's plan data into ``document`` in place.

    ``before`` is the plan the file held (``Plan.model_dump()``, or empty when the file was not
    a valid plan): a value the editor left as it was is not written again, so its layout stays,
    and each item finds its old place by the id it had (including ids given automatically).
    """
    details = data.get("details")
    if details is not None:
        merge_value(document, "details", details, before.get("details"))
    sections = data.get("sections") or {}
    if "sections" not in document or not isinstance(document["sections"], dict):
        document["sections"] = CommentedMap()
    node, old_sections = document["sections"], before.get("sections") or {}
    for letter, value in sections.items():
        old = old_sections.get(letter)
        if letter in ITEM_SECTIONS:
            _merge_item_section(node, letter, value or {}, (old or {}).get("items") or [])
        else:
            merge_value(node, letter, value, old)


def merge_value(parent: Any, key: Any, new: Any, before: Any = None) -> None:
    """Set ``parent[key]`` to ``new``, keeping what can be kept of the old value's comments and style.

    ``before`` is the plan's value here when the file was read: when ``new`` equals it nothing is
    written. A blank value (None, or an empty list) clears a value that is there and adds nothing.
    """
    if _same(new, before):
        return
    old = parent.get(key) if isinstance(parent, dict) else None
    if new is None or new == []:
        if isinstance(parent, dict) and key in parent and old not in (None, []):
            parent[key] = _empty_like(old) if new == [] else None
        return
    if isinstance(new, dict):
        if isinstance(old, dict):
            for name, value in new.items():
                merge_value(old, name, value, _part(before, name))
            return
        bare = _bare_value(new)
        parent[key] = _styled(old, bare) if isinstance(old, str) and bare is not None else fresh(new)
        return
    if isinstance(new, list):
        parent[key] = _merged_list(old if isinstance(old, list) else None, new, before)
        return
    parent[key] = _styled(old, new)


def _merge_item_section(
    sections: CommentedMap, letter: str, new: dict[str, Any], before: list[dict[str, Any]]
) -> None:
    """A section of items: a bare list, a bare statement, or both under 'items' and 'statement'."""
    items, statement = new.get("items") or [], new.get("statement")
    old = sections.get(letter)
    if letter not in sections and not items and not statement:
        return
    if isinstance(old, str) and not items and statement == old:
        return
    if isinstance(old, dict):
        merge_value(old, "statement", statement)
        old["items"] = _merged_items(old.get("items"), items, before)
    elif statement and items:
        sections[letter] = CommentedMap(
            [("statement", _styled(old if isinstance(old, str) else None, statement))]
        )
        sections[letter]["items"] = _merged_items(old if isinstance(old, list) else None, items, before)
    elif statement:
        sections[letter] = _styled(old if isinstance(old, str) else None, statement)
    else:
        sections[letter] = _merged_items(old if isinstance(old, list) else None, items, before)


def _merged_items(old: Any, items: list[dict[str, Any]], before: list[dict[str, Any]]) -> CommentedSeq:
    """Items matched to their old nodes by id; an item written as a bare sentence stays one while it can."""
    old_ids = [item.get("id") for item in before]
    old_nodes = dict(zip(old_ids, old, strict=False)) if isinstance(old, list) else {}
    old_items = {item.get("id"): item for item in before}
    new_ids = [item.get("id") for item in items]
    unchanged = all(_same(item, old_items.get(item.get("id"))) for item in items)
    if isinstance(old, CommentedSeq) and new_ids == old_ids and unchanged:
        return old  # nothing changed: the list stays exactly as written
    # A bare sentence's id is its place; once items move or go, every item needs its id written.
    in_place = new_ids[: len(old_ids)] == old_ids[: len(new_ids)]
    result = _seq_like(old)
    for item in items:
        node, previous = old_nodes.get(item.get("id")), old_items.get(item.get("id"))
        if isinstance(node, dict):
            for name, value in item.items():
                merge_value(node, name, value, _part(previous, name))
            if "id" not in node and item.get("id"):
                node.insert(0, "id", item["id"])
            result.append(node)
        elif isinstance(node, str) and in_place and _same(item, previous, ignore=("text",)):
            result.append(_styled(node, item["text"]))
        else:
            result.append(fresh(item))
    _keep_comments(old, result)
    return result


def _merged_list(old: CommentedSeq | None, new: list[Any], before: Any) -> CommentedSeq:
    """A list without ids (parents, aspirations, advice, ids, lines): matched by position."""
    result = _seq_like(old)
    for index, value in enumerate(new):
        previous = old[index] if old is not None and index < len(old) else None
        was = before[index] if isinstance(before, list) and index < len(before) else None
        if isinstance(value, dict) and isinstance(previous, dict):
            for name, part in value.items():
                merge_value(previous, name, part, _part(was, name))
            result.append(previous)
        elif isinstance(value, dict):
            bare = _bare_value(value)
            result.append(_styled(previous, bare) if isinstance(previous, str) and bare else fresh(value))
        else:
            result.append(_styled(previous, value))
    _keep_comments(old, result)
    if old is None and new and not isinstance(new[0], dict) and all(_is_id(value) for value in new):
        result.fa.set_flow_style()  # needs: [B1, B2], as the samples write them
    return result


def _same(new: Any, before: Any, ignore: tuple[str, ...] = ()) -> bool:
    """True when the editor's value is what the plan already said (a blank is the same as nothing)."""
    if isinstance(new, dict):
        return all(_same(value, _part(before, name)) for name, value in new.items() if name not in ignore)
    if new is None or new == []:
        return before is None or before == [] or before is False
    return new == before


def _part(before: Any, name: str) -> Any:
    return before.get(name) if isinstance(before, dict) else None


def _keep_comments(old: Any, new: CommentedSeq) -> None:
    """Comments and blank lines between a list's items stay where they were in the list."""
    if not isinstance(old, CommentedSeq) or not new:
        return
    for index, comment in old.ca.items.items():
        new.ca.items.setdefault(min(index, len(new) - 1), comment)


def fresh(value: Any) -> Any:
    """A new value in YAML form: mappings without blank fields, ids as [B1, B2], long text folded."""
    if isinstance(value, dict):
        node = CommentedMap()
        for name, part in value.items():
            if part is not None and part != []:
                node[name] = fresh(part)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(fresh(part) for part in value)
        if value and all(_is_id(part) for part in value):
            seq.fa.set_flow_style()
        return seq
    return _styled(None, value)


def _styled(old: Any, new: Any) -> Any:
    """New text in the old value's style (folded, literal, quoted); text with line breaks kept literally."""
    if isinstance(new, Enum):
        new = new.value  # an area of need, a status: written as its words
    if not isinstance(new, str):
        return new
    if "\n" in new:
        return FoldedScalarString(new) if isinstance(old, FoldedScalarString) else LiteralScalarString(new)
    if isinstance(old, ScalarString) and not isinstance(old, LiteralScalarString):
        return type(old)(new)
    if _RATIO.match(new):
        return DoubleQuotedScalarString(new)
    return new


def _bare_value(new: dict[str, Any]) -> Any:
    """The one value of a group that could be written as a bare string ({'text': ...} alone), else None."""
    filled = _filled(new)
    filled.pop("id", None)
    if len(filled) == 1 and next(iter(filled)) in _BARE_KEYS and isinstance(next(iter(filled.values())), str):
        return next(iter(filled.values()))
    return None


def _filled(value: dict[str, Any]) -> dict[str, Any]:
    return {name: part for name, part in value.items() if part is not None and part != []}


def _seq_like(old: Any) -> CommentedSeq:
    seq = CommentedSeq()
    if isinstance(old, CommentedSeq) and old and old.fa.flow_style():
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def _empty_like(old: Any) -> Any:
    seq = CommentedSeq()
    seq.fa.set_flow_style()
    return seq if isinstance(old, list | str) else None


def _is_id(value: Any) -> bool:
    return (
        isinstance(value, str)
        and re.fullmatch(r"[A-K][A-Za-z0-9.\-]*", value) is not None
        and len(value) <= 6
    )
