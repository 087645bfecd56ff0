"""An audit added up: grade distribution, the commonest findings, and averages per section."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ehcplan.check.grades import GradingPolicy, grade_for_score
from ehcplan.model import ALL_SECTIONS
from ehcplan.model.findings import Category, Severity

if TYPE_CHECKING:
    from ehcplan.audit.entry import AuditEntry
    from ehcplan.model.findings import Finding

SEVERITIES = tuple(severity.value for severity in Severity)
CATEGORIES = tuple(category.value for category in Category)


@dataclass(frozen=True)
class RuleCount:
    """How often one rule fired across the audit, and in how many plans."""

    code: str
    name: str
    category: str
    severity: str
    findings: int
    plans: int


@dataclass(frozen=True)
class SectionAverage:
    """One section across the audit: how many plans were graded on it, and their average."""

    letter: str
    plans: int
    points: float | None
    grade: str | None


@dataclass
class AuditSummary:
    """What a panel reports: how many plans, their grades, the commonest findings, per section."""

    files: int
    unreadable: int
    grades: dict[str, int]
    severities: dict[str, int]
    categories: dict[str, int]
    accepted: int
    rules: list[RuleCount]
    sections: list[SectionAverage]
    median_words: float | None
    median_reading_age: float | None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def readable(self) -> int:
        return self.files - self.unreadable

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "unreadable": self.unreadable,
            "grades": self.grades,
            "findings": sum(self.severities.values()),
            **self.severities,
            "categories": self.categories,
            "accepted": self.accepted,
            "median_words": self.median_words,
            "median_reading_age": self.median_reading_age,
            "sections": {
                average.letter: {"plans": average.plans, "points": average.points, "grade": average.grade}
                for average in self.sections
            },
            **self.extra,
        }


def summarise(entries: list[AuditEntry], policy: GradingPolicy) -> AuditSummary:
    """Add up the entries of an audit (readable or not) by the grading policy."""
    readable = [entry for entry in entries if entry.error is None and entry.grades is not None]
    findings = [finding for entry in readable for finding in entry.findings]
    grades = Counter(entry.grades.overall for entry in readable if entry.grades)
    return AuditSummary(
        files=len(entries),
        unreadable=len(entries) - len(readable),
        grades={name: grades.get(name, 0) for name in policy.names},
        severities=count_by(findings, "severity", SEVERITIES),
        categories=count_by(findings, "category", CATEGORIES),
        accepted=sum(len(entry.accepted) for entry in readable),
        rules=_rule_counts(readable),
        sections=[_section_average(letter, readable, policy) for letter in ALL_SECTIONS],
        median_words=_median(entry.readability.plan.words for entry in readable if entry.readability),
        # Each plan's reading age as its report shows it (to one place), as a panel would add them up.
        median_reading_age=_median(
            round(entry.readability.plan.reading_age, 1) for entry in readable if entry.readability
        ),
    )


def count_by(findings: Iterable[Finding], key: str, names: tuple[str, ...]) -> dict[str, int]:
    """How many findings have each value of ``key`` ('severity', 'category'), in the order of ``names``."""
    counts = Counter(str(getattr(finding, key)) for finding in findings)
    return {name: counts.get(name, 0) for name in names}


def _rule_counts(entries: list[AuditEntry]) -> list[RuleCount]:
    findings: Counter[str] = Counter()
    plans: Counter[str] = Counter()
    about: dict[str, Finding] = {}
    for entry in entries:
        for finding in entry.findings:
            findings[finding.rule] += 1
            # A rule can report at more than one severity: the row shows the most severe.
            seen = about.get(finding.rule)
            if seen is None or finding.severity.rank > seen.severity.rank:
                about[finding.rule] = finding
        plans.update({finding.rule for finding in entry.findings})
    ranked = sorted(findings, key=lambda code: (-findings[code], -plans[code], code))
    return [
        RuleCount(
            code,
            about[code].name,
            about[code].category,
            about[code].severity.value,
            findings[code],
            plans[code],
        )
        for code in ranked
    ]


def _section_average(letter: str, entries: list[AuditEntry], policy: GradingPolicy) -> SectionAverage:
    graded = [
        entry.grades.sections[letter] for entry in entries if entry.grades and letter in entry.grades.sections
    ]
    if not graded:
        return SectionAverage(letter, 0, None, None)
    points = statistics.fmean(policy.points(grade) for grade in graded)
    # The same cut-offs as a plan's overall grade.
    return SectionAverage(letter, len(graded), round(points, 2), grade_for_score(points, policy))


def _median(values: Any) -> float | None:
    numbers = [value for value in values if value is not None]
    return round(statistics.median(numbers), 1) if numbers else None
