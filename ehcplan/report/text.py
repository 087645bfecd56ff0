"""The default report: `path:line:col: CODE message`, then the suggestion, then a summary line."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ehcplan.counting import counted, severity_counts
from ehcplan.errors import printable
from ehcplan.report import summary_counts

if TYPE_CHECKING:
    from ehcplan.check.checker import CheckResult
    from ehcplan.model.findings import Finding

COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _where(result: CheckResult, finding: Finding) -> str:
    if finding.line is None and finding.location:
        # Word and PDF have no lines: the location in words follows the message.
        return printable(result.path)
    line = finding.line or 1
    column = _column(finding)
    return f"{printable(result.path)}:{line}:{column}"


def _column(finding: Finding) -> int:
    # Offsets are into the item's text; on its first line they are also the column.
    first_line = finding.text.split("\n", 1)[0]
    return finding.start + 1 if finding.start <= len(first_line) else 1


def render_text(
    results: list[CheckResult],
    *,
    colour: bool = False,
    statistics: bool = False,
    grades: bool = False,
    **_: object,
) -> str:
    """Findings one per line with the fix beneath, or (statistics) a count per rule; grades if asked."""
    if statistics:
        return _statistics(results)
    lines: list[str] = []
    for result in results:
        if grades and result.grades is not None:
            lines.append(_grades_line(result))
        for finding in result.findings:
            where = _where(result, finding)
            place = f" [{finding.section or 'plan'}{' ' + finding.item if finding.item else ''}"
            place += (
                f", {finding.location}]"
                if finding.location and not finding.location.startswith("line")
                else "]"
            )
            head = f"{where}: {finding.rule} {finding.message}{place}"
            if colour:
                head = f"[dim]{where}:[/dim] [{COLOURS[finding.severity.value]}]{finding.rule}[/] {_escape(finding.message)}{_escape(place)}"
            lines.append(head)
            lines.append(
                f"    {'[green]' if colour else ''}→ {_escape(finding.suggestion) if colour else finding.suggestion}{'[/green]' if colour else ''}"
            )
    lines.append(_summary(results))
    return "\n".join(lines) + "\n"


def _grades_line(result: CheckResult) -> str:
    graded = result.grades
    assert graded is not None  # only asked for a result that has grades
    sections = ", ".join(f"{letter} {grade}" for letter, grade in graded.sections.items())
    limited = f" (limited because {'; '.join(graded.limited_by)})" if graded.limited_by else ""
    return f"{printable(result.path)}: overall {graded.overall}{limited}. Sections: {sections}."


def _summary(results: list[CheckResult]) -> str:
    counts = summary_counts(results)
    files = counted(counts["files"], "file")
    if not counts["findings"] and not counts["accepted"]:
        return f"No problems found in {files}."
    parts = severity_counts(counts)
    accepted = f"; {counts['accepted']} accepted on purpose" if counts["accepted"] else ""
    return f"Found {counted(counts['findings'], 'problem')} in {files} ({parts}){accepted}."


def _statistics(results: list[CheckResult]) -> str:
    counts: Counter[tuple[str, str, str]] = Counter()
    for result in results:
        for finding in result.findings:
            counts[(finding.rule, finding.name, finding.severity.value)] += 1
    width = max((len(str(count)) for count in counts.values()), default=1)
    lines = [
        f"{count:>{width}}  {code}  {name} ({severity})"
        for (code, name, severity), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    lines.append(_summary(results))
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
