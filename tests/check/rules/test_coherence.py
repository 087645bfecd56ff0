from __future__ import annotations

from testkit import full_plan, plan_codes

from ehcplan.check.checker import check_plan
from ehcplan.model import Plan
from ehcplan.readers.loose import Block, build_plan


def test_the_complete_plan_is_coherent() -> None:
    assert plan_codes(full_plan(), "COH") == []


def test_golden_thread_with_written_links() -> None:
    plan = full_plan()
    plan["sections"]["B"].append({"id": "B2", "text": "Maya finds crowds frightening."})
    plan["sections"]["E"].append("By July 2027, Maya will swim 25 metres.")
    plan["sections"]["F"].append("A swimming instructor will teach Maya 1:1 for 30 minutes weekly.")
    codes = plan_codes(plan, "COH001", "COH002", "COH003", "COH004")
    # The new outcome is linked to nothing: said once (COH002), not once per missing link.
    assert sorted(codes) == ["COH001", "COH002", "COH004"]


def test_an_outcome_with_a_need_but_no_provision_is_reported_as_such() -> None:
    plan = full_plan()
    plan["sections"]["E"].append({"text": "By July 2027, Maya will swim 25 metres.", "needs": ["B1"]})
    assert plan_codes(plan, "COH002", "COH003") == ["COH003"]


def test_loose_documents_infer_links_and_say_when_they_cannot() -> None:
    blocks = [
        Block("Section B"),
        Block("B1. Sam finds reading hard and mixes up letters."),
        Block("B2. Sam finds crowded places frightening."),
        Block("Section F"),
        Block(
            "F1. A teaching assistant will teach Sam reading 1:1 for 20 minutes daily, using letters and sounds."
        ),
    ]
    result = check_plan(build_plan(blocks), "sam.md", select=["COH001"])
    [finding] = result.findings
    assert finding.item == "B2" and finding.severity.value == "info"
    assert "could not establish" in finding.message


def test_help_described_only_in_a_or_b() -> None:
    plan = full_plan()
    plan["sections"]["B"][0]["text"] = "Maya finds reading hard and would benefit from daily 1:1 reading."
    assert plan_codes(plan, "COH005") == ["COH005"]


def test_speech_therapy_only_in_health_provision() -> None:
    plan = full_plan(sections__G=["A speech and language therapist will see Maya for 30 minutes weekly."])
    assert plan_codes(plan, "COH006") == ["COH006"]


def test_outcome_count_and_aspirations() -> None:
    plan = full_plan()
    plan["sections"]["E"] = plan["sections"]["E"][:1]
    plan["sections"]["F"][0]["outcomes"] = ["E1"]
    assert plan_codes(plan, "COH007") == ["COH007"]
    plan = full_plan()
    plan["sections"]["A"] = {
        "history": "Maya loves horses.",
        "child_views": {"text": "I like drawing.", "whose_words": "Maya"},
    }
    assert plan_codes(plan, "COH008") == ["COH008"]


def test_preparing_for_adulthood_from_year_9() -> None:
    plan = full_plan(details__child__year_group=10, details__child__date_of_birth="2011-03-14")
    assert plan_codes(plan, "COH009") == ["COH009"]
    outcomes = [
        ("By July 2028, Maya will do a week of work experience at a vet's.", "employment"),
        ("By July 2028, Maya will travel to college by bus on her own.", "independent living"),
        ("By July 2028, Maya will go to a youth club with a friend every week.", "community inclusion"),
        ("By July 2028, Maya will book her own GP appointments.", "good health"),
    ]
    plan["sections"]["E"] = [{"text": text, "pfa_area": area, "needs": ["B1"]} for text, area in outcomes]
    plan["sections"]["F"][0]["outcomes"] = ["E1", "E2", "E3", "E4"]
    assert plan_codes(plan, "COH009") == []


def test_post_16_plans_name_the_course() -> None:
    plan = full_plan(details__child__year_group=12, details__child__date_of_birth="2009-03-14")
    plan["sections"]["I"] = {"name": "Riverside College", "type": "general further education college"}
    assert plan_codes(plan, "COH010") == ["COH010"]
    plan["sections"]["I"]["type"] = "general further education college, Entry Level 3 study programme"
    assert plan_codes(plan, "COH010") == []


def test_looked_after_child_and_child_in_need() -> None:
    plan = full_plan(details__looked_after=True)
    assert plan_codes(plan, "COH011") == ["COH011"]
    plan["sections"]["A"]["history"] = (
        "Maya's care plan and personal education plan are reviewed together; her designated teacher "
        "attends, and this plan is reviewed at her care plan review."
    )
    assert plan_codes(plan, "COH011") == []
    assert plan_codes(full_plan(details__child_in_need=True), "COH012") == ["COH012", "COH012"]


def test_personal_budget_detail() -> None:
    plan = full_plan(sections__J={"amount": "£2,400 a year", "direct_payments": True})
    assert plan_codes(plan, "COH013") == ["COH013"]
    plan["sections"]["J"].update({"funds": "the phonics teaching in F1", "needs": ["B1"], "outcomes": ["E1"]})
    assert plan_codes(plan, "COH013") == []


def test_a_budget_that_funds_nothing_the_plan_names() -> None:
    budget = {
        "amount": "£1,820 a year",
        "funds": "a weekly riding session",
        "needs": ["B1"],
        "outcomes": ["E1"],
    }
    plan = full_plan(sections__J=budget)
    [finding] = [f for f in check_plan(Plan.model_validate(plan), "p").findings if f.rule == "COH013"]
    assert "'a weekly riding session', which is not provision named in section F, G or H" in finding.message
    # The same words as provision in F: funded provision the plan names.
    plan["sections"]["J"]["funds"] = "a teaching assistant to teach Maya phonics"
    assert plan_codes(plan, "COH013") == []


def test_a_budget_written_as_a_sentence_is_read() -> None:
    blocks = [
        Block("Section J"),
        Block(
            "Theo's parents receive a direct payment of £1,820 a year to employ the personal assistant in H1.1, towards outcome E4."
        ),
    ]
    budget = build_plan(blocks).sections.J
    assert budget.amount == "£1,820 a year" and budget.direct_payments is True
    # E4 is not in this plan, so the link is dropped rather than kept dangling.
    assert budget.funds.startswith("the personal assistant") and budget.outcomes == []
