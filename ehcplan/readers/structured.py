"""Read plans authored as YAML or JSON, with errors that name the file, line and field.

YAML is read with ruamel.yaml's round-trip loader, which keeps line numbers (and comments, for
tools that write the plan back). No tag is ever turned into a Python object: tags are refused.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ehcplan.errors import PlanFileError
from ehcplan.model.plan import ITEM_SECTIONS, Plan, SourceLocation

# A plan has a few thousand values; a document that expands far beyond that is an alias bomb.
MAX_VALUES = 200_000
STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
PLAIN_TAGS = {"str", "int", "float", "bool", "null", "seq", "map", "timestamp"}


class _PlanConstructor(RoundTripConstructor):
    """Keeps dates as text so that an impossible date (2027-02-30) is reported on its own line."""


_PlanConstructor.add_constructor(STANDARD_TAG_PREFIX + "timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _PlanConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def load_document(text: str, path: str) -> Any:
    """Parse YAML or JSON text into ruamel's commented structures, or raise PlanFileError."""
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = (error.problem or error.context or "not valid YAML").strip()
        raise PlanFileError(path, f"{path}{line}: this is not valid YAML: {problem}") from None
    except (YAMLError, ValueError) as error:
        raise PlanFileError(path, f"this is not valid YAML: {str(error).splitlines()[0]}") from None
    if data is None:
        raise PlanFileError(path, "the file is empty; start from 'ehcplan new PLAN.yaml'")
    if not isinstance(data, CommentedMap):
        raise PlanFileError(path, "a plan file must be a mapping with 'details' and 'sections' at the top")
    return data


def to_plain(node: Any, path: str) -> Any:
    """Copy ruamel structures into plain dicts and lists, refusing tags and alias bombs."""
    budget = [MAX_VALUES]

    def copy(value: Any, where: list[str | int]) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise PlanFileError(
                path, f"the file expands to more than {MAX_VALUES:,} values; it is not a plan"
            )
        tag = _custom_tag(value)
        if tag:
            line = _line_of(node, where)
            at = f"{path}:{line}" if line else path
            raise PlanFileError(path, f"{at}: {_dotted(where) or 'the file'}: the tag '{tag}' is not allowed")
        if isinstance(value, TaggedScalar):
            return value.value
        if isinstance(value, dict):
            return {key: copy(item, [*where, key]) for key, item in value.items()}
        if isinstance(value, list):
            return [copy(item, [*where, index]) for index, item in enumerate(value)]
        return value

    return copy(node, [])


def _custom_tag(value: Any) -> str | None:
    """The tag on a value, unless it is one of YAML's plain types (which need no constructor)."""
    tag = getattr(value, "tag", None)
    if tag is None or not isinstance(value, TaggedScalar | CommentedMap | CommentedSeq):
        return None
    name = getattr(tag, "trval", None) or getattr(tag, "value", None)
    if not name or name.removeprefix(STANDARD_TAG_PREFIX) in PLAIN_TAGS:
        return None
    return str(name)


def read_structured_plan(path: Path) -> Plan:
    """Read a YAML or JSON plan file, validate it, and note each item's line."""
    name = str(path)
    text = read_text(path)
    raw = load_document(text, name)
    try:
        plan = Plan.model_validate(to_plain(raw, name))
    except ValidationError as error:
        problems = sorted((describe_error(detail, raw, name) for detail in error.errors()), key=_line_order)
        raise PlanFileError(name, problems) from None
    _note_item_lines(plan, raw)
    return plan


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 (with or without a byte order mark), or say why not."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanFileError(str(path), f"cannot read the file: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise PlanFileError(str(path), "the file is not text in UTF-8 or Windows encoding") from None


def _note_mapping_lines(plan: Plan, raw: CommentedMap, path: list[str], depth: int) -> None:
    """Record the line of every key under ``path`` (details, details.timeline.final_issued ...)."""
    line = _line_of(raw, path)
    if line:
        plan.note_source(".".join(path), SourceLocation(line=line))
    node: Any = raw
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if depth and isinstance(node, CommentedMap):
        for key in node:
            _note_mapping_lines(plan, raw, [*path, str(key)], depth - 1)


