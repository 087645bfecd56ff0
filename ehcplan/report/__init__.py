"""Reports: every output format is a view over the same list of check results."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult

FORMATS = ("text", "json", "sarif", "github")


def renderer(name: str) -> Callable[..., str]:
    """The function that renders results in the named format."""
    if name == "json":
        from ehcplan.report.json_report import render_json

        return render_json
    if name == "sarif":
        from ehcplan.report.sarif import render_sarif

        return render_sarif
    if name == "github":
        from ehcplan.report.github import render_github

        return render_github
    from ehcplan.report.text import render_text

    return render_text


def summary_counts(results: list[CheckResult]) -> dict[str, int]:
    """Totals over all results: findings by severity, accepted findings and files."""
    findings = [finding for result in results for finding in result.findings]
    counts = {
        severity: sum(1 for f in findings if f.severity.value == severity)
        for severity in ("error", "warning", "info")
    }
    counts["findings"] = len(findings)
    counts["accepted"] = sum(len(result.accepted) for result in results)
    counts["files"] = len(results)
    return counts
