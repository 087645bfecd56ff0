from __future__ import annotations

import pytest
from testkit import codes_for, findings_for

GOOD = [
    "A speech and language therapist will see Maya 1:1 for 30 minutes every week to teach topic vocabulary.",
    "A teaching assistant trained in Precision Teaching will teach Maya spellings 1:1 for 10 minutes every school day.",
    "Maya will be taught phonics in a group of up to 3 pupils by a qualified teacher for 20 minutes daily.",
    "25 hours a week of 1:1 help from a teaching assistant trained in autism, across all lessons, to break down instructions.",
    "Access arrangements for all exams: a separate room and a reader, set up by the exams officer.",
    "A teaching assistant will go with Maya on two half-day visits to her new school in June.",
    "A mentor will meet Maya 1:1 for 20 minutes each Monday, for a block of 6 weeks, to plan her revision.",
    "Sign-trained adults will teach Maya two new signs 1:1 for 10 minutes every school day.",
    "Work experience one day a week for 8 weeks at a café, with a job coach for the whole day.",
    "A scribe and 25% extra time for all examinations, from a teaching assistant trained by the exams officer.",
]


@pytest.mark.parametrize("text", GOOD)
def test_specific_quantified_provision_raises_no_warning(text: str) -> None:
    assert not [f for f in findings_for("F", text, rules=("PROV",)) if f.severity.value != "info"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A speech and language therapist will teach Maya new vocabulary.", "PROV001"),
        ("A familiar adult will sit with Maya in assembly for 20 minutes every day.", "PROV002"),
        (
            "Maya will have 2 x 30 minute sessions per week of 1:1 support from a teaching assistant.",
            "PROV003",
        ),
        ("Access to speech and language therapy as required.", "PROV004"),
        ("Up to 10 hours of teaching assistant time a week to help Maya with reading.", "PROV004"),
        ("Occupational therapy 3-4 times a week for 20 minutes from an occupational therapist.", "PROV004"),
        (
            "Speech and language therapy, with the number of sessions to be determined by the setting.",
            "PROV004",
        ),
        (
            "Maya would benefit from a daily 10-minute session with her teaching assistant on number bonds.",
            "PROV004",
        ),
        ("A teaching assistant will teach phonics for 20 minutes daily.", "PROV005"),
        ("A speech and language therapist will see Maya 1:1 every week.", "PROV006"),
        # a therapy carried out by vague staff does not say who
        ("Occupational therapy programme carried out twice a day for 10 minutes by staff.", "PROV002"),
        # a funding route is not an activity; nor is the person the help is for
        ("Direct payment for 4 hours a week.", "PROV003"),
        ("A physiotherapist will work with Maya for 30 minutes every week.", "PROV003"),
        ("A mentor will meet Maya for a block of sessions to talk about her week.", "PROV004"),
    ],
)
def test_each_provision_rule_flags_its_problem(text: str, code: str) -> None:
    assert code in codes_for("F", text, rules=("PROV",))


def test_hedge_is_flagged_only_where_the_detail_is_missing() -> None:
    stated = "Pre-teaching in a small group of 4 pupils, led by an HLTA, for 20 minutes twice a week."
    missing = "Pre-teaching in a small group, led by an HLTA, for 20 minutes twice a week."
    assert "PROV004" not in codes_for("F", stated)
    hedges = [f for f in findings_for("F", missing) if f.rule == "PROV004"]
    assert [f.excerpt for f in hedges] == ["small group"]


def test_delegating_to_the_setting_is_an_error() -> None:
    [finding] = [
        f
        for f in findings_for("F", "Speech and language therapy at a level to be determined by the school.")
        if f.rule == "PROV004"
    ]
    assert finding.severity.value == "error"
    assert "C v SENT" in finding.message


def test_structured_fields_count_as_stated() -> None:
    from ehcplan.check.checker import check_plan
    from ehcplan.model import Plan

    item = {
        "text": "Speech and language therapy on past-tense verbs.",
        "how_often": "weekly",
        "how_long": "30 minutes",
    }
    plan = Plan.model_validate({"sections": {"F": [item]}})
    assert "PROV001" not in {f.rule for f in check_plan(plan).findings}


def test_headings_in_section_f_are_not_checked_as_provision() -> None:
    assert codes_for("F", "Communication and interaction:") == set()
