from __future__ import annotations

from typing import Any

import pytest

from ehcplan.check.checker import check_plan
from ehcplan.model import Plan


def _findings(sections: dict[str, Any], rules: tuple[str, ...] = ("LANG",)) -> list:
    plan = Plan.model_validate({"details": {"child": {"name": "Maya Patel"}}, "sections": sections})
    return check_plan(plan, "maya.yaml", select=list(rules)).findings


def _rule_excerpts(sections: dict[str, Any], code: str) -> list[str]:
    return [f.excerpt for f in _findings(sections, (code,))]


def test_jargon_is_flagged_with_a_plain_alternative() -> None:
    [finding] = _findings({"B": ["Maya needs work to be differentiated in every lesson."]}, ("LANG001",))
    assert finding.excerpt == "differentiated"
    assert finding.suggestion.startswith("Say it plainly")


def test_statutory_terms_and_quoted_words_are_not_jargon() -> None:
    sections = {
        "A": {
            "child_views": {"text": '"I get dysregulated when it is loud," Maya says.', "whose_words": "Maya"}
        },
        "E": ["By July 2027, Maya will read 50 words; her outcomes and provision are in her EHC plan."],
    }
    assert _rule_excerpts(sections, "LANG001") == []


@pytest.mark.parametrize(
    "text",
    [
        "Maya sees a speech and language therapist (SALT) weekly. The SALT sets her targets.",
        "Maya sees a SALT (speech and language therapist) weekly. The SALT sets her targets.",
    ],
)
def test_explained_acronyms_pass_in_both_forms_and_later(text: str) -> None:
    assert _rule_excerpts({"B": [text]}, "LANG002") == []


def test_unexplained_acronym_is_flagged_on_first_use_only() -> None:
    sections = {"B": ["Maya sees the SALT weekly.", "The SALT sets targets."]}
    findings = _findings(sections, ("LANG002",))
    assert [(f.item, f.excerpt) for f in findings] == [("B1", "SALT")]
    assert "speech and language" in findings[0].suggestion.lower()


def test_acronym_explained_later_is_still_flagged_where_first_used() -> None:
    sections = {"B": ["Maya sees the OT weekly.", "An occupational therapist (OT) set her exercises."]}
    assert [f.item for f in _findings(sections, ("LANG002",))] == ["B1"]


def test_ambiguous_acronyms_are_always_flagged() -> None:
    sections = {"C": ["Maya has cerebral palsy (CP).", "Her CP affects her right hand."]}
    assert _rule_excerpts(sections, "LANG003") == ["CP", "CP"]


def test_numbers_ids_headings_and_well_known_abbreviations_are_not_acronyms() -> None:
    sections = {
        "B": ["COMMUNICATION AND INTERACTION NEEDS", "In Year 6 and B2 Maya saw her GP and the NHS nurse."]
    }
    assert _rule_excerpts(sections, "LANG002") == []


def test_words_to_avoid_and_deficit_language() -> None:
    assert "utilise" in _rule_excerpts({"F": ["Maya will utilise a laptop for writing."]}, "LANG004")
    assert _rule_excerpts({"B": ["Maya refuses to write."]}, "LANG005") == ["refuses"]
    assert _rule_excerpts({"A": {"history": "Maya said: 'They think I refuse to work.'"}}, "LANG005") == []


def test_child_should_be_named() -> None:
    assert _rule_excerpts({"F": ["The pupil will use a visual timetable."]}, "LANG006") == ["The pupil"]


def test_impersonal_passive() -> None:
    assert _rule_excerpts(
        {"A": {"history": "It was agreed that Maya would start at 9.30am."}}, "LANG007"
    ) == ["It was agreed"]


def test_child_voice_and_whose_words() -> None:
    assert _findings({"A": {"history": "Maya is a happy girl who likes school."}}, ("LANG008",))
    assert not _findings({"A": {"history": 'Maya told us: "I like drawing horses."'}}, ("LANG008",))
    unattributed = _findings({"A": {"child_views": "I like drawing."}}, ("LANG008",))
    assert "whose words" in unattributed[0].message
    assert not _findings(
        {"A": {"child_views": {"text": "I like drawing.", "whose_words": "Maya"}}}, ("LANG008",)
    )


def test_strengths_are_expected_in_a_or_b() -> None:
    assert _findings({"B": ["Maya cannot read yet."]}, ("LANG009",))
    assert not _findings(
        {"B": [{"text": "Maya cannot read yet.", "strengths": "She knows 20 letter sounds."}]}, ("LANG009",)
    )


def test_clinical_phrasing_is_jargon() -> None:
    clinical = "Maya presents as anxious on Monday mornings."
    assert _rule_excerpts({"B": [clinical]}, "LANG001") == ["presents as"]
    assert _rule_excerpts({"B": ["Maya's narrative skills are growing."]}, "LANG001") == ["narrative skills"]


def test_church_school_designations_are_not_acronyms() -> None:
    schools = "Maya moved from St John's CE Junior School to Holy Cross RC Primary."
    assert _rule_excerpts({"B": [schools]}, "LANG002") == []


def test_a_term_glossed_in_apposition_is_explained() -> None:
    glossed = "Maya has hypotonia, a condition that makes her muscles floppy."
    assert _rule_excerpts({"B": [glossed]}, "LANG001") == []
    assert _rule_excerpts({"B": ["Maya has hypotonia and tires quickly."]}, "LANG001") == ["hypotonia"]
