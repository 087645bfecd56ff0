"""Put the editor's values into a plan's YAML in place, so the writer's comments and layout stay.

The file is loaded with ruamel.yaml's round-trip loader, which keeps comments, key order and
the style of each value (folded text, quoted "1:1", [B1, B2] lists). Only the fields the editor
has are changed: anything else in the file (the timeline, notes, fields the editor does not
show) is left as it was. Items are matched by id, so an item moved up keeps its comments.

Lists are changed in place, never replaced, so the comments ruamel keeps on them stay. The comment
lines after a value are kept wherever ruamel put them (after the last value under it, at the end
of a list, above the next item); when a value is replaced or a list rearranged they are read off
as text and put back after the new value, so the comment above the next key or item stays there.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from enum import Enum
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)
from ruamel.yaml.tokens import CommentToken

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


def commented(value: Any) -> Any:
    """Plain data as a fresh commented tree (new maps and lists all through), for ``merge_plan`` to change."""
    if isinstance(value, dict):
        return CommentedMap((key, commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(commented(item) for item in value)
    return value


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
        _replace(document, "sections", CommentedMap)
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
            _replace(parent, key, lambda: _empty_like(old) if new == [] else None)
        return
    if isinstance(new, dict):
        if isinstance(old, dict):
            for name, value in new.items():
                merge_value(old, name, value, _part(before, name))
            return
        bare = _bare_value(new)
        _replace(
            parent,
            key,
            lambda: _styled(old, bare) if isinstance(old, str) and bare is not None else fresh(new),
        )
        return
    if isinstance(new, list):
        _replace(parent, key, lambda: _merged_list(old if isinstance(old, list) else None, new, before))
        return
    _replace(parent, key, lambda: _styled(old, new))


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
        _replace(old, "items", lambda: _merged_items(old.get("items"), items, before))
    elif statement and items:
        _replace(sections, letter, lambda: _statement_and_items(sections, letter, statement, items, before))
    elif statement:
        _replace(sections, letter, lambda: _styled(old if isinstance(old, str) else None, statement))
    else:
        _replace(
            sections, letter, lambda: _merged_items(old if isinstance(old, list) else None, items, before)
        )


def _statement_and_items(
    sections: CommentedMap,
    letter: str,
    statement: str,
    items: list[dict[str, Any]],
    before: list[dict[str, Any]],
) -> CommentedMap:
    """A bare list or a bare statement become 'statement' and 'items' (the old list kept, with its comments)."""
    old = sections.get(letter)
    if isinstance(old, CommentedSeq) and old.ca.comment and old.ca.comment[1]:
        # The lines above the list's first item go on the section's key, above the statement: ruamel
        # also keeps them there, and under 'items' the list must not write them a second time.
        entry = sections.ca.items.setdefault(letter, [None] * 4)
        entry[3] = entry[3] or old.ca.comment[1]
        old.ca.comment[1] = None
    section = CommentedMap([("statement", _styled(old if isinstance(old, str) else None, statement))])
    section["items"] = _merged_items(old if isinstance(old, list) else None, items, before)
    return section


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
    count = len(old) if isinstance(old, list) else 0
    places = {item_id: index for index, item_id in enumerate(old_ids[:count])}
    nodes: list[Any] = []
    origins: list[int | None] = []
    for item in items:
        node, previous = old_nodes.get(item.get("id")), old_items.get(item.get("id"))
        origin = places.pop(item.get("id"), None)  # popped: an id given twice takes the comments once
        if isinstance(node, dict):
            for name, value in item.items():
                merge_value(node, name, value, _part(previous, name))
            if "id" not in node and item.get("id"):
                node.insert(0, "id", item["id"])
            nodes.append(node)
        elif isinstance(node, str) and in_place and _same(item, previous, ignore=("text",)):
            nodes.append(_styled(node, item["text"]))
        else:
            nodes.append(fresh(item))
        origins.append(origin)
    return _refilled(old, nodes, origins)


def _merged_list(old: CommentedSeq | None, new: list[Any], before: Any) -> CommentedSeq:
    """A list without ids (parents, aspirations, advice, ids, lines): an unchanged value keeps its node, others go by position."""
    origins = _list_origins(new, before, len(old) if old is not None else 0)
    nodes: list[Any] = []
    for value, origin in zip(new, origins, strict=True):
        previous = old[origin] if old is not None and origin is not None else None
        was = (
            before[origin]
            if isinstance(before, list) and origin is not None and origin < len(before)
            else None
        )
        if isinstance(value, dict) and isinstance(previous, dict):
            for name, part in value.items():
                merge_value(previous, name, part, _part(was, name))
            nodes.append(previous)
        elif isinstance(value, dict):
            bare = _bare_value(value)
            nodes.append(_styled(previous, bare) if isinstance(previous, str) and bare else fresh(value))
        else:
            nodes.append(_styled(previous, value))
    result = _refilled(old, nodes, origins)
    if old is None and new and not isinstance(new[0], dict) and all(_is_id(value) for value in new):
        result.fa.set_flow_style()  # needs: [B1, B2], as the samples write them
    return result


def _list_origins(new: list[Any], before: Any, count: int) -> list[int | None]:
    """The old place of each value of a list without ids (None: a new value).

    A value the editor left as it was is found where it stood, so when a parent is removed from the
    top the others keep their own comments; a changed value takes its own place, or the first free one.
    """
    was = before[:count] if isinstance(before, list) else []
    free = list(range(count))
    origins: list[int | None] = [None] * len(new)
    for index, value in enumerate(new):
        places = [index] if index < len(was) else []
        places += [place for place in range(len(was)) if place != index]
        found = next((place for place in places if place in free and _same(value, was[place])), None)
        if found is not None:
            origins[index] = found
            free.remove(found)
    for index in range(len(new)):
        if origins[index] is None and free:
            origins[index] = index if index in free else free[0]
            free.remove(origins[index])
    return origins


def _refilled(old: Any, nodes: list[Any], origins: list[int | None]) -> CommentedSeq:
    """The old list holding ``nodes`` (a new list when there was none): flow style kept if it had any items.

    An empty list is written [] whatever its style; marked flow, ruamel writes its comments after it.
    """
    seq = old if isinstance(old, CommentedSeq) else CommentedSeq()
    flow = not nodes or (bool(seq) and bool(seq.fa.flow_style()))
    _rearrange(seq, nodes, origins)
    if flow:
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def _same(new: Any, before: Any, ignore: tuple[str, ...] = ()) -> bool:
    """True when the editor's value is what the plan already said (a blank is the same as nothing)."""
    if isinstance(new, dict):
        return all(_same(value, _part(before, name)) for name, value in new.items() if name not in ignore)
    if new is None or new == []:
        return before is None or before == [] or before is False
    return new == before


