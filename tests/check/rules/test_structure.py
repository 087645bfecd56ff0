from __future__ import annotations

from testkit import full_plan, plan_codes


def test_the_complete_plan_has_no_structure_findings() -> None:
    assert plan_codes(full_plan(), "STRUCT") == []


def test_missing_and_blank_sections() -> None:
    assert plan_codes(full_plan(sections__G=None), "STRUCT001") == ["STRUCT001"]
    assert plan_codes(full_plan(sections__G=[]), "STRUCT002") == ["STRUCT002"]
    assert plan_codes(full_plan(sections__K=[]), "STRUCT002") == ["STRUCT002"]


def test_placement_in_draft_and_final() -> None:
    draft = full_plan(details__status="draft")
    assert plan_codes(draft, "STRUCT003") == ["STRUCT003"]
    draft["sections"]["I"] = {}
    assert plan_codes(draft, "STRUCT003", "STRUCT004") == []
    assert plan_codes(full_plan(sections__I={}), "STRUCT004") == ["STRUCT004"]
    assert plan_codes(full_plan(sections__I={"name": "Oakfield Primary"}), "STRUCT004") == ["STRUCT004"]


def test_advice_kinds_and_details() -> None:
    plan = full_plan()
    plan["sections"]["K"] = plan["sections"]["K"][:3]
    assert plan_codes(plan, "STRUCT005") == ["STRUCT005"]
    year_9 = full_plan(details__child__year_group=9)
    assert plan_codes(year_9, "STRUCT005") == ["STRUCT005"], "from Year 9, advice on preparing for adulthood"
    loose = full_plan(
        sections__K=[
            {"kind": "other", "title": title}
            for title in (
                "Views of Maya's parents, March 2026",
                "Advice from her class teacher, 01/03/2026",
                "Community paediatrician's report, 02/03/2026",
                "Educational psychologist's advice, 03/03/2026",
                "Social worker's report, 04/03/2026",
            )
        ]
    )
    assert plan_codes(loose, "STRUCT005", "STRUCT006") == []
    undated = full_plan(sections__K=[{"kind": "family", "author": "Priya Patel"}])
    assert "STRUCT006" in plan_codes(undated, "STRUCT006")


def test_review_date() -> None:
    assert plan_codes(full_plan(details__next_review=None), "STRUCT007") == ["STRUCT007"]
