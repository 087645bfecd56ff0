"""Names out of audit reports: initials in their place, offsets kept, excerpts kept short."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ehcplan.audit.entry import AuditEntry
from ehcplan.audit.redact import Redactor, Span, initials, looks_like_name, redact_entry, replace_spans, trim
from ehcplan.model.findings import Finding, Severity

PEOPLE = [("Thomas James Whitaker", "Tom"), ("Sarah Whitaker",), ("Mrs Priya O'Neill",)]


def test_every_name_and_part_of_it_becomes_the_persons_initials() -> None:
    redactor = Redactor(PEOPLE)
    text = "Tom and his mother Sarah Whitaker met Mrs Priya O'Neill; Thomas James Whitaker agreed."
    assert redactor.text(text) == "TJW and his mother SW met Mrs PO; TJW agreed."


def test_a_surname_shared_by_two_people_goes_to_the_fuller_name_and_words_inside_others_are_left() -> None:
    redactor = Redactor(PEOPLE)
    assert redactor.text("Whitaker") == "TJW"
    assert redactor.text("Tomorrow Sarahs Tomas") == "Tomorrow Sarahs Tomas"


def test_paths_are_redacted_whatever_the_case() -> None:
    redactor = Redactor([("Leo Matthew Fairbairn", "Leo")])
    assert redactor.path("plans/primary-year5-leo.yaml") == "plans/primary-year5-LMF.yaml"
    assert redactor.path("plans/FAIRBAIRN_leo.docx") == "plans/LMF_LMF.docx"
    assert redactor.path("plans/leopard.docx") == "plans/leopard.docx"


def test_the_words_at_fault_keep_their_place_after_names_are_replaced() -> None:
    redactor = Redactor([("Amara Chiamaka Nwosu", "Amara")])
    text = "Amara Nwosu will have access to speech therapy as required, says Amara."
    start = text.index("access to")
    new, new_start, new_end = redactor.span(text, start, start + len("access to"))
    assert new == "ACN will have access to speech therapy as required, says ACN."
    assert new[new_start:new_end] == "access to"


def test_a_name_inside_the_words_at_fault_is_replaced_within_them() -> None:
    redactor = Redactor([("Jade Morgan",)])
    text = "Ask Jade Morgan often"
    new, start, end = redactor.span(text, 4, 15)
    assert new[start:end] == "JM"


@given(
    st.text(alphabet="ab ", max_size=40),
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 5), st.text(alphabet="XY", max_size=6)), max_size=5
    ),
)
def test_offsets_outside_replacements_always_point_at_the_same_words(text: str, raw: list) -> None:
    spans, position = [], 0
    for gap, width, replacement in raw:
        start = position + gap
        if start + width > len(text):
            break
        spans.append(Span(start, start + width, replacement))
        position = start + width
    for start in range(len(text) + 1):
        inside = [s for s in spans if s.start < start < s.end or s.start < start + 1 < s.end]
        if inside or start + 1 > len(text):
            continue
        new, new_start, new_end = replace_spans(text, spans, start, start + 1)
        if not any(s.start <= start < s.end for s in spans):
            assert new[new_start:new_end] == text[start : start + 1]


def test_excerpts_are_cut_to_the_words_at_fault_with_a_little_context() -> None:
    text = ("word " * 40) + "as required " + ("more " * 40)
    start = text.index("as required")
    excerpt, new_start, new_end = trim(text, start, start + len("as required"))
    assert excerpt[new_start:new_end] == "as required"
    assert excerpt.startswith("… ") and excerpt.endswith(" …") and len(excerpt) < 150
    sentence = " ".join(["word"] * 60)
    excerpt, new_start, new_end = trim(sentence, 0, len(sentence))
    assert (
        excerpt.endswith(" …") and len(excerpt) <= 102 and excerpt[new_start:new_end].startswith("word word")
    )
    short = "Access to support."
    assert trim(short, 0, 9) == (short, 0, 9)


def test_initials_and_what_looks_like_a_name() -> None:
    assert initials("Dr Sam Okafor") == "SO"
    assert looks_like_name("Priya Shah") and looks_like_name("Mrs Jones")
    assert not looks_like_name("SALT") and not looks_like_name("speech therapy")


def test_a_report_entry_loses_names_in_its_path_error_and_findings() -> None:
    said = Finding(
        rule="SMART002", name="outcome-not-measurable", category="smart", severity=Severity.warning,
        section="E", item="E1", text="Leo will improve his reading.", start=4, end=16,
        message="Say how Leo's progress will be measured.", suggestion="For example 'Leo will read 40 words'.",
    )  # fmt: skip
    entry = AuditEntry(path="plans/leo.yaml", findings=[said], accepted=[said.accept("Leo asked for it")])
    redact_entry(entry, Redactor([("Leo Fairbairn", "Leo")]))
    finding = entry.findings[0]
    assert entry.path == "plans/LF.yaml"
    assert finding.text == "LF will improve his reading."
    assert finding.excerpt == "will improve"
    assert "Leo" not in finding.message + finding.suggestion
    assert entry.accepted[0].accepted == "LF asked for it"
