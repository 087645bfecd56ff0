"""Rules as registered objects: a code, a kebab-case name, a category, a default severity and a
docstring written for a caseworker (What it does / Why is this bad? / Example / Use instead)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, TypeVar

from ehcplan.model.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckContext

_RULES: dict[str, type[Rule]] = {}
R = TypeVar("R", bound="type[Rule]")


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Yield the findings of this rule on the plan in ``context``."""
        raise NotImplementedError

    def finding(
        self,
        context: CheckContext,
        *,
        section: str | None,
        item_id: str | None,
        text: str,
        start: int,
        end: int,
        message: str,
        suggestion: str,
        severity: Severity | None = None,
        line: int | None = None,
        location: str | None = None,
    ) -> Finding:
        """A finding of this rule; messages may use {child}, {excerpt}, and {they}, {their} and
        {them} (the child's pronouns from the plan's details, 'they' when none are given)."""
        excerpt = text[start:end]
        values = {"child": context.child, "excerpt": excerpt, **context.pronoun_words}
        return Finding(
            rule=self.code,
            name=self.name,
            category=self.category.value,
            severity=severity or self.severity,
            section=section,
            item=item_id,
            text=text,
            start=start,
            end=end,
            message=message.format(**values),
            suggestion=suggestion.format(**values),
            line=line,
            location=location,
        )

    @classmethod
    def documentation(cls) -> str:
        """The rule's docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first sentence of 'What it does'."""
        text = cls.documentation()
        match = re.search(r"What it does\s*\n-*\s*\n?(.+?)(?:\n\n|$)", text, re.S)
        first = (match.group(1) if match else text).strip().replace("\n", " ")
        return first.split(". ")[0].rstrip(".") + "."


def register(rule: R) -> R:
    """Class decorator: add a rule to the registry (codes and names must be unique)."""
    for attribute in ("code", "name", "category", "severity"):
        if not hasattr(rule, attribute):
            raise TypeError(f"rule {rule.__name__} has no {attribute}")
    if not re.fullmatch(r"[A-Z]+[0-9]{3}", rule.code):
        raise ValueError(f"rule code {rule.code!r} should look like SMART001")
    if not re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name):
        raise ValueError(f"rule name {rule.name!r} should be kebab-case")
    for other in _RULES.values():
        if other is not rule and (other.code == rule.code or other.name == rule.name):
            raise ValueError(f"rule {rule.code} {rule.name} clashes with {other.code} {other.name}")
    if "What it does" not in (rule.__doc__ or ""):
        raise ValueError(f"rule {rule.code} needs a docstring with 'What it does'")
    _RULES[rule.code] = rule
    return rule


def all_rules() -> list[type[Rule]]:
    """Every registered rule, in code order."""
    import ehcplan.check.rules  # noqa: F401  (importing the package registers the rules)

    return [_RULES[code] for code in sorted(_RULES)]


def get_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code or name (case-insensitive)."""
    wanted = code_or_name.strip().lower()
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.name):
            return rule
    return None
