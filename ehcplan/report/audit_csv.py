"""The audit as a spreadsheet: one row for every file given, including those that could not be read."""

from __future__ import annotations

import csv
import io
from typing import Any

from ehcplan.audit.summary import CATEGORIES, SEVERITIES, count_by
from ehcplan.model import ALL_SECTIONS

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


def audit_row(entry: dict[str, Any]) -> dict[str, Any]:
    """One file's row."""
    row: dict[str, Any] = {"file": entry["path"], "error": entry.get("error") or ""}
    if entry.get("error"):
        return row
    grades = entry["grades"]
    row.update(overall_grade=grades["overall"], score=grades["score"])
    row.update({f"grade_{letter}": grades["sections"].get(letter, "") for letter in ALL_SECTIONS})
    row["findings"] = len(entry["findings"])
    counts = count_by(entry["findings"], "severity", SEVERITIES)
    row.update({SEVERITY_COLUMNS[severity]: count for severity, count in counts.items()})
    row["accepted"] = len(entry["accepted"])
    row.update(count_by(entry["findings"], "category", CATEGORIES))
    plan = entry["readability"]["plan"]
    row.update(words=plan["words"], reading_age=plan["reading_age"])
    return row


def render_audit_csv(entries: list[dict[str, Any]]) -> str:
    """The CSV file's text."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({key: _safe(value) for key, value in audit_row(entry).items()})
    return stream.getvalue()


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
