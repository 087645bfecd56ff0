"""Details read from their labels; a value that cannot be right is left empty and reported."""

from __future__ import annotations

from pathlib import Path

from ehcplan.check.checker import check_plan
from ehcplan.readers import read_plan

HEAD = "# EHC plan\n\n{lines}\n\n## Section B: Special educational needs\n\nB1. Sam finds reading hard.\n"


def read(tmp_path: Path, *lines: str):
    path = tmp_path / "plan.md"
    path.write_text(HEAD.format(lines="\n".join(lines)), encoding="utf-8")
    return read_plan(path)


def test_impossible_details_are_left_out_and_reported(tmp_path: Path) -> None:
    plan = read(
        tmp_path,
        "Name: Click or tap here to enter text.",
        "Date of birth: 12 May 2027",
        "Date issued: 3 March 2026",
        "Next review: 1 January 2026",
    )
    assert plan.details.child.name is None
    assert plan.details.child.date_of_birth is None
    assert plan.details.next_review is None
    assert plan.details.issue_date.isoformat() == "2026-03-03"
    messages = [f.message for f in check_plan(plan, "plan.md", select=["STRUCT008"]).findings]
    assert messages == [
        "The date of birth '12 May 2027' is not before the plan's date, so ehcplan left it out.",
        "The child's name 'Click or tap here to enter text.' is the form's own words, not a name, so ehcplan left it out.",
        "The next review date '1 January 2026' is not after the plan's date, so ehcplan left it out.",
    ]


def test_labels_as_councils_write_them(tmp_path: Path) -> None:
    plan = read(
        tmp_path,
        "- **Name:** Sam Lee",
        "Parents: Ann Lee | Annual review due by: 8 January 2027",
        "Final plan issued 30 March 2026.",
        "Date of birth: 4 May 2016",
    )
    assert plan.details.child.name == "Sam Lee"
    assert plan.details.next_review.isoformat() == "2027-01-08"
    assert plan.details.issue_date.isoformat() == "2026-03-30"
    assert plan.details.child.date_of_birth.isoformat() == "2016-05-04"
    assert not check_plan(plan, "plan.md", select=["STRUCT008"]).findings
