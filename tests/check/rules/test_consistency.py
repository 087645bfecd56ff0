"""Consistency rules: another child's name, pronouns, age and year group, dates, and schools.

Small plans show that each rule fires on a slip and stays quiet on the wording a good plan uses;
the consistency corpus (tests/consistency_corpus.py) measures recall and false alarms on the
samples with slips planted in them, and the layouts corpus checks the rules keep quiet on real
layouts of good plans.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import consistency_corpus as corpus
import pytest
from layout_corpus import layouts

from ehcplan.check.analysis.consistency import school_year
from ehcplan.check.checker import check_plan
from ehcplan.check.rules.registry import all_rules
from ehcplan.model import Plan
from ehcplan.model.findings import Finding
from ehcplan.readers import read_plan


def plan(sections: dict[str, Any] | None = None, *, pronouns: str | None = "she/her", **details: Any) -> Plan:
    """A small plan for Sofia Byrne, Year 5, born 2017-02-03, issued 2026-10-01."""
    child = {"name": "Sofia Byrne", "date_of_birth": "2017-02-03", "year_group": 5}
    if pronouns:
        child["pronouns"] = pronouns
    child.update(details.pop("child", {}))
    data = {
        "details": {
            "child": child,
            "parents": [{"name": "Niamh Byrne", "relationship": "mother"}],
            "status": "final",
            "issue_date": "2026-10-01",
            "next_review": "2027-09-01",
            **details,
        },
        "sections": sections or {},
    }
    return Plan.model_validate(data)


def findings(built: Plan, code: str) -> list[Finding]:
    return check_plan(built, "sofia.yaml", select=[code]).findings


def excerpts(built: Plan, code: str) -> list[str]:
    return [finding.excerpt for finding in findings(built, code)]


def history(text: str) -> dict[str, Any]:
    return {"A": {"history": text}}


def needs(*texts: str) -> dict[str, Any]:
    return {"B": [{"id": f"B{index}", "text": text} for index, text in enumerate(texts, start=1)]}


# --- CONS001 another person's name ------------------------------------------------------------


def test_another_childs_name_is_found_and_the_message_says_what_to_do() -> None:
    built = plan(needs("Sofia reads well for her age.", "Callum finds it hard to wait for his turn."))
    [finding] = findings(built, "CONS001")
    assert finding.excerpt == "Callum" and finding.item == "B2"
    assert "'Callum' is not the child (Sofia)" in finding.message
    assert "change it to Sofia or remove it" in finding.suggestion


def test_a_name_the_recogniser_misses_is_found_by_what_follows_it() -> None:
    # The small entity recogniser reads some first names as organisations or not at all.
    assert excerpts(plan(needs("Amara takes spoken language literally.")), "CONS001") == ["Amara"]


@pytest.mark.parametrize(
    "text",
    [
        "Sofia lives with her mum and her sister Ellie, who is six.",
        "Sofia's best friends are Ruby and Hana.",
        "Miss Doyle, class teacher, says Sofia works hard.",
        "Sofia talks to her teaching assistant Mrs Kaur every morning.",
        "Sofia has a dog called Biscuit.",
        "Niamh Byrne brings Sofia to school.",
        "Sofia uses Read Write Inc, Zones of Regulation and Lego therapy.",
        "In May Sofia moved house. She loves Minecraft and the Gruffalo.",
        "Sofia goes to Brownies in Sheffield on Tuesdays.",
        'Sofia said: "I like playing with Kai."',
    ],
)
def test_family_friends_professionals_programmes_and_places_are_not_strangers(text: str) -> None:
    assert excerpts(plan(history(text)), "CONS001") == []


def test_people_named_in_the_details_and_fields_are_known() -> None:
    built = plan(
        {
            "F": [
                {
                    "id": "F1",
                    "text": "Priya will see Sofia for 30 minutes every week to practise reading.",
                    "who": {"role": "Priya Shah, specialist teacher"},
                }
            ],
            "K": [{"kind": "psychological", "author": "Dr Tom Hale", "date": "2026-07-01"}],
        }
    )
    assert excerpts(built, "CONS001") == []
    assert excerpts(plan(history("Tom Hale assessed Sofia in July.")), "CONS001") == ["Tom Hale"]


# --- CONS002 pronouns -------------------------------------------------------------------------


def test_the_wrong_pronoun_for_the_child_is_found() -> None:
    built = plan(needs("Sofia reads well. He finds spelling hard, and his handwriting is slow."))
    found = findings(built, "CONS002")
    assert [finding.excerpt for finding in found] == ["He", "his"]
    assert "the plan gives her pronouns as she/her" in found[0].message
    assert "change it to 'she'" in found[0].suggestion and "'her'" in found[1].suggestion


def test_a_pronoun_after_a_parent_goes_back_to_the_child() -> None:
    built = plan(needs("Sofia's mother says he loves drawing."))
    assert excerpts(built, "CONS002") == ["he"]


@pytest.mark.parametrize(
    "text",
    [
        "A speech and language therapist will see Sofia every week. He will train her teacher.",
        "Sofia's teaching assistant will meet her at the gate. He will go through her timetable.",
        "Sofia loves her brother Kai and sees him every week.",
        "Sofia lives with her dad. He drives her to school.",
        "Sofia reads well. She finds spelling hard.",
        'Sofia said: "My friend is kind. He plays with me."',
    ],
)
def test_pronouns_for_other_people_are_left_alone(text: str) -> None:
    assert excerpts(plan(needs(text)), "CONS002") == []


def test_without_pronouns_in_the_details_the_plan_itself_decides() -> None:
    mostly_she = needs(
        "Sofia reads well. She likes stories.",
        "Sofia is kind. She helps others.",
        "Sofia likes maths. She counts to 100.",
        "Sofia tires easily. He needs breaks.",
    )
    assert excerpts(plan(mostly_she, pronouns=None), "CONS002") == ["He"]
    mixed = needs("Sofia reads well. She likes stories.", "Sofia tires easily. He needs breaks.")
    assert excerpts(plan(mixed, pronouns=None), "CONS002") == []


# --- CONS003 age and year group ---------------------------------------------------------------


def test_the_school_year_follows_the_age_on_31_august() -> None:
    assert school_year(dt.date(2017, 2, 3), dt.date(2026, 10, 1)) == 5
    assert school_year(dt.date(2017, 8, 31), dt.date(2026, 10, 1)) == 5
    assert school_year(dt.date(2017, 9, 1), dt.date(2026, 10, 1)) == 4
    assert school_year(dt.date(2022, 5, 1), dt.date(2027, 1, 10)) == 0  # Reception


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sofia is in Year 7.", ["is in Year 7"]),
        ("She is now in Reception.", ["is now in Reception"]),
        ("Sofia is a Year 3 pupil.", ["is a Year 3"]),
        ("Sofia is now twelve.", ["is now twelve"]),
        ("Sofia is 7 years old.", ["is 7 years old"]),
        ("Sofia is in Year 5 and is 9 years old.", []),
        ("Sofia is about 10.", []),
        ("When she was in Year 2, Sofia moved school.", []),
        ("In Reception she cried every morning.", []),
        ("Her brother is in Year 9 and is 14 years old.", []),
        ("Her sister Ellie, who is six, is in Year 1.", []),
        ("Her brothers are twins. They are 14 years old.", []),
        ("Sofia's brother Kai lives with their dad. He is in Year 9.", []),
        ("By the end of Year 6, Sofia will read aloud to her class.", []),
        ("Sofia is now 3 minutes late most days.", []),
    ],
)
def test_a_stated_age_or_year_is_checked_against_the_details(text: str, found: list[str]) -> None:
    assert excerpts(plan(history(text)), "CONS003") == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sofia is seven and loves art.", ["is seven"]),
        ("Sofia is nine and loves art.", []),
        ("Sofia is one of three children in her family.", []),
        ("Sofia is 2 years behind in reading.", []),
    ],
)
def test_a_bare_number_after_the_child_is_read_as_an_age(text: str, found: list[str]) -> None:
    assert excerpts(plan(history(text)), "CONS003") == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("By July 2027, at the end of Year 6, Sofia will read a chapter book.", ["end of Year 6"]),
        ("By July 2027 (end of Year 5), Sofia will read a chapter book.", []),
        ("By the start of Year 7 in September 2028, Sofia will find her way to her form room.", []),
    ],
)
def test_a_school_year_tied_to_a_date_is_checked(text: str, found: list[str]) -> None:
    assert excerpts(plan({"E": [{"id": "E1", "text": text}]}), "CONS003") == found


def test_the_year_is_worked_out_from_the_date_of_birth_when_not_given() -> None:
    built = plan(history("Sofia is in Year 6."), child={"year_group": None})
    [finding] = findings(built, "CONS003")
    assert "Sofia is in Year 5" in finding.message and "born 2017-02-03" in finding.message


# --- CONS004 dates ----------------------------------------------------------------------------


def test_a_review_before_the_issue_date_is_an_error() -> None:
    [finding] = findings(plan(next_review="2025-09-01"), "CONS004")
    assert finding.severity.value == "error"
    assert "before the plan was issued (2026-10-01)" in finding.message


def test_advice_dated_after_the_plan_is_a_warning() -> None:
    advice = [
        {"kind": "educational", "author": "Anna Whitfield", "date": "2026-07-01"},
        {"kind": "medical", "author": "Dr Peter Lund", "date": "2026-11-20"},
    ]
    [finding] = findings(plan({"K": advice}), "CONS004")
    assert finding.severity.value == "warning" and finding.section == "K"
    assert "Dr Peter Lund is dated 2026-11-20, after the plan (2026-10-01)" in finding.message


def test_a_draft_dated_after_the_final_plan_is_found() -> None:
    timeline = {"draft_issued": "2026-10-08", "final_issued": "2026-10-01"}
    [finding] = findings(plan(timeline=timeline), "CONS004")
    assert "draft plan date (2026-10-08) is after the final plan date (2026-10-01)" in finding.message


def test_dates_in_order_are_quiet() -> None:
    advice = [{"kind": "educational", "author": "Anna Whitfield", "date": "2026-09-30"}]
    assert findings(plan({"K": advice}), "CONS004") == []


# --- CONS005 schools --------------------------------------------------------------------------


def provision(text: str, where: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": "F1", "text": text}
    if where:
        item["where"] = where
    return {"F": [item], "I": {"name": "Castlegate Primary Academy", "type": "mainstream primary academy"}}


def test_another_school_in_the_provision_is_found() -> None:
    built = plan(provision("Sofia will have a 20-minute reading session every day at Brookside School."))
    [finding] = findings(built, "CONS005")
    assert finding.excerpt == "Brookside School"
    assert "not the school named in section I (Castlegate Primary Academy)" in finding.message


def test_another_school_as_where_the_help_happens_is_found() -> None:
    built = plan(
        provision("Sofia will have a 20-minute reading session every day.", where="Brookside School")
    )
    [finding] = findings(built, "CONS005")
    assert finding.item == "F1" and "Brookside School" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Sofia will move to Brookside School in September 2027.",
        "Sofia will make four visits to Brookside School in the summer term.",
        "Sofia went to Brookside School until Year 3.",
        "Sofia will read every day at Castlegate Primary Academy.",
        "Sofia will read every day at Castlegate.",
        "Sofia goes to the Eastmoor Virtual School club on Saturdays.",
    ],
)
def test_a_move_a_visit_the_past_or_the_same_school_are_quiet(text: str) -> None:
    assert excerpts(plan(provision(text)), "CONS005") == []


# --- Every rule's own example -----------------------------------------------------------------

EXAMPLE_PLANS = {
    "CONS001": lambda words: plan(needs(*words), child={"name": "Maya Patel"}),
    "CONS002": lambda words: plan(needs(*(line.replace(" (she/her)", "") for line in words))),
    "CONS003": lambda words: plan(
        history(" ".join(words)),
        child={"name": "Leo Fairbairn", "date_of_birth": "2017-01-11", "year_group": 5},
        pronouns="he/him",
        issue_date="2026-09-30",
    ),
    "CONS005": lambda words: plan(
        {"F": [{"id": "F1", "text": words[-1].split(": ", 1)[1]}], "I": {"name": words[0].split(": ", 1)[1]}}
    ),
}


def example_lines(block: str) -> list[str]:
    return [
        line.strip()
        for line in block.strip().splitlines()
        if line.strip() and not line.strip().startswith("(")
    ]


@pytest.mark.parametrize("code", sorted(EXAMPLE_PLANS))
def test_each_rules_example_fires_and_its_fix_does_not(code: str) -> None:
    [rule] = [rule for rule in all_rules() if rule.code == code]
    example, fix = rule.documentation().split("Example", 1)[1].split("Use instead", 1)
    lines = [line.removeprefix("Section B: ") for line in example_lines(example)]
    fixed = [line.removeprefix("Section B: ") for line in example_lines(fix)]
    assert findings(EXAMPLE_PLANS[code](lines), code), f"{code}'s Example does not fire it"
    assert not findings(EXAMPLE_PLANS[code](fixed), code), f"{code}'s Use instead still fires it"


def test_the_dates_example() -> None:
    assert findings(plan(issue_date="2026-09-30", next_review="2025-06-16"), "CONS004")
    assert not findings(plan(issue_date="2026-09-30", next_review="2027-06-16"), "CONS004")


def test_the_rules_are_in_the_consistency_category() -> None:
    codes = {rule.code for rule in all_rules() if rule.category.value == "consistency"}
    assert codes == {"CONS001", "CONS002", "CONS003", "CONS004", "CONS005"}


# --- The corpora ------------------------------------------------------------------------------


def test_the_samples_as_they_are_have_no_consistency_finding() -> None:
    for name, sample in corpus.sample_plans().items():
        assert corpus.consistency_findings(sample, name) == [], name


def test_every_planted_slip_is_found_and_nothing_else() -> None:
    score = corpus.score(corpus.planted_plans())
    assert score.plants >= 40
    assert {kind for kind in score.found_by_kind} == {"name", "pronoun", "year-or-age", "dates", "school"}
    assert score.misses == [], score.misses
    assert score.false_alarms == [], score.false_alarms


def test_the_layouts_corpus_has_no_consistency_finding() -> None:
    found = []
    for path in layouts():
        plan_read = read_plan(path)
        found += [
            f"{path.name}: {f.rule} '{f.excerpt}'" for f in corpus.consistency_findings(plan_read, path.name)
        ]
    assert found == []


# --- The held-out set -------------------------------------------------------------------------


def test_the_held_out_set_is_found_at_the_measured_level() -> None:
    """tests/data/consistency_fresh, written blind: 17 planted slips, three clean plans of traps.
    Measured once before any fix (11 of 17 found, 2 false alarms) and after fixing general ideas
    (17 of 17, none); a regression below the measured level fails here."""
    import consistency_fresh

    score = consistency_fresh.score_fresh()
    assert score.plants == 17
    assert score.found >= 17, score.misses
    assert {kind: found for kind, (found, _planted) in score.found_by_kind.items()} == {
        "other-name": 4,
        "pronoun": 4,
        "age-or-year": 3,
        "dates": 3,
        "school": 3,
    }
    assert sum(score.false_alarms_per_plan.values()) == 0, score.false_alarm_details
    clean = ("c08-ruby-year1.yaml", "c09-tyler-year7.yaml", "c10-noah-nursery.yaml")
    assert all(score.false_alarms_per_plan[name] == 0 for name in clean)


def test_the_second_blind_set_is_found_at_the_measured_level() -> None:
    """tests/data/consistency_fresh2, written blind after the first set was used: 21 slips in seven
    plans, three clean plans of traps (a they/them child with a brother, a planned move to a named
    school, grandparents in Welsh and Polish, teams and stars in the interests). Before: 18 of 21
    found (an age in apposition, two steps of the statutory timeline out of order missed), 10 false
    alarms, 5 of them in the clean plans. The ideas fixed: what the child likes (A's interests) is
    no person; a role or relationship before a comma introduces the name after it; a name the
    writing introduces anywhere is a person a pronoun can speak of; a pronoun with another person
    nearby it could speak of is not plainly a slip; a school the plan says the child is moving to
    is explained wherever it is named; both statutory sequences of dates are read in order."""
    from pathlib import Path

    import consistency_fresh

    score = consistency_fresh.score_fresh(Path(consistency_fresh.FRESH).parent / "consistency_fresh2")
    assert score.plants == 21
    assert score.found == 21, score.misses
    assert sum(score.false_alarms_per_plan.values()) == 0, score.false_alarm_details


# --- The ideas the second blind set taught ----------------------------------------------------


def test_teams_and_stars_the_child_likes_are_no_strangers() -> None:
    sections = {
        "A": {"interests": ["Everton Football Club", "Taylor Swift's music"]},
        **needs("Sofia talks about Everton and Taylor Swift to start a conversation."),
    }
    assert excerpts(plan(sections), "CONS001") == []


@pytest.mark.parametrize(
    "text",
    [
        "The support worker, Gareth Hughes, goes swimming with Sofia.",
        "Her nain, Eirlys, speaks Welsh with her.",
    ],
)
def test_a_name_after_a_role_or_relationship_and_a_comma_is_introduced(text: str) -> None:
    assert excerpts(plan(needs(text)), "CONS001") == []


def test_a_pronoun_another_person_nearby_could_take_is_not_a_slip() -> None:
    built = plan(
        needs(
            "Sofia lives with her older brother Alfie. Alfie, who also found reading hard, tells Sofia that he "
            "felt the same when he was younger.",
            "A therapist will see Sofia every week. In each visit he will train her teaching assistant.",
        )
    )
    assert excerpts(built, "CONS002") == []
    assert excerpts(plan(needs("Sofia finds it hard to read aloud, and he goes quiet.")), "CONS002") == ["he"]


def test_an_age_in_apposition_is_read() -> None:
    assert excerpts(plan(needs("Sofia, aged 12, has severe anxiety.")), "CONS003") == [", aged 12"]


def test_a_school_the_plan_says_the_child_is_moving_to_is_explained_everywhere() -> None:
    sections = provision("Sofia will make four visits to Brookside School before her move in September 2027.")
    sections["A"] = {"history": "Her cousin is in Year 9 at Brookside School."}
    assert excerpts(plan(sections), "CONS005") == []
    sections["F"][0]["text"] = "Sofia went to Brookside School for a taster day in 2025."
    assert excerpts(plan(sections), "CONS005") == ["Brookside School"]


def test_the_steps_of_an_annual_review_are_read_in_order() -> None:
    timeline = {"review_meeting": "2026-06-10", "review_decision": "2026-05-29"}
    [finding] = findings(plan(timeline=timeline), "CONS004")
    assert "annual review meeting date (2026-06-10) is after the decision after the review" in finding.message


def test_the_third_blind_set_in_document_layouts_is_found_at_the_measured_level() -> None:
    """tests/data/consistency_fresh3: eight plans written as a council's Word plan reads saved as
    text or Markdown, 20 slips in six. Before: 11 of 20 found (no school: section I's name was in
    its words, not a name field; no advice date: K read as one line an entry; "Hannah, who is 17")
    and 6 false alarms. After reading a setting's name from the opening of section I's words,
    advice dates from their words, an age in a clause after the name, and A's parts from a
    council's own heading words ("What I enjoy"): 19 of 20 (two review dates before the issue
    date are said by STRUCT008, the reader leaving them out), 5 false alarms left (stars and
    characters in a list of interests the text layout does not mark, a pet with its breed, a
    place)."""
    from pathlib import Path

    import consistency_fresh

    score = consistency_fresh.score_fresh(Path(consistency_fresh.FRESH).parent / "consistency_fresh3")
    assert score.plants == 20
    assert score.found >= 19, score.misses
    assert sum(score.false_alarms_per_plan.values()) <= 5, score.false_alarm_details


def test_a_school_named_only_in_section_is_words_is_the_placement() -> None:
    sections = {
        "F": [
            {"id": "F1", "text": "Sofia will read every day with her teacher at Hollins Park Primary School."}
        ],
        "I": {"statement": "St Aidan's CE Primary School, Church Lane, Eastmere. Mainstream primary school."},
    }
    [finding] = findings(plan(sections), "CONS005")
    assert (
        finding.excerpt == "Hollins Park Primary School" and "St Aidan's CE Primary School" in finding.message
    )


def test_an_advice_date_in_its_words_is_read() -> None:
    advice = [{"kind": "other", "title": "Dr Kavita Rao, educational psychologist - 19/11/2026"}]
    [finding] = findings(plan({"K": advice}), "CONS004")
    assert "2026-11-19, after the plan (2026-10-01)" in finding.message


def test_an_age_in_a_clause_after_the_name_is_read() -> None:
    assert excerpts(plan(needs("Sofia, who is 12, now makes her own decisions.")), "CONS003") == [
        ", who is 12"
    ]
