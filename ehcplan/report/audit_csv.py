"""The audit as a spreadsheet: one row for every file given, including those that could not be read."""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from ehcplan.audit.summary import CATEGORIES, SEVERITIES, count_by
from ehcplan.model import ALL_SECTIONS

if TYPE_CHECKING:
    from ehcplan.audit.entry import AuditEntry

# Counts by severity, named so they cannot be taken for the `error` column.
SEVERITY_COLUMNS = {"error": "errors", "warning": "warnings", "info": "notes"}
COLUMNS = (
    "file",
    "error",
    "overall_grade",
    "score",
    *(f"grade_{letter}" for letter in ALL_SECTIONS),
    "findings",
    *SEVERITY_COLUMNS.values(),
    "accepted",
    *CATEGORIES,
    "words",
    "reading_age",
)
# A cell starting with one of these is a formula to a spreadsheet; file names and reasons come
# from outside, so such a cell is prefixed with an apostrophe and shows as typed.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_AFTER_SEPARATOR = re.compile(r"([;,\t|])([=+\-@])")


def audit_row(entry: AuditEntry) -> dict[str, Any]:
    """One file's row."""
    row: dict[str, Any] = {"file": entry.path, "error": entry.error or ""}
    grades, readability = entry.grades, entry.readability
    if entry.error or grades is None or readability is None:
        return row
    row.update(overall_grade=grades.overall, score=round(grades.score, 2))
    row.update({f"grade_{letter}": grades.sections.get(letter, "") for letter in ALL_SECTIONS})
    row["findings"] = len(entry.findings)
    counts = count_by(entry.findings, "severity", SEVERITIES)
    row.update({SEVERITY_COLUMNS[severity]: count for severity, count in counts.items()})
    row["accepted"] = len(entry.accepted)
    row.update(count_by(entry.findings, "category", CATEGORIES))
    plan = readability.plan.to_json()  # rounded as in the JSON report
    row.update(words=plan["words"], reading_age=plan["reading_age"])
    return row


def render_audit_csv(entries: list[AuditEntry]) -> str:
    """The CSV file's text."""
    stream = io.StringIO()
    # Every text cell quoted, so a spreadsheet that splits on ";" still keeps each cell whole.
    writer = csv.DictWriter(
        stream, fieldnames=COLUMNS, restval="", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC
    )
    writer.writeheader()
    for entry in entries:
        writer.writerow({key: _safe(value) for key, value in audit_row(entry).items()})
    return stream.getvalue()


def _safe(value: Any) -> Any:
    """A text cell no spreadsheet can take for a formula, whatever its list separator: where
    ";" separates cells (European locales), "x;=1+1;.yaml" would start a cell with "=", so a
    formula character after any separator is escaped too."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_STARTS):
        value = "'" + value
    return _AFTER_SEPARATOR.sub(lambda match: match.group(1) + "'" + match.group(2), value)
