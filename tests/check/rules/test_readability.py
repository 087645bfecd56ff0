from __future__ import annotations

import json

from ehcplan.check.checker import check_plan
from ehcplan.check.readability_scores import measure, sentences, syllables
from ehcplan.cli import main
from ehcplan.model import Plan

FIFTY_WORDS = " ".join(["Maya"] + ["will"] * 48 + ["read."])


def _findings(sections: dict, code: str) -> list:
    plan = Plan.model_validate({"sections": sections})
    return check_plan(plan, "maya.yaml", select=[code]).findings


def test_a_50_word_sentence_is_flagged_and_a_short_one_is_not() -> None:
    [finding] = _findings({"B": [FIFTY_WORDS, "Maya likes horses."]}, "READ001")
    assert finding.item == "B1"
    assert "50 words" in finding.message
    assert (finding.start, finding.end) == (0, len(FIFTY_WORDS))


def test_quoted_words_do_not_count_against_the_writer() -> None:
    quote = '"' + " ".join(["really"] * 40) + '"'
    assert _findings({"A": {"history": f"Maya said {quote} and smiled."}}, "READ001") == []


def test_list_items_are_sentences_of_their_own() -> None:
    items = ["A teaching assistant will read with Maya daily"] * 10
    measured = measure(items)
    assert measured.sentences == 10 and measured.long_sentences == 0


def test_sentence_splitting_and_syllables() -> None:
    text = "Maya reads well. She likes e.g. horses! Does she? Yes."
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "Maya reads well.",
        "She likes e.g. horses!",
        "Does she?",
        "Yes.",
    ]
    assert syllables("communication") == 5 and syllables("cat") == 1


def test_hard_to_read_family_section() -> None:
    hard = (
        "Consequently, multidisciplinary professionals collaboratively established individualised "
        "therapeutic interventions, notwithstanding considerable organisational difficulties. "
    ) * 3
    findings = _findings({"A": {"history": hard}}, "READ002")
    assert findings and "reading age" in findings[0].message
    easy = "Maya likes horses. She draws them every day. She wants a pony. " * 3
    assert _findings({"A": {"history": easy}}, "READ002") == []


def test_json_report_carries_readability(write_file, capsys) -> None:
    path = write_file(
        "maya.yaml", "sections:\n  A:\n    history: Maya likes horses. She draws them every day.\n"
    )
    main(["check", str(path), "--format", "json"])
    block = json.loads(capsys.readouterr().out)["files"][0]["readability"]
    assert set(block) == {"plan", "sections"}
    for key in (
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "reading_age",
        "words",
        "sentences",
        "long_sentences",
    ):
        assert key in block["plan"] and key in block["sections"]["A"]
    assert block["plan"]["words"] == 8 and block["plan"]["sentences"] == 2
