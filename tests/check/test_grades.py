from __future__ import annotations

import pytest
from testkit import full_plan, sample_paths

from ehcplan.check.checker import check_plan
from ehcplan.model import Plan
from ehcplan.model.findings import Category
from ehcplan.readers import read_plan

GOOD_ENOUGH = {"Outstanding", "Good"}


def test_the_weak_sample_fails_in_every_category_and_grades_below_good() -> None:
    [path] = [p for p in sample_paths() if "weak" in p.stem]
    result = check_plan(read_plan(path), str(path))
    # The weak plan is weak but written for its own child: nothing in it contradicts itself, so it
    # has no consistency finding (tests/check/rules/test_consistency.py keeps every sample clean).
    wanted = {category.value for category in Category} - {Category.consistency.value}
    assert {f.category for f in result.findings} == wanted
    assert result.grades.overall not in GOOD_ENOUGH


@pytest.mark.parametrize("path", [p for p in sample_paths() if "weak" not in p.stem], ids=lambda p: p.stem)
def test_good_samples_grade_good_or_better(path) -> None:
    result = check_plan(read_plan(path), str(path))
    assert result.grades.overall in GOOD_ENOUGH
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_grades_follow_the_policy() -> None:
    clean = check_plan(Plan.model_validate(full_plan()), select=["SMART", "PROV", "STRUCT", "COH", "TIME"])
    assert clean.grades.overall == "Outstanding"
    plan = full_plan()
    plan["sections"]["F"][0]["text"] = "Access to phonics as appropriate."
    graded = check_plan(Plan.model_validate(plan), select=["PROV"]).grades.to_json()
    assert graded["sections"]["F"] == "Inadequate"
    assert graded["overall"] == "Requires improvement"
    assert graded["limited_by"] == ["outcomes, provision or needs are inadequate"]


def test_every_finding_has_a_rag_rating() -> None:
    plan = Plan.model_validate(full_plan(sections__G=None))
    finding = check_plan(plan, select=["STRUCT001"]).findings[0].to_json()
    assert finding["rag"] == "red"


def test_a_local_policy_file_changes_the_grades(tmp_path, capsys) -> None:
    from ehcplan.cli import main

    policy = tmp_path / "grading.yaml"
    text = (REPO_POLICY.read_text()).replace("good_warning_share: 0.25", "good_warning_share: 0.0")
    policy.write_text(text)
    (tmp_path / ".ehcplan.toml").write_text('grading = "grading.yaml"\n')
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text("sections:\n  B:\n    - Maya finds it hard to read.\n")
    main(["check", str(plan_file), "--format", "json"])
    assert '"overall"' in capsys.readouterr().out
    (tmp_path / "grading.yaml").write_text("grades: []\nsection: {}\n")
    assert main(["check", str(plan_file)]) == 2


from testkit import REPO  # noqa: E402

REPO_POLICY = REPO / "policy" / "grading.yaml"
