"""Rules stated as data: a YAML table in ``policy/`` whose rows each become one registered rule.

A family of rules that differ only in which fields they compare, their limits and their wording
(the statutory timescales, the golden thread) is kept as a table and one mechanism, as Vale states
a style rule as YAML: changing a deadline or a message is then a change to the table, not to code.
This module holds what every such table shares: a row's code, name, severity and documentation;
reading and validating the file, with a one-line error naming the file and the row; and turning
each row into a Rule class, documented as a rule written as code would be.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ehcplan.check.rules.registry import Rule, register
from ehcplan.errors import EhcplanError, printable
from ehcplan.model.findings import Severity
from ehcplan.paths import data_dir

# Rule.finding fills {child} and {excerpt} itself, so a row's templates hand them on unfilled.
HANDED_ON = {"child": "{child}", "excerpt": "{excerpt}"}
# What the registry asks of a rule's code and name, and how an error describes it.
REGISTRY_SHAPES = {
    "code": (r"[A-Z]+[0-9]{3}", "look like TIME001"),
    "name": (r"[a-z]+(-[a-z0-9]+)*", "be kebab-case, such as 'final-plan-late'"),
}


class Strict(BaseModel):
    """A part of a table: unknown keys are refused (a misspelt key would otherwise be ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleDocs(Strict):
    """A rule's documentation, in the sections every rule's docstring has (see registry.py)."""

    what_it_does: str = Field(min_length=1)
    why_is_this_bad: str = Field(min_length=1)
    severity: str = Field(min_length=1)
    example: str = Field(min_length=1)
    use_instead: str = Field(min_length=1)

    def docstring(self) -> str:
        """The docstring the rule would have as code: so `ehcplan rules CODE` reads the same."""
        sections = (
            ("What it does", self.what_it_does.strip()),
            ("Why is this bad?", self.why_is_this_bad.strip()),
            ("Severity", self.severity.strip()),
            # Examples are plan wording, set off by indenting as in the rules written as code.
            ("Example", textwrap.indent(textwrap.dedent(self.example).strip(), "    ")),
            ("Use instead", textwrap.indent(textwrap.dedent(self.use_instead).strip(), "    ")),
        )
        return "\n\n".join(f"{heading}\n{body}" for heading, body in sections)


class RuleRow(Strict):
    """What every row has: the rule's code, name, default severity and documentation."""

    code: str
    name: str
    severity: Severity
    docs: RuleDocs

    @field_validator("code", "name")
    @classmethod
    def _registry_shape(cls, value: str, info: ValidationInfo) -> str:
        # The registry checks these too, but only here can the error name the file and the row.
        pattern, shape = REGISTRY_SHAPES[info.field_name]
        if not re.fullmatch(pattern, value):
            raise ValueError(f"the {info.field_name} '{value}' should {shape}")
        return value


RowT = TypeVar("RowT", bound=RuleRow)


class TableRule(Rule):
    """A rule whose code, name, severity, wording and documentation are one row of a table."""

    row: ClassVar[Any]
    table: ClassVar[Any]


class RuleTable(BaseModel, Generic[RowT]):
    """A validated table: its rows, and the file they came from (for errors when registering)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    rules: list[RowT] = Field(min_length=1)
    _source: str = PrivateAttr(default="<table>")

    @model_validator(mode="after")
    def _codes_and_names_are_unique(self) -> RuleTable[RowT]:
        # The registry keeps one rule per code: two rows with one code cannot both be rules.
        for attribute in ("code", "name"):
            first: dict[str, int] = {}
            for index, row in enumerate(self.rules):
                value = getattr(row, attribute)
                if value in first:
                    raise ValueError(
                        f"{row_label(index, row.code)}: the {attribute} {value} is already used by row "
                        f"{first[value] + 1}"
                    )
                first[value] = index
        return self

    def rule_classes(self, base: type[TableRule]) -> list[type[TableRule]]:
        """One subclass of ``base`` per row, not registered (so a test can run a table of its own)."""
        return [_rule_class(row, self, base) for row in self.rules]

    def register(self, base: type[TableRule]) -> list[type[TableRule]]:
        """Register one rule per row; a clash with a rule written as code names the row."""
        rules = self.rule_classes(base)
        for index, rule in enumerate(rules):
            try:
                register(rule)
            except ValueError as error:
                raise EhcplanError(f"{self._source}: {row_label(index, rule.code)}: {error}") from None
        return rules


TableT = TypeVar("TableT", bound=RuleTable[Any])


def load_table(model: type[TableT], path: Path | None, built_in: str) -> TableT:
    """The table in ``path``, or the built-in ``policy/<built_in>``, validated by ``model``."""
    import yaml

    from ehcplan.yaml_load import TagRefused, load_data

    path = path or data_dir("policy") / built_in
    shown = printable(str(path))
    try:
        data = load_data(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EhcplanError(f"{shown}: cannot read this rule table: {error.strerror}") from None
    except (yaml.YAMLError, TagRefused, UnicodeDecodeError) as error:
        raise EhcplanError(f"{shown}: cannot read this rule table: {_yaml_problem(error)}") from None
    try:
        table = model.model_validate(data)
    except ValidationError as error:
        raise EhcplanError(f"{shown}: {_first_problem(error, data)}") from None
    table._source = shown
    return table


def _yaml_problem(error: Exception) -> str:
    """What is wrong with the YAML, and on which line, so the editor of the file can find it."""
    from ehcplan.yaml_load import TagRefused

    if isinstance(error, TagRefused):
        problem, mark = f"the tag {error.node.tag} is not allowed", error.node.start_mark
    else:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        mark = getattr(error, "problem_mark", None)
    return f"{problem} (line {mark.line + 1})" if mark is not None else problem


def row_label(index: int, code: object) -> str:
    """How an error names a row: by its place in the file (counted from 1) and its code."""
    return f"row {index + 1} ({code})" if isinstance(code, str) and code else f"row {index + 1}"


def _first_problem(error: ValidationError, data: Any) -> str:
    """The first problem, on one line, naming the row it is in (a file with several is fixed in turns).

    Positions count from 1, as whoever edits the file counts its rows and steps."""
    first = error.errors()[0]
    location = list(first["loc"])
    # Pydantic puts "Value error, " before the messages this module's validators write.
    message = str(first["msg"]).removeprefix("Value error, ").splitlines()[0]
    where = []
    if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
        where.append(row_label(location[1], _code_at(data, location[1])))
        location = location[2:]
    if location:
        where.append(".".join(str(part + 1) if isinstance(part, int) else str(part) for part in location))
    return ": ".join([*where, message])


def _code_at(data: Any, index: int) -> object:
    """The code written in row ``index`` of the raw data, if the row got far enough to have one."""
    rows = data.get("rules") if isinstance(data, dict) else None
    row = rows[index] if isinstance(rows, list) and index < len(rows) else None
    return row.get("code") if isinstance(row, dict) else None


def check_template(template: str, values: dict[str, Any]) -> str:
    """``template`` filled with sample ``values``: a placeholder the rule cannot fill is refused when
    the table is read, not when a plan is checked."""
    try:
        return template.format(**values, **HANDED_ON)
    except (KeyError, IndexError, AttributeError) as error:
        known = ", ".join("{" + name + "}" for name in [*values, *HANDED_ON])
        raise ValueError(
            f"'{template}' uses a placeholder the rule cannot fill ({error}); use {known}"
        ) from None
    except ValueError as error:
        raise ValueError(f"'{template}' is not a message template Python can fill: {error}") from None


def fill(template: str, **values: object) -> str:
    """A row's message or suggestion with this finding's values in it."""
    return template.format(**values, **HANDED_ON)


def mentions(text: str, phrase: str) -> bool:
    """True when ``text`` contains ``phrase``, however either is wrapped across lines."""
    return " ".join(phrase.split()) in " ".join(text.split())


def _rule_class(row: RuleRow, table: RuleTable[Any], base: type[TableRule]) -> type[TableRule]:
    """A rule class for one row, named from the rule's name as a class written for it would be."""
    class_name = "".join(part.capitalize() for part in row.name.split("-"))
    namespace = {
        "code": row.code,
        "name": row.name,
        "severity": row.severity,
        "row": row,
        "table": table,
        "__doc__": row.docs.docstring(),
        "__module__": base.__module__,
        "__qualname__": class_name,
    }
    return type(class_name, (base,), namespace)
