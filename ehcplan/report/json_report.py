"""The JSON report, version 1: a stable contract documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ehcplan.report import summary_counts

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult

JSON_VERSION = 1


def file_report(result: CheckResult) -> dict[str, Any]:
    """One file's entry in the JSON report."""
    entry: dict[str, Any] = {
        "path": result.path,
        "sections": result.plan.sections.present(),
        "findings": [finding.to_json() for finding in result.findings],
        "accepted": [finding.to_json() for finding in result.accepted],
    }
    entry.update(result.extra)
    return entry


def json_report(results: list[CheckResult]) -> dict[str, Any]:
    """The whole report as a dictionary."""
    return {
        "version": JSON_VERSION,
        "files": [file_report(result) for result in results],
        "summary": summary_counts(results),
    }


def render_json(results: list[CheckResult], **_options: Any) -> str:
    return json.dumps(json_report(results), indent=2, ensure_ascii=False) + "\n"
