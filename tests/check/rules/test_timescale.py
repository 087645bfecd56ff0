from __future__ import annotations

from testkit import full_plan, plan_codes

from ehcplan.check.checker import check_plan
from ehcplan.model import Plan


def test_the_complete_plan_meets_the_timescales() -> None:
    assert plan_codes(full_plan(), "TIME") == []


def test_late_decision_and_final_plan_report_weeks() -> None:
    plan = full_plan(
        details__timeline={
            "request_received": "2026-01-05",
            "decision_to_assess": "2026-03-09",
            "final_issued": "2026-07-20",
        }
    )
    findings = check_plan(Plan.model_validate(plan), select=["TIME001", "TIME002"]).findings
    assert [f.rule for f in findings] == ["TIME001", "TIME002"]
    assert "9.0 weeks" in findings[0].message and "3.0 weeks late" in findings[0].message
    assert "28.0 weeks" in findings[1].message and "8.0 weeks late" in findings[1].message


def test_comment_period() -> None:
    plan = full_plan(details__timeline={"draft_issued": "2026-04-01", "final_issued": "2026-04-10"})
    assert plan_codes(plan, "TIME003") == ["TIME003"]


def test_annual_review_within_12_months_and_under_fives() -> None:
    assert plan_codes(full_plan(details__next_review="2027-09-01"), "TIME004") == ["TIME004"]
    assert plan_codes(full_plan(details__annual_reviews=["2027-05-01", "2028-07-01"]), "TIME004") == [
        "TIME004"
    ]
    young = full_plan(details__child__date_of_birth="2022-09-01", details__child__year_group=None)
    findings = check_plan(Plan.model_validate(young), select=["TIME004"]).findings
    assert [f.severity.value for f in findings] == ["info"]


def test_review_steps() -> None:
    timeline = {
        "review_meeting": "2026-03-02",
        "review_decision": "2026-04-20",
        "amendment_notice": "2026-04-20",
        "amended_issued": "2026-07-30",
    }
    assert plan_codes(full_plan(details__timeline=timeline), "TIME005") == ["TIME005", "TIME005"]


def test_phase_transfer_deadlines() -> None:
    year_6 = full_plan(details__child__year_group=6)
    year_6["details"]["timeline"]["transfer_amended"] = "2027-03-20"
    assert plan_codes(year_6, "TIME006") == ["TIME006"]
    year_6["details"]["timeline"]["transfer_amended"] = "2027-02-10"
    assert plan_codes(year_6, "TIME006") == []
    year_11 = full_plan(details__child__year_group=11, details__child__date_of_birth="2010-03-14")
    year_11["details"]["timeline"]["transfer_amended"] = "2027-03-25"
    assert plan_codes(year_11, "TIME006") == [], "31 March for secondary to post-16"