def _part(before: Any, name: str) -> Any:
    return before.get(name) if isinstance(before, dict) else None


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


# --- the comment lines after a value ------------------------------------------------------------
# ruamel keeps the comment and blank lines that follow a value in one of three places: the
# post-comment of the last scalar under it (a token that starts with that line's own end-of-line
# comment), the end of a block list (``ca.end``), or the pre-comment of the next list item. The
# functions below read them off as text (whole lines, indented as written) and put them back.


def _replace(parent: Any, key: Any, build: Callable[[], Any]) -> None:
    """``parent[key] = build()``, with the comment lines that followed the old value after the new one.

    For a new key they are the lines after the map's last value: they belong to what comes next, so
    they stay after the new key. The lines are taken before ``build`` runs, as it may rearrange a list.
    """
    anchor = key if key in parent else (_last(parent) if len(parent) else None)
    text = _take_after(parent, anchor) if anchor is not None else ""
    value = build()
    if not _is_block(value):
        text = _take_above(parent, key, value) + text
    parent[key] = value
    _put_after(parent, key, text)


def _rearrange(seq: CommentedSeq, nodes: list[Any], origins: list[int | None]) -> None:
    """Fill ``seq`` in place with ``nodes``; ``origins[j]`` is where ``nodes[j]`` was (None: a new item).

    The lines above an item (after the item before it, or its own pre-comment) move with it; the lines
    above the first item stay at the top; the lines after the last item follow the new last item.
    """
    count = len(seq)
    after = [_take_after(seq, index) for index in range(count)]
    entries = [list(seq.ca.items.get(index) or [None] * 4) for index in range(count)]
    above = [(after[index - 1] if index else "") + _text_of(entries[index][1]) for index in range(count)]
    end = (after[-1] if count else "") + _text_of(seq.ca.end)
    for entry in entries:
        entry[1] = None
    del seq[:]
    seq.ca.items.clear()
    seq.ca.end = []
    seq.extend(nodes)
    for place, (node, origin) in enumerate(zip(nodes, origins, strict=True)):
        entry = entries[origin] if origin is not None else [None] * 4
        lines = (above[0] if place == 0 and above else "") + (above[origin] if origin else "")
        if entry[0] is not None and _is_block(node):
            _move_eol(entry, node)  # a bare sentence that became a mapping keeps its end-of-line comment
        entry[1] = _tokens(lines) or None
        if any(part is not None for part in entry):
            seq.ca.items[place] = entry
    if nodes:
        _put_after(seq, len(nodes) - 1, end)