def _note_item_lines(plan: Plan, raw: CommentedMap) -> None:
    _note_mapping_lines(plan, raw, ["details"], depth=3)
    sections = raw.get("sections") if isinstance(raw, dict) else None
    if isinstance(sections, CommentedMap):
        for letter, value in sections.items():
            line = _line_of(raw, ["sections", letter])
            if line:
                plan.note_source(str(letter), SourceLocation(line=line))
            if isinstance(value, CommentedMap):
                for field in value:
                    field_line = _line_of(raw, ["sections", letter, field])
                    if field_line:
                        plan.note_source(f"{letter}.{field}", SourceLocation(line=field_line))
    for letter in ITEM_SECTIONS:
        section = plan.sections.item_section(letter)
        if section is None:
            continue
        for index, item in enumerate(section.items):
            line = _line_of(raw, ["sections", letter, "items", index])
            item.source = SourceLocation(line=line)


# --- turning Pydantic's errors into one line each ---------------------------------------------


def describe_error(detail: Any, raw: Any, path: str) -> str:
    """'maya.yaml:42: sections.F[2].how_often: message' for one Pydantic error."""
    loc = tuple(detail.get("ctx", {}).get("path") or detail["loc"])
    shown = _display_path(raw, loc)
    line = _line_of(raw, list(loc))
    where = f"{path}:{line}" if line else path
    return f"{where}: {shown + ': ' if shown else ''}{_message(detail, loc)}"


def _line_order(problem: str) -> int:
    head = problem.split(": ", 1)[0]
    number = head.rsplit(":", 1)[-1]
    return int(number) if number.isdigit() else 0


def _message(detail: dict[str, Any], loc: tuple[Any, ...]) -> str:
    kind = detail["type"]
    value = detail.get("input")
    if kind == "extra_forbidden":
        field = str(loc[-1])
        choices = _fields_at(loc[:-1])
        close = [choice for choice in choices if choice.startswith(field) and len(field) >= 3]
        close = close or difflib.get_close_matches(field, choices, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{close[0]}'?"
            if close
            else (f"; expected one of: {', '.join(choices)}" if choices else "")
        )
        return f"unknown field '{field}'{hint}"
    if kind == "missing":
        return "this field is required"
    if kind.startswith("date_"):
        return f"'{value}' is not a real date; write dates as YYYY-MM-DD, for example 2027-07-16"
    if kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"'{value}' is not one of the allowed values: {expected}"
    if kind == "string_too_short":
        return "this must not be empty"
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid id or code here"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{value}' should be a whole number"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{value} is out of range ({detail['msg'].lower()})"
    if kind == "bool_parsing":
        return f"'{value}' should be yes or no (true or false)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "this should be a set of named fields, not a single value"
    if kind == "list_type":
        return "this should be a list (lines starting with '- ')"
    if kind == "string_type":
        return "this should be text"
    return str(detail["msg"]).removeprefix("Value error, ")


def _walk(raw: Any, loc: list[Any]) -> Iterator[tuple[Any, Any, Any]]:
    """Follow a Pydantic location through the raw document: (container, key, child) at each step.

    The authoring sugar is undone on the way: a section given as a bare list has no 'items' key,
    and an item given as a bare sentence has no 'text' key.
    """
    node = raw
    for key in loc:
        if isinstance(node, list) and key == "items":
            continue
        if not _has(node, key):
            return
        yield node, key, node[key]
        node = node[key]


def _has(node: Any, key: Any) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)


def _line_of(raw: Any, loc: list[Any]) -> int | None:
    line = None
    for container, key, _child in _walk(raw, loc):
        try:
            if isinstance(container, CommentedMap):
                line = container.lc.key(key)[0] + 1
            elif isinstance(container, CommentedSeq):
                line = container.lc.item(key)[0] + 1
        except (KeyError, IndexError, AttributeError, TypeError):
            pass
    return line


def _display_path(raw: Any, loc: tuple[Any, ...]) -> str:
    """The location as the writer sees it in their file (without the model's hidden keys)."""
    node, shown = raw, []
    for key in loc:
        if isinstance(node, list) and key == "items":
            continue  # the section was written as a bare list
        if isinstance(node, str) and key in ("text", "role", "statement"):
            continue  # the item was written as a bare sentence
        shown.append(key)
        node = node[key] if _has(node, key) else None
    return _dotted(shown)


def _dotted(keys: list[Any]) -> str:
    shown = ""
    for key in keys:
        shown += f"[{key}]" if isinstance(key, int) else (f".{key}" if shown else str(key))
    return shown


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """Names of the fields of the model found at a location, for 'did you mean'."""
    model: Any = Plan
    for key in loc:
        if isinstance(key, int):
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None or key not in fields:
            return []
        model = _model_in(fields[key].annotation)
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The Pydantic model inside Optional[...] / list[...] / Annotated[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None
