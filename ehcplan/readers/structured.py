"""Read plans authored as YAML or JSON, with errors that name the file, line and field.

YAML (and JSON, which is YAML) is parsed by libyaml into a node tree that knows the line of
every key and item; the tree is turned into plain data under the YAML 1.2 core schema. No tag
is ever turned into a Python object: any tag that would need one is refused.
"""

from __future__ import annotations

import codecs
import difflib
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ehcplan.errors import PlanFileError
from ehcplan.model.plan import ITEM_SECTIONS, Plan, SourceLocation
from ehcplan.readers.limits import refuse_overlong, refuse_oversized_plan
from ehcplan.yaml_load import MAX_DEPTH, NodeProblem, compose, plain_tree

# A plan has a few thousand values; a document that expands far beyond that is an alias bomb.
MAX_VALUES = 200_000
# The longest real plans run to about 40 pages (some 200 kB of text); 20 MB is far beyond any plan.
MAX_TEXT_BYTES = 20_000_000

Lines = dict[tuple[Any, ...], int]


def load_document(text: str, path: str) -> tuple[dict[str, Any], Lines]:
    """Parse YAML or JSON text into plain data and the line of each key and item."""
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = (error.problem or error.context or "not valid YAML").strip()
        raise PlanFileError(path, f"{path}{line}: this is not valid YAML: {problem}") from None
    except (yaml.YAMLError, ValueError) as error:
        raise PlanFileError(path, f"this is not valid YAML: {str(error).splitlines()[0]}") from None
    if root is None:
        raise PlanFileError(path, "the file is empty; start from 'ehcplan new PLAN.yaml'")
    if not isinstance(root, yaml.MappingNode):
        raise PlanFileError(path, "a plan file must be a mapping with 'details' and 'sections' at the top")
    lines: Lines = {}
    return _plain(root, lines, path), lines


def _plain(root: yaml.Node, lines: Lines, path: str) -> Any:
    """Plain data from the node tree, noting lines, refusing tags, duplicates, alias bombs and
    nesting deeper than any plan, each with the line and a plain reason."""
    try:
        return plain_tree(root, lines=lines, max_values=MAX_VALUES)
    except NodeProblem as problem:
        raise PlanFileError(path, _problem_line(problem, path)) from None


def _problem_line(problem: NodeProblem, path: str) -> str:
    at = f"{path}:{problem.node.start_mark.line + 1}"
    if problem.kind == "size":
        return f"the file expands to more than {MAX_VALUES:,} values; it is not a plan"
    if problem.kind == "depth":
        return f"{at}: the file nests more than {MAX_DEPTH} levels deep (or an alias refers to itself); it is not a plan"
    if problem.kind == "key":
        return f"{at}: a key must be a word, not a list"
    if problem.kind == "duplicate":
        return f"{at}: '{problem.where[-1]}' appears twice here; keep one of them"
    return f"{at}: {_dotted(list(problem.where)) or 'the file'}: the tag '{problem.node.tag}' is not allowed"


def read_structured_plan(path: Path) -> Plan:
    """Read a YAML or JSON plan file, validate it, and note each item's line."""
    return parse_structured_plan(read_text(path), str(path))


def parse_structured_plan(text: str, name: str) -> Plan:
    """A plan from YAML or JSON text; errors name ``name``, the line and the field."""
    raw, lines = load_document(text, name)
    refuse_oversized_plan(name, raw)
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as error:
        problems = sorted(
            (describe_error(detail, raw, lines, name) for detail in error.errors()), key=_line_order
        )
        raise PlanFileError(name, problems) from None
    _note_lines(plan, raw, lines)
    return plan


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 (with or without a byte order mark), UTF-16 with a byte order
    mark (Notepad's "Unicode"), or Windows-1252, or say why not.

    Refused with one line: a file over MAX_TEXT_BYTES or MAX_WORDS, an empty file, and anything
    that looks like binary data rather than text.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise PlanFileError(
                name,
                f"the file is {size / 1e6:.0f} MB; ehcplan reads plans of up to {MAX_TEXT_BYTES // 10**6} MB",
            )
        data = path.read_bytes()
    except OSError as error:
        raise PlanFileError(name, f"cannot read the file: {error.strerror or error}") from None
    text = _decode_utf16(data, name)
    if text is not None:
        refuse_overlong(name, [text])
        return text
    if not data.strip():
        raise PlanFileError(name, "the file is empty")
    if b"\x00" in data[:8192] or _control_share(data[:8192]) > 0.05:
        raise PlanFileError(
            name, "this is not a text file (it looks like binary data); save the plan as text, YAML or Word"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise PlanFileError(
                name, "the file is not text in UTF-8 or Windows encoding; save it as UTF-8"
            ) from None
    refuse_overlong(name, [text])
    return text


def _decode_utf16(data: bytes, name: str) -> str | None:
    """The text of a UTF-16 file with a byte order mark; None for any other file."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise PlanFileError(
            name, "the file says it is UTF-16 text but is damaged; save it as UTF-8"
        ) from None
    if not text.strip():
        raise PlanFileError(name, "the file is empty")
    return text


def _control_share(sample: bytes) -> float:
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(sample) if sample else 0.0


def _note_lines(plan: Plan, raw: dict[str, Any], lines: Lines) -> None:
    """Tell the plan where its parts are: details fields, sections, fields of A, and every item."""
    for key, line in lines.items():
        if not key or key[0] not in ("details", "sections"):
            continue
        if key[0] == "details":
            plan.note_source(".".join(str(part) for part in key), SourceLocation(line=line))
        elif len(key) in (2, 3) and isinstance(key[-1], str):
            plan.note_source(".".join(str(part) for part in key[1:]), SourceLocation(line=line))
    for letter in ITEM_SECTIONS:
        section = plan.sections.item_section(letter)
        if section is None:
            continue
        for index, item in enumerate(section.items):
            item.source = SourceLocation(line=_line_of(raw, lines, ["sections", letter, "items", index]))


# --- turning Pydantic's errors into one line each ---------------------------------------------


def describe_error(detail: Any, raw: Any, lines: Lines, path: str) -> str:
    """'maya.yaml:42: sections.F[2].how_often: message' for one Pydantic error."""
    loc, message = explain_error(detail)
    shown = _display_path(raw, loc)
    line = _line_of(raw, lines, list(loc))
    where = f"{path}:{line}" if line else path
    return f"{where}: {shown + ': ' if shown else ''}{message}"


def explain_error(detail: Any) -> tuple[tuple[Any, ...], str]:
    """The field at fault in the model (('sections', 'F', 'items', 2, 'how_often')) and a plain message."""
    loc = tuple(detail.get("ctx", {}).get("path") or detail["loc"])
    return loc, _message(detail, loc)


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


def _raw_path(raw: Any, loc: list[Any]) -> tuple[Any, ...]:
    """The path in the file for a model location, undoing the authoring shortcuts.

    A section written as a bare list has no 'items' key; an item written as a bare sentence has
    no 'text' key. The path stops where the file has nothing more.
    """
    node, path = raw, ()
    for key in loc:
        if isinstance(node, list) and key == "items":
            continue
        if not _has(node, key):
            break
        path = (*path, key)
        node = node[key]
    return path


def _has(node: Any, key: Any) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)


def _line_of(raw: Any, lines: Lines, loc: list[Any]) -> int | None:
    path = _raw_path(raw, loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


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