def _take_after(parent: Any, key: Any) -> str:
    """Take off the comment and blank lines after ``parent[key]``; its end-of-line comment stays."""
    value = parent[key]
    if _is_block(value):
        text = _take_after(value, _last(value))
        end, value.ca.end = value.ca.end, []
        return text + _text_of(end)
    entry = parent.ca.items.get(key)
    slot = _post_slot(parent)
    token = entry[slot] if entry is not None and len(entry) > slot else None
    if token is None:
        return ""
    eol, text = _split_post(token, value)
    entry[slot] = eol
    own = getattr(value, "ca", None)
    if own is not None and own.comment and own.comment[0] is token:  # a flow list holds the same token
        own.comment[0] = eol
    return text


def _take_above(parent: Any, key: Any, value: Any) -> str:
    """Take off the lines ruamel keeps between a key and the first entry of its block value.

    They are kept twice (on the key, and on the list or mapping itself); once the value is a
    scalar or an empty list there is no first entry to be above, so they go after the value.
    """
    entry = parent.ca.items.get(key) if isinstance(parent, CommentedMap) else None
    tokens = entry[3] if entry is not None and len(entry) > 3 else None
    if tokens:
        entry[3] = None
    own = value.ca.comment if isinstance(value, CommentedMap | CommentedSeq) else None
    if own and len(own) > 1 and own[1]:
        tokens, own[1] = tokens or own[1], None
    return _text_of(tokens)


def _put_after(parent: Any, key: Any, text: str) -> None:
    """Put comment and blank lines after ``parent[key]``: at the end of a block list, else after its last scalar."""
    if not text:
        return
    value = parent[key]
    if isinstance(value, CommentedSeq) and _is_block(value):
        if value.ca.comment is None:
            value.ca.comment = [None, None]  # ruamel writes a list's end comments only when this is set
        value.yaml_end_comment_extend(_tokens(text))
        return
    if _is_block(value):
        _put_after(value, _last(value), text)
        return
    slot = _post_slot(parent)
    entry = parent.ca.items.setdefault(key, [None] * 4)
    eol = entry[slot]
    if _is_block_scalar(value):  # the scalar ends its last line: no end-of-line comment to join
        entry[slot] = CommentToken((_line_text(eol) if eol else "") + text, CommentMark(0))
    elif eol is not None:
        entry[slot] = CommentToken(eol.value.rstrip("\n") + "\n" + text, eol.start_mark)
    else:
        entry[slot] = CommentToken("\n" + text, CommentMark(0))  # the first newline ends the value's line


def _split_post(token: CommentToken, value: Any) -> tuple[CommentToken | None, str]:
    """A post-comment split into the value's end-of-line comment and the whole lines after it."""
    if _is_block_scalar(value):
        return None, _line_text(token)
    line, newline, rest = token.value.partition("\n")
    eol = CommentToken(line + newline, token.start_mark) if line.strip() else None
    return eol, rest


def _move_eol(entry: list[Any], node: CommentedMap) -> None:
    """Put a list item's end-of-line comment on the first line of the mapping that replaced it."""
    eol, entry[0] = entry[0], None
    first = node.ca.items.setdefault(next(iter(node)), [None] * 4)
    if first[2] is None and not _is_block(node[next(iter(node))]):
        first[2] = eol


def _tokens(text: str) -> list[CommentToken]:
    """Comment lines as ruamel's pre-comment tokens: one a line, each at its own column."""
    tokens = []
    for line in text.splitlines():
        comment = line.lstrip(" ")
        if comment.strip():
            tokens.append(CommentToken(comment + "\n", CommentMark(len(line) - len(comment))))
        else:
            tokens.append(CommentToken("\n", CommentMark(0)))  # a blank line
    return tokens


def _text_of(tokens: list[CommentToken] | None) -> str:
    """Pre-comment tokens as the lines ruamel writes for them."""
    return "".join(_line_text(token) for token in tokens or [] if token is not None)


def _line_text(token: CommentToken) -> str:
    """A comment token as written from the start of a line: at its column, unless it starts with a newline."""
    value = token.value if token.value.endswith("\n") else token.value + "\n"
    return value if value.startswith("\n") else " " * token.column + value


def _is_block(value: Any) -> bool:
    """A mapping or list written as a block, with something in it: the lines after it follow its last value."""
    return isinstance(value, CommentedMap | CommentedSeq) and len(value) > 0 and not value.fa.flow_style()


def _is_block_scalar(value: Any) -> bool:
    """Folded or literal text: it ends its own last line, so what follows has no end-of-line part."""
    return isinstance(value, FoldedScalarString | LiteralScalarString)


def _post_slot(parent: Any) -> int:
    """Where ruamel keeps the comment after a value: third of a mapping key's four, first of a list item's."""
    return 0 if isinstance(parent, list) else 2


def _last(node: Any) -> Any:
    """The key of a mapping's last value, or the index of a list's last item."""
    return len(node) - 1 if isinstance(node, list) else next(reversed(node))
