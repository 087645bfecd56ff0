from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from ehcplan.model import AreaOfNeed, Plan, PlanStatus


def test_minimal_plan_is_valid_and_items_get_ids(minimal_plan_data: dict[str, Any]) -> None:
    plan = Plan.model_validate(minimal_plan_data)
    assert plan.sections.E.items[0].id == "E1"
    assert plan.sections.B.items[0].area is AreaOfNeed.communication_interaction
    assert plan.sections.C.statement.startswith("Maya has no health needs")
    assert plan.details.child.year_group == 5
    assert plan.details.status is PlanStatus.final
    assert plan.sections.present() == ["A", "B", "C", "E", "F"]
    assert plan.age() == 10


def test_bare_sentences_become_items_numbered_around_given_ids() -> None:
    plan = Plan.model_validate(
        {"sections": {"F": ["First help.", {"id": "F1", "text": "Given id."}, "Third help."]}}
    )
    assert [item.id for item in plan.sections.F.items] == ["F2", "F1", "F3"]


def test_h_sections_number_with_a_dot() -> None:
    plan = Plan.model_validate({"sections": {"H1": ["A short break of six hours a month."]}})
    assert plan.sections.H1.items[0].id == "H1.1"


def _with(data: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["sections", "F", 0, "outcomes"], ["E7"], "no item has that id"),
        (["sections", "F", 0, "needs"], ["E1"], "not in section B or C or D"),
        (["sections", "E", 0, "id"], "F9", "should start with E"),
        (["sections", "F", 0, "id"], "B1", "should start with F"),
        (["details", "child", "date_of_birth"], "1990-01-01", "EHC plans cover ages 0 to 25"),
        (["details", "child", "date_of_birth"], "2030-01-01", "after the plan's date"),
        (["details", "child", "date_of_birth"], "2016-02-30", "date"),
        (["details", "status"], "finished", "final"),
        (["details", "child", "year_group"], 15, "less than or equal to 14"),
        (["sections", "E", 0, "text"], "", "at least 1 character"),
        (["sections", "F", 0, "how_oftn"], "weekly", "Extra inputs are not permitted"),
    ],
)
def test_invalid_plans_are_refused(
    minimal_plan_data: dict[str, Any], path: list[Any], value: Any, expected: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Plan.model_validate(_with(minimal_plan_data, path, value))
    assert expected in str(caught.value)


def test_duplicate_ids_are_refused(minimal_plan_data: dict[str, Any]) -> None:
    data = copy.deepcopy(minimal_plan_data)
    data["sections"]["B"].append({"id": "B1", "text": "Another need."})
    with pytest.raises(ValidationError, match="used twice"):
        Plan.model_validate(data)


def test_blank_section_is_told_apart_from_not_applicable() -> None:
    plan = Plan.model_validate({"sections": {"G": [], "H1": "Not applicable."}})
    assert plan.sections.G.is_blank
    assert not plan.sections.H1.is_blank


@pytest.mark.parametrize(
    ("spelling", "area"),
    [
        ("SEMH", AreaOfNeed.semh),
        ("Social, Emotional and Mental Health", AreaOfNeed.semh),
        ("cognition & learning", AreaOfNeed.cognition_learning),
        ("Sensory and physical", AreaOfNeed.sensory_physical),
    ],
)
def test_areas_of_need_accept_common_spellings(spelling: str, area: AreaOfNeed) -> None:
    plan = Plan.model_validate({"sections": {"B": [{"text": "A need.", "area": spelling}]}})
    assert plan.sections.B.items[0].area is area


@pytest.mark.parametrize(("written", "year"), [("Reception", 0), ("Y9", 9), ("year 12", 12), (3, 3)])
def test_year_group_words(written: Any, year: int) -> None:
    plan = Plan.model_validate({"details": {"child": {"year_group": written}}})
    assert plan.details.child.year_group == year
