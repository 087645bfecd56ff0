from __future__ import annotations

import pytest

from ehcplan.readers import read_plan
from ehcplan.readers.loose import section_of_heading

PLAN = """\
# Education, Health and Care Plan for Sam

Section A: About me
Sam loves trains and drawing.

SECTION B – SPECIAL EDUCATIONAL NEEDS
B1. Sam finds it hard to follow spoken instructions
    with more than two key words.
B2. Sam finds handwriting tiring.

E. Outcomes
1. By the end of Year 4, Sam will follow a three-step instruction.
2) Sam will improve his handwriting.

PART F – MY SPECIAL EDUCATION PROVISION
COMMUNICATION AND INTERACTION
- A speech and language therapist will see Sam 1:1 for 30 minutes weekly.
* Regular handwriting practice.

Section H1
Not applicable.
"""


@pytest.mark.parametrize(
    ("line", "letter"),
    [
        ("Section E: Outcomes", "E"),
        ("E. Outcomes", "E"),
        ("PART F – MY SPECIAL EDUCATION PROVISION", "F"),
        ("Section H1", "H1"),
        ("H(2): Other social care provision", "H2"),
        ("## Section K - Advice and information", "K"),
        ("F: Special educational provision", "F"),
        ("E. coli was found in the water.", None),
        ("A. Sam likes trains.", None),
    ],
)
def test_section_headings_in_common_layouts(line: str, letter: str | None) -> None:
    assert section_of_heading(line) == letter


def test_markdown_plan_becomes_sections_and_items(write_file) -> None:
    plan = read_plan(write_file("sam.md", PLAN))
    assert plan.sections.present() == ["A", "B", "E", "F", "H1"]
    assert [item.id for item in plan.sections.B.items] == ["B1", "B2"]
    assert plan.sections.B.items[0].text.endswith("more than two key words.")
    assert [item.source.line for item in plan.sections.E.items] == [12, 13]
    assert [item.text for item in plan.sections.F.items][1] == "Regular handwriting practice."
    assert plan.sections.H1.statement == "Not applicable."
    assert "trains" in plan.sections.A.history


def test_text_plan_is_checked_with_lines(write_file, capsys) -> None:
    from ehcplan.cli import main

    path = write_file("sam.txt", PLAN)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:13:1: SMART001" in out
    assert f"{path}:18:1: PROV001" in out


def test_a_bare_h_is_no_section_and_never_an_error() -> None:
    # Found by the property test: "H" alone looked like a section letter with no words of its own.
    from ehcplan.readers.loose import section_of_heading

    assert section_of_heading("H)!") is None
    assert section_of_heading("H) Social care provision") is None
    assert section_of_heading("H1) Social care provision") == "H1"
