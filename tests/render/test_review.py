"""A review copy places each finding once: marked in its passage, listed after its item."""

from __future__ import annotations

from testkit import sample_paths

from ehcplan.check.checker import check_plan
from ehcplan.check.text_units import text_units
from ehcplan.model import Plan
from ehcplan.model.findings import Finding, Severity
from ehcplan.readers import read_plan
from ehcplan.render.review import Piece, Review

TEXT = "Support from a TA where appropriate."


def finding(start: int, end: int, text: str = TEXT, section: str = "F", item: str | None = "F1") -> Finding:
    return Finding(
        rule="PROV004",
        name="provision-hedged",
        category="provision",
        severity=Severity.warning,
        section=section,
        item=item,
        text=text,
        start=start,
        end=end,
        message="m",
        suggestion="s",
    )


def plan() -> Plan:
    return Plan.model_validate({"sections": {"F": [TEXT]}})


def test_flagged_words_are_marked_and_followed_by_their_number() -> None:
    review = Review(plan(), [finding(0, 7), finding(18, 35)])
    [paragraph] = review.paragraphs("F", "F1", TEXT)
    assert paragraph == [
        Piece("Support", marked=True),
        Piece(ref=1),
        Piece(" from a TA "),
        Piece("where appropriate", marked=True),
        Piece(ref=2),
        Piece("."),
    ]


def test_overlapping_spans_each_get_a_reference_at_their_end() -> None:
    review = Review(plan(), [finding(15, 35), finding(18, 35), finding(0, 4)])
    pieces = review.paragraphs("F", "F1", TEXT)[0]
    assert [piece.ref for piece in pieces if piece.ref] == [3, 1, 2]
    assert "".join(piece.text for piece in pieces) == TEXT
    assert [piece.text for piece in pieces if piece.marked] == ["Supp", "TA where appropriate"]


def test_a_finding_about_the_whole_passage_is_listed_not_marked() -> None:
    review = Review(plan(), [finding(0, len(TEXT))])
    assert review.paragraphs("F", "F1", TEXT) == [[Piece(TEXT)]]
    assert [flag.number for flag in review.for_item("F", "F1")] == [1]
    assert review.for_item("F", "F1")[0].words == ""


def test_findings_on_a_section_or_the_plan_are_listed_there() -> None:
    on_section = finding(0, 9, text="Section F", item=None)
    on_plan = finding(0, 8, text="The plan", section=None, item=None)
    review = Review(plan(), [on_section, on_plan])
    assert [flag.finding for flag in review.for_section("F")] == [on_section]
    assert [flag.finding for flag in review.for_section(None)] == [on_plan]
    assert review.for_item("F", "F1") == []


def test_line_breaks_start_new_paragraphs_even_inside_a_mark() -> None:
    text = "Leo likes trains.\nHe is six."
    data = Plan.model_validate({"sections": {"A": {"history": text}}})
    review = Review(data, [finding(10, 21, text=text, section="A", item=None)])
    paragraphs = review.paragraphs("A", None, text)
    assert [[piece.text for piece in paragraph if not piece.ref] for paragraph in paragraphs] == [
        ["Leo likes ", "trains."],
        ["He ", "is six."],
    ]
    assert [piece.marked for piece in paragraphs[1] if not piece.ref] == [True, False]
    assert [flag.number for flag in review.for_passage("A", text)] == [1]


def test_no_review_marks_nothing() -> None:
    review = Review(plan())
    assert not review.active
    assert review.paragraphs("F", "F1", TEXT) == [[Piece(TEXT)]]
    assert Review(plan(), []).active


def test_every_finding_on_every_sample_has_one_place() -> None:
    for path in sample_paths():
        data = read_plan(path)
        review = Review(data, check_plan(data, str(path)).findings)
        placed: list[int] = [flag.number for flag in review.for_section(None)]
        for letter in data.sections.present():
            placed += [flag.number for flag in review.for_section(letter)]
        seen_items = set()
        for unit in text_units(data):
            if unit.item_id is None:
                placed += [flag.number for flag in review.for_passage(unit.section, unit.text)]
            elif (unit.section, unit.item_id) not in seen_items:
                seen_items.add((unit.section, unit.item_id))
                placed += [flag.number for flag in review.for_item(unit.section, unit.item_id)]
        assert sorted(placed) == [flag.number for flag in review.flags], path.stem
