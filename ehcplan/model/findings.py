"""Findings: plain data about one problem in a plan. Every report format is a view over a list of them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How sure the checker is, and how much it matters."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def rag(self) -> str:
        """Red, amber or green, as parents' advisers rate findings."""
        return {"error": "red", "warning": "amber", "info": "green"}[self.value]


class Category(StrEnum):
    smart = "smart"
    provision = "provision"
    language = "language"
    readability = "readability"
    structure = "structure"
    coherence = "coherence"
    timescale = "timescale"
    consistency = "consistency"


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, where, the words at fault, and how to put it right."""

    rule: str
    name: str
    category: str
    severity: Severity
    section: str | None
    item: str | None
    text: str
    start: int
    end: int
    message: str
    suggestion: str
    line: int | None = None
    location: str | None = None
    accepted: str | None = field(default=None, compare=False)

    @property
    def excerpt(self) -> str:
        """The words at fault."""
        return self.text[self.start : self.end]

    def accept(self, reason: str) -> Finding:
        """The same finding, marked as accepted by the writer for ``reason``."""
        return replace(self, accepted=reason)

    def to_json(self) -> dict[str, Any]:
        """The finding as in the JSON report (version 1)."""
        # Every field is a plain value: a shallow copy is asdict's answer without its deep walk,
        # which the editor pays on every finding of every re-check.
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["severity"] = self.severity.value
        data["rag"] = self.severity.rag
        return data


_FIELD_NAMES = tuple(field.name for field in fields(Finding))
