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
    return scalar_tree(yaml.compose(text, Loader=CoreLoader))


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


def scalar_tree(node: yaml.Node | None) -> Any:
    """Plain dicts, lists and scalars from a node tree, walked with a stack (no depth can crash it).

    An alias that refers to itself would expand for ever; it is refused with the other tags' error.
    """
    if node is None:
        return None
    holder: dict[str, Any] = {}
    stack: list[tuple[yaml.Node, Any, Any, int]] = [(node, holder, "root", 0)]
    while stack:
        current, container, slot, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise TagRefused(current)
        if isinstance(current, yaml.ScalarNode):
            container[slot] = scalar_value(current)
        elif isinstance(current, yaml.SequenceNode):
            if current.tag != CORE + "seq":
                raise TagRefused(current)
            items: list[Any] = [None] * len(current.value)
            container[slot] = items
            stack.extend((item, items, index, depth + 1) for index, item in enumerate(current.value))
        else:
            if current.tag != CORE + "map":
                raise TagRefused(current)
            mapping: dict[Any, Any] = {}
            container[slot] = mapping
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise TagRefused(key)
                mapping[scalar_value(key)] = None
                stack.append((value, mapping, scalar_value(key), depth + 1))
    return holder["root"]
