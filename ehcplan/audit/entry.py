"""One file's entry in an audit: typed, as the checker made it, until a report turns it into text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult
    from ehcplan.check.grades import Grades
    from ehcplan.check.readability_scores import PlanReadability
    from ehcplan.model.findings import Finding


@dataclass
class AuditEntry:
    """A plan's findings, grades and readability; or, for a file that could not be read, why not."""

    path: str
    error: str | None = None
    sections: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)
    grades: Grades | None = None
    readability: PlanReadability | None = None

    @classmethod
    def of(cls, result: CheckResult) -> AuditEntry:
        """The entry of a checked plan (the plan itself stays behind in the worker)."""
        return cls(
            path=result.path,
            sections=result.plan.sections.present(),
            findings=list(result.findings),
            accepted=list(result.accepted),
            grades=result.grades,
            readability=result.readability,
        )

    @classmethod
    def unreadable(cls, path: str, reason: str) -> AuditEntry:
        """The entry of a file that could not be read, with the reason (without the path again)."""
        return cls(path=path, error=reason.removeprefix(f"{path}: "))
