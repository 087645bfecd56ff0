"""The JSON report, version 1: a stable contract documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ehcplan.report import summary_counts

if TYPE_CHECKING:
    from ehcplan.audit.entry import AuditEntry
    from ehcplan.check.checker import CheckResult
    from ehcplan.check.grades import Grades
    from ehcplan.check.readability_scores import PlanReadability

JSON_VERSION = 1


def file_report(result: CheckResult) -> dict[str, Any]:
    """One file's entry in the JSON report."""
    entry: dict[str, Any] = {
        "path": result.path,
        "sections": result.plan.sections.present(),
        "findings": [finding.to_json() for finding in result.findings],
        "accepted": [finding.to_json() for finding in result.accepted],
    }
    return entry | _measures(result.readability, result.grades)


def audit_entry_report(entry: AuditEntry) -> dict[str, Any]:
    """One file's entry in the audit's JSON report: as ``file_report``, with ``error`` (null when read)."""
    if entry.error is not None:
        return {"path": entry.path, "error": entry.error, "sections": [], "findings": [], "accepted": []}
    return {
        "path": entry.path,
        "sections": entry.sections,
        "findings": [finding.to_json() for finding in entry.findings],
        "accepted": [finding.to_json() for finding in entry.accepted],
        **_measures(entry.readability, entry.grades),
        "error": None,
    }


def _measures(readability: PlanReadability | None, grades: Grades | None) -> dict[str, Any]:
    measures: dict[str, Any] = {}
    if readability is not None:
        measures["readability"] = readability.to_json()
    if grades is not None:
        measures["grades"] = grades.to_json()
    return measures


def json_report(results: list[CheckResult]) -> dict[str, Any]:
    """The whole report as a dictionary."""
    return {
        "version": JSON_VERSION,
        "files": [file_report(result) for result in results],
        "summary": summary_counts(results),
    }


def render_json(results: list[CheckResult], **_options: Any) -> str:
    return json.dumps(json_report(results), indent=2, ensure_ascii=False) + "\n"
