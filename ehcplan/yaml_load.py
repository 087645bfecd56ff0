"""Fast, safe YAML reading: libyaml through PyYAML, with YAML 1.2 core-schema scalars.

PyYAML's C parser is some twenty times faster than a pure-Python one, which matters when a
panel audits hundreds of plans. Its default resolvers follow YAML 1.1, where `no` is false and
`1:1` is the number 61; plans and lexicons need `no`, `on` and `1:1` to stay text, so only
the YAML 1.2 core forms are resolved here. Nothing is ever constructed from a tag.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    _BASE = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: correct, just slower
    _BASE = yaml.SafeLoader  # type: ignore[misc]

CORE = "tag:yaml.org,2002:"
MAX_INT_DIGITS = 30
# Lexicons and grade tables nest a few levels; anything past this is an error or an alias loop.
MAX_DEPTH = 100


class CoreLoader(_BASE):  # type: ignore[misc, valid-type]
    """A safe loader whose implicit types are YAML 1.2's: true/false, null, decimal numbers."""


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver(
    CORE + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
CoreLoader.add_implicit_resolver(CORE + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
CoreLoader.add_implicit_resolver(CORE + "int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    CORE + "float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)
CoreLoader.add_implicit_resolver(
    CORE + "timestamp", re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"), list("0123456789")
)


def load_data(text: str) -> Any:
    """Plain data from YAML text (dates stay as text; a validator turns them into dates)."""
    return plain_tree(yaml.compose(text, Loader=CoreLoader))


def compose(text: str) -> yaml.Node | None:
    """The node tree, with the line and column of every node (for error messages)."""
    return yaml.compose(text, Loader=CoreLoader)


class TagRefused(ValueError):
    """A node carries a tag that would need a constructor: refused, never executed."""

    def __init__(self, node: yaml.Node) -> None:
        super().__init__(node.tag)
        self.node = node


def scalar_value(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node under the core schema."""
    tag, value = node.tag, node.value
    if tag == CORE + "str" or tag == CORE + "timestamp":
        return value
    if tag == CORE + "int":
        # A number of hundreds of digits is no plan's; Python refuses to convert past 4,300.
        return int(value) if len(value) <= MAX_INT_DIGITS else value
    if tag == CORE + "float":
        return float(value)
    if tag == CORE + "bool":
        return value.lower() == "true"
    if tag == CORE + "null":
        return None
    raise TagRefused(node)


class NodeProblem(TagRefused):
    """A node tree that is not plain data, with the node at fault and where it sits (keys from the top).

    ``kind`` is 'tag' (a tag that needs a constructor), 'depth' (nested past MAX_DEPTH, or an alias
    that refers to itself), 'size' (more values than allowed: an alias bomb), 'key' (a key that is
    a list or mapping) or 'duplicate' (a key given twice in one mapping).
    """

    def __init__(self, kind: str, node: yaml.Node, where: tuple[Any, ...]) -> None:
        super().__init__(node)
        self.kind = kind
        self.where = where

    def __str__(self) -> str:
        line = f"line {self.node.start_mark.line + 1}"
        reasons = {
            "depth": f"nested more than {MAX_DEPTH} levels deep (or an alias refers to itself)",
            "size": "too many values (an alias repeated over and over)",
            "key": "a key is a list or a mapping, not a word",
            "duplicate": f"'{self.where[-1] if self.where else ''}' appears twice in one mapping",
        }
        return f"{line}: {reasons.get(self.kind, f'the tag {self.node.tag!r} is not allowed')}"


def plain_tree(
    root: yaml.Node | None, *, lines: dict[tuple[Any, ...], int] | None = None, max_values: int | None = None
) -> Any:
    """Plain dicts, lists and scalars from a node tree, walked with a stack (no depth can crash it).

    ``lines``, when given, is filled with the line of every key and item, by its keys from the top.
    Anything that is not plain data raises NodeProblem; nothing is ever constructed from a tag.
    """
    if root is None:
        return None
    budget = max_values
    holder: dict[str, Any] = {}
    # Each entry: a node, where it sits, and the container and slot it fills.
    stack: list[tuple[yaml.Node, tuple[Any, ...], Any, Any]] = [(root, (), holder, "root")]
    while stack:
        node, where, container, slot = stack.pop()
        if budget is not None:
            budget -= 1
            if budget < 0:
                raise NodeProblem("size", node, where)
        if len(where) > MAX_DEPTH:
            raise NodeProblem("depth", node, where)
        container[slot] = _node_value(node, where, lines, stack)
    return holder["root"]


def _node_value(
    node: yaml.Node, where: tuple[Any, ...], lines: dict[tuple[Any, ...], int] | None, stack: list[Any]
) -> Any:
    """A scalar's value, or an empty list or mapping whose children are put on the stack to fill it."""
    if isinstance(node, yaml.ScalarNode):
        try:
            return scalar_value(node)
        except TagRefused:
            raise NodeProblem("tag", node, where) from None
    if isinstance(node, yaml.SequenceNode):
        if node.tag != CORE + "seq":
            raise NodeProblem("tag", node, where)
        items: list[Any] = [None] * len(node.value)
        for index, item in enumerate(node.value):
            if lines is not None:
                lines[(*where, index)] = item.start_mark.line + 1
            stack.append((item, (*where, index), items, index))
        return items
    if node.tag != CORE + "map":
        raise NodeProblem("tag", node, where)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise NodeProblem("key", key_node, where)
        try:
            key = scalar_value(key_node)
        except TagRefused:  # a tag on a key ("!!python/object : x") is refused as on a value
            raise NodeProblem("tag", key_node, where) from None
        if key in mapping:
            raise NodeProblem("duplicate", key_node, (*where, key))
        if lines is not None:
            lines[(*where, key)] = key_node.start_mark.line + 1
        mapping[key] = None
        stack.append((value_node, (*where, key), mapping, key))
    return mapping
