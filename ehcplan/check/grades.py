"""Quality grades, per section and overall, as a quality panel gives them.

The method and its numbers live in ``policy/grading.yaml`` (a local authority can use its own
file); this module only applies them. Each finding also carries a red/amber/green rating.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ehcplan.errors import EhcplanError
from ehcplan.model import ALL_SECTIONS, ITEM_SECTIONS, Plan
from ehcplan.model.findings import Finding
from ehcplan.paths import data_dir


class GradeLevel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    points: float


class SectionPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    good_warning_share: float = Field(ge=0, le=1)
    ri_error_share: float = Field(ge=0, le=1)


class Limit(BaseModel):
    """A cap on the overall grade, when some section is graded low or some rule fires."""

    model_config = ConfigDict(extra="forbid")
    reason: str
    at_most: str
    sections: list[str] = Field(default_factory=list)
    grade: str | None = None
    every: bool = Field(default=False, description="Only when every listed section has the grade")
    rules: list[str] = Field(default_factory=list)
    severity: str | None = None


class OverallPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weights: dict[str, float]
    thresholds: dict[str, float]
    limits: list[Limit] = Field(default_factory=list)


class GradingPolicy(BaseModel):
    """A validated grading policy file."""

    model_config = ConfigDict(extra="forbid")
    grades: list[GradeLevel]
    section: SectionPolicy
    overall: OverallPolicy

    @model_validator(mode="after")
    def _names_are_known(self) -> GradingPolicy:
        names = {grade.name for grade in self.grades}
        for name in [*self.overall.thresholds, *(limit.at_most for limit in self.overall.limits)]:
            if name not in names:
                raise ValueError(f"'{name}' is not one of the grades: {', '.join(sorted(names))}")
        return self

    @property
    def names(self) -> list[str]:
        """Grade names, best first."""
        return [grade.name for grade in self.grades]

    def points(self, name: str) -> float:
        return next(grade.points for grade in self.grades if grade.name == name)

    def worse(self, first: str, second: str) -> str:
        return first if self.names.index(first) >= self.names.index(second) else second


def load_policy(path: Path | None = None) -> GradingPolicy:
    """The grading policy: a local authority's own file, or the one shipped with ehcplan."""
    path = path or data_dir("policy") / "grading.yaml"
    try:
        stamp = path.stat()
    except OSError as error:
        raise EhcplanError(f"{path}: cannot read the grading policy: {error.strerror}") from None
    return _load_policy(path, stamp.st_mtime_ns, stamp.st_size)


@cache
def _load_policy(path: Path, _modified: int, _size: int) -> GradingPolicy:
    """Read and validate a policy file; cached until the file changes."""
    import yaml

    from ehcplan.yaml_load import TagRefused, load_data

    try:
        data = load_data(path.read_text(encoding="utf-8"))
        return GradingPolicy.model_validate(data)
    except (OSError, yaml.YAMLError, TagRefused) as error:
        raise EhcplanError(f"{path}: cannot read the grading policy: {str(error).splitlines()[0]}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise EhcplanError(f"{path}: {where}: {first['msg']}") from None


@dataclass
class Grades:
    """The overall grade, each section's grade, and why the overall grade was capped (if it was)."""

    overall: str
    sections: dict[str, str]
    score: float
    limited_by: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "sections": self.sections,
            "score": round(self.score, 2),
            "limited_by": self.limited_by,
        }


def grade_plan(
    plan: Plan, findings: Iterable[Finding], units_per_section: dict[str, int], policy: GradingPolicy
) -> Grades:
    """Grade each section from its findings, then the plan."""
    by_section: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.section:
            by_section.setdefault(finding.section, []).append(finding)
    all_findings = [finding for found in by_section.values() for finding in found] + [
        finding for finding in findings if not finding.section
    ]
    present = set(plan.sections.present())
    sections: dict[str, str] = {}
    for letter in ALL_SECTIONS:
        if letter not in present and letter not in by_section:
            continue
        size = _size(plan, letter, units_per_section)
        sections[letter] = _section_grade(by_section.get(letter, []), size, policy)
    weights = policy.overall.weights
    total_weight = sum(weights.get(letter, 1) for letter in sections) or 1
    score = (
        sum(policy.points(grade) * weights.get(letter, 1) for letter, grade in sections.items())
        / total_weight
    )
    overall = grade_for_score(score, policy)
    limited_by: list[str] = []
    for limit in policy.overall.limits:
        if _applies(limit, sections, all_findings):
            capped = policy.worse(overall, limit.at_most)
            if capped != overall:
                limited_by.append(limit.reason)
            overall = capped
    return Grades(overall, sections, score, limited_by)


def _size(plan: Plan, letter: str, units_per_section: dict[str, int]) -> int:
    if letter in ITEM_SECTIONS:
        section = plan.sections.item_section(letter)
        count = len(section.items) if section is not None else 0
    else:
        count = units_per_section.get(letter, 0)
    return max(count, 1) + 1  # the items, and the section as a whole


def _target(finding: Finding) -> str:
    return finding.item or finding.text[:80]


def _section_grade(findings: list[Finding], size: int, policy: GradingPolicy) -> str:
    names = policy.names
    errors = {_target(f) for f in findings if f.severity.value == "error"}
    warnings = {_target(f) for f in findings if f.severity.value in ("error", "warning")}
    if not warnings:
        return names[0]
    if not errors and len(warnings) / size <= policy.section.good_warning_share:
        return names[1]
    if len(errors) / size <= policy.section.ri_error_share:
        return names[2]
    return names[3]


def grade_for_score(score: float, policy: GradingPolicy) -> str:
    """The grade whose threshold an average of points reaches (the overall grade's cut-offs)."""
    for name in policy.names:
        threshold = policy.overall.thresholds.get(name)
        if threshold is not None and score >= threshold:
            return name
    return policy.names[-1]


def _applies(limit: Limit, sections: dict[str, str], findings: list[Finding]) -> bool:
    if limit.sections and limit.grade:
        matches = [sections.get(letter) == limit.grade for letter in limit.sections]
        return all(matches) if limit.every else any(matches)
    if limit.rules:
        return any(
            any(finding.rule.startswith(prefix) for prefix in limit.rules)
            and (limit.severity is None or finding.severity.value == limit.severity)
            for finding in findings
        )
    return False
