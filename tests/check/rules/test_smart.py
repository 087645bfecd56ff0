from __future__ import annotations

import pytest
from testkit import codes_for, findings_for

GOOD = [
    "By the end of Key Stage 2, Maya will read 50 common words without adult help.",
    "Within 12 months, Maya will walk from her classroom to the hall with her frame on 4 days out of 5.",
    "To be able to make a hot drink on her own by the time she leaves school, needing help only with the kettle.",
    "By July 2027 Maya should ask a friend to play at least twice each lunchtime.",
    # help the child will do without is a measure of independence, not provision
    "By the end of Year 3, Maya will hang up her coat on arrival without being reminded.",
    # terse notes drop "by" and "of"; a label before a colon is not the outcome's subject
    "end Y4 - Maya to read 30 common words aloud with no errors",
    "Teacher's target (June 2026): Maya to spell 20 topic words correctly by July 2027.",
]


@pytest.mark.parametrize("text", GOOD)
def test_smart_outcomes_raise_no_warning(text: str) -> None:
    assert not [f for f in findings_for("E", text, rules=("SMART",)) if f.severity.value != "info"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Maya will read 50 common words without adult help.", "SMART001"),
        ("By July 2027, Maya will improve her reading.", "SMART002"),
        ("By the end of Year 5, Maya will be more confident.", "SMART002"),
        ("By the end of Year 5, Maya will make good progress in maths.", "SMART002"),
        ("By the end of Year 5, Maya will receive three sessions of speech therapy a week.", "SMART004"),
        ("By July 2027, Maya will be supported to develop her turn-taking.", "SMART004"),
        ("By July 2027, the teaching assistant will use visual prompts with Maya.", "SMART004"),
        ("Short breaks at a residential unit.", "SMART004"),
        ("Maya's dream is to become a vet.", "SMART005"),
        ("By the end of Year 2, Maya will dress herself for PE.", "SMART003"),
        # taking part in an activity describes what happens to her (JUDGEMENT.md), and a hope is an aspiration
        ("By July 2027, Maya will join a lunchtime chess club.", "SMART004"),
        ("By July 2027, Maya will participate in the school's drama club.", "SMART004"),
        ("By July 2027, Maya will attend speech and language therapy sessions every week.", "SMART004"),
        ("By Easter, Maya will be assessed by the occupational therapist.", "SMART004"),
        ("Within six months, Maya will have her medication reviewed by the paediatrician.", "SMART004"),
        # a change said only by a comparative, with nothing to measure it
        ("By the end of the year, Maya's fine motor skills will be stronger.", "SMART002"),
        ("By July 2027, Maya will have neater handwriting.", "SMART002"),
        ("With weekly counselling, by July 2027 Maya will feel better about herself.", "SMART002"),
        ("It is hoped that Maya will read 30 common words by July 2027.", "SMART005"),
    ],
)
def test_each_smart_rule_flags_its_problem(text: str, code: str) -> None:
    assert code in codes_for("E", text, rules=("SMART",))


def test_time_anchor_rule_spans_the_whole_outcome_and_names_the_child() -> None:
    [finding] = findings_for("E", "Maya will read 50 words accurately.", rules=("SMART001",))
    assert (finding.start, finding.end) == (0, len(finding.text))
    assert "Maya" in finding.message
    assert finding.section == "E" and finding.item == "E1"


def test_vague_aim_points_at_the_vague_word() -> None:
    [finding] = findings_for("E", "By July 2027, Maya will improve her reading.", rules=("SMART002",))
    assert finding.excerpt == "improve"


def test_a_measure_pins_down_a_vague_verb() -> None:
    text = "By July 2027, Maya will improve her spelling score from 6 to at least 14 out of 20."
    assert "SMART002" not in codes_for("E", text)


def test_year_numbers_are_not_measures() -> None:
    assert "SMART003" in codes_for("E", "By the end of Year 6, Maya will swim in the local pool.")


def test_structured_timescale_anchors_an_outcome() -> None:
    from ehcplan.check.checker import check_plan
    from ehcplan.model import Plan

    plan = Plan.model_validate(
        {"sections": {"E": [{"text": "Maya will read 50 words without help.", "timescale": "end of Year 4"}]}}
    )
    assert "SMART001" not in {f.rule for f in check_plan(plan).findings}


def test_taking_part_passes_with_a_measure_of_what_the_child_does() -> None:
    text = "By July 2027, Maya will take part in a chess club, making at least five moves without a prompt."
    assert not {"SMART002", "SMART004"} & codes_for("E", text, rules=("SMART",))


@pytest.mark.parametrize(
    "text",
    [
        # the child does something of her own in the same sentence
        "By age 18, Maya will go to her hospital appointments with her PA and answer the doctor's questions herself.",
        "By the end of Year 10, Maya will use her communication device to give a two-minute answer once a week.",
        "By July 2027, Maya will complete 18 hours a week at her work placement.",
        "By the end of Year 9, Maya will read 20 words a minute faster than she does now, from 40 to 60.",
    ],
)
def test_what_the_child_does_is_not_provision(text: str) -> None:
    assert not {"SMART002", "SMART004"} & codes_for("E", text, rules=("SMART",))


def test_the_whole_of_an_activity_is_a_duration() -> None:
    text = "By July 2027, Maya will stay at her table for the whole of a group story."
    assert "SMART003" not in codes_for("E", text, rules=("SMART",))
