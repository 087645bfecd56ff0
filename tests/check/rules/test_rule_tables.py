"""The rule tables, policy/timescales.yaml and policy/golden_thread.yaml: each row is a registered
rule documented as one written as code, a bad row is refused with the file and the row named, and
a row changed in a copy of the table changes what its rule finds."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from testkit import full_plan

from ehcplan.check.checker import CheckContext
from ehcplan.check.rules.coherence import GoldenThreadRule, load_golden_thread
from ehcplan.check.rules.registry import get_rule
from ehcplan.check.rules.tables import TableRule
from ehcplan.check.rules.timescale import DeadlineRule, load_timescales
from ehcplan.commands import rules as rules_command
from ehcplan.errors import EhcplanError
from ehcplan.model import Plan
from ehcplan.model.findings import Finding
from ehcplan.paths import data_dir

HEADINGS = ["What it does", "Why is this bad?", "Severity", "Example", "Use instead"]


def copy_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of a built-in table with one change; ``old`` must occur once, so the change is the one meant."""
    text = (data_dir("policy") / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def findings(table: Any, base: type[TableRule], code: str, plan: dict) -> list[Finding]:
    """What the rule of one row of ``table`` finds on ``plan``, without registering it."""
    [rule] = [rule for rule in table.rule_classes(base) if rule.code == code]
    return list(rule().check(CheckContext(Plan.model_validate(plan))))


T, G = "timescales.yaml", "golden_thread.yaml"
# (table, text in it, what it becomes, the row the error must name, what the error must say)
BAD_ROWS = [
    pytest.param(T, "unit: days", "unit: fortnights", "row 3 (TIME003)", "'weeks' or 'days'", id="unit"),
    pytest.param(
        T, "end: final_issued\n", "end: final_isued\n", "row 2 (TIME002)", "'final_isued' is not", id="field"
    ),
    # A limit changed without the documentation: `ehcplan rules` would describe the old one.
    pytest.param(T, "at_most: 20\n", "at_most: 21\n", "row 2 (TIME002)", "'21 weeks'", id="docs-limit"),
    pytest.param(
        T, "at least {limit}.", "at least {least}.", "row 3 (TIME003)", "fill ('least')", id="placeholder"
    ),
    pytest.param(
        T, "code: TIME002", "code: TIME001", "row 2 (TIME001)", "already used by row 1", id="same-code"
    ),
    pytest.param(G, "to: [H1, H2]}", "to: [H3]}", "row 1 (COH001)", "'H3' is not a section", id="section"),
    pytest.param(
        G, "section {to}.", "section {where}.", "row 1 (COH001)", "fill ('where')", id="link-placeholder"
    ),
    pytest.param(
        G, "code: COH002\n", "code: COH002\n    colour: red\n", "row 2 (COH002)", "colour", id="extra-key"
    ),
    pytest.param(
        G,
        "outcome-without-provision\n    severity: warning",
        "outcome-without-provision\n    severity: amber",
        "row 3 (COH003)",
        "'error', 'warning' or 'info'",
        id="severity",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "row", "problem"), BAD_ROWS)
def test_a_bad_row_is_refused_in_one_line_naming_the_file_and_the_row(
    tmp_path: Path, name: str, old: str, new: str, row: str, problem: str
) -> None:
    path = copy_with(tmp_path, name, old, new)
    load: Callable[[Path], Any] = load_timescales if name == T else load_golden_thread
    with pytest.raises(EhcplanError) as refused:
        load(path)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {row}: ")
    assert problem in message


def test_the_limits_of_the_rules_written_as_code_are_checked_too(tmp_path: Path) -> None:
    path = copy_with(tmp_path, "timescales.yaml", "month: March", "month: Mar")
    with pytest.raises(EhcplanError, match=r"phase_transfer\.2: the month 'Mar' should be written in full"):
        load_timescales(path)


def test_a_file_that_is_not_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    path = copy_with(tmp_path, "golden_thread.yaml", "rules:\n", "rules: [\n")
    with pytest.raises(EhcplanError, match=r"cannot read this rule table: .*\(line \d+\)$"):
        load_golden_thread(path)


@pytest.mark.parametrize(
    ("load", "codes"),
    [
        (load_timescales, ["TIME001", "TIME002", "TIME003", "TIME005"]),
        (load_golden_thread, ["COH001", "COH002", "COH003", "COH004"]),
    ],
    ids=["timescales", "golden_thread"],
)
def test_every_row_is_a_registered_rule_documented_like_one_written_as_code(
    load: Callable[[], Any], codes: list[str]
) -> None:
    table = load()
    assert [row.code for row in table.rules] == codes
    for row in table.rules:
        rule = get_rule(row.code)
        assert rule is not None and rule is get_rule(row.name)
        assert (rule.name, rule.severity, rule.row) == (row.name, row.severity, row)
        doc = rule.documentation()
        assert [line for line in doc.splitlines() if line in HEADINGS] == HEADINGS
        assert doc.startswith(f"What it does\n{row.docs.what_it_does}\n\nWhy is this bad?\n")
        # Examples are plan wording, indented as in the docstrings of rules written as code.
        assert f"\n\nExample\n    {row.docs.example}\n\nUse instead\n    {row.docs.use_instead}" in doc


def test_ehcplan_rules_prints_a_tabled_rule_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    assert rules_command.run(argparse.Namespace(code="TIME001")) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(
        "TIME001 decision-to-assess-late (timescale, error)\n\nWhat it does\nFlags a decision"
    )
    assert "\nUse instead\n    A decision by 2026-02-16 (6 weeks).\n" in printed


def test_registering_a_row_twice_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "timescales.yaml"
    path.write_text((data_dir("policy") / "timescales.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    table = load_timescales(path)
    with pytest.raises(EhcplanError, match=r"timescales\.yaml: row 1 \(TIME001\): rule TIME001 .* clashes"):
        table.register(DeadlineRule)


def seven_weeks_to_decide() -> dict:
    return full_plan(details__timeline={"request_received": "2026-01-05", "decision_to_assess": "2026-02-23"})


def test_a_deadline_changed_in_a_copy_changes_the_finding(tmp_path: Path) -> None:
    [built_in] = findings(load_timescales(), DeadlineRule, "TIME001", seven_weeks_to_decide())
    assert "the limit is 6 weeks, so it was 1.0 weeks late" in built_in.message

    def with_limit(weeks: int) -> Any:
        path = copy_with(tmp_path, "timescales.yaml", "at_most: 6\n", f"at_most: {weeks}\n")
        path.write_text(path.read_text().replace("more than 6 weeks", f"more than {weeks} weeks"))
        return load_timescales(path)

    assert findings(with_limit(8), DeadlineRule, "TIME001", seven_weeks_to_decide()) == []
    [stricter] = findings(with_limit(4), DeadlineRule, "TIME001", seven_weeks_to_decide())
    assert "the limit is 4 weeks, so it was 3.0 weeks late" in stricter.message


def test_a_minimum_changed_in_a_copy_changes_the_finding_and_its_suggestion(tmp_path: Path) -> None:
    plan = full_plan(details__timeline={"draft_issued": "2026-04-01", "comments_deadline": "2026-04-13"})
    [built_in] = findings(load_timescales(), DeadlineRule, "TIME003", plan)
    assert built_in.suggestion.startswith("Give at least 15 days")
    path = copy_with(tmp_path, "timescales.yaml", "at_least: 15", "at_least: 10")
    path.write_text(path.read_text().replace("less than 15 days", "less than 10 days"))
    assert findings(load_timescales(path), DeadlineRule, "TIME003", plan) == []


def test_a_link_changed_in_a_copy_changes_the_finding(tmp_path: Path) -> None:
    plan = full_plan()  # B1 is met by provision in F
    assert findings(load_golden_thread(), GoldenThreadRule, "COH001", plan) == []
    path = copy_with(tmp_path, "golden_thread.yaml", "{from: [B], to: [F]}", "{from: [B], to: [G]}")
    [finding] = findings(load_golden_thread(path), GoldenThreadRule, "COH001", plan)
    assert (finding.item, finding.message) == ("B1", "This need has no provision in section G.")
