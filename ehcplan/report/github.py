"""GitHub Actions workflow annotations: one `::error file=…,line=…::message` line per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[CheckResult], **_options: Any) -> str:
    lines = []
    for result in results:
        for finding in result.findings:
            properties = (
                f"file={_escape_property(result.path)},line={finding.line or 1},col={finding.start + 1}"
            )
            properties += f",title={_escape_property(finding.rule + ' ' + finding.name)}"
            message = _escape_data(f"{finding.message} {finding.suggestion}")
            lines.append(f"::{COMMANDS[finding.severity.value]} {properties}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")
