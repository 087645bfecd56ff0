"""One small plan written out in the layouts local authorities use, as Word and as Markdown.

Tests read each layout back and expect the same sections, items and findings: the layout must
not change what the checker says. Built with python-docx, so no Word files are kept in the tree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from ehcplan.model import SECTION_TITLES

TITLES = SECTION_TITLES
ORDER = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")
AREAS = ("Communication and interaction", "Cognition and learning")

DETAILS = [
    ("Name", "Sam Jones"),
    ("Date of birth", "2016-05-04"),
    ("Status", "final"),
    ("Date of this plan", "2026-09-01"),
    ("Date of next review", "2027-08-31"),
]
# Sections of items, by area of need (so the DfE layout can group B, F and E per area).
BY_AREA: dict[str, dict[str, list[str]]] = {
    "B": {
        AREAS[0]: [
            "Sam finds it hard to follow spoken instructions with more than two key words.",
            "Sam finds it hard to take turns in conversation with other children.",
        ],
        AREAS[1]: ["Sam reads at about the level expected in Year 2 and finds spelling hard."],
    },
    "E": {
        AREAS[0]: [
            "By the end of Year 5, Sam will follow a three-step instruction in class without a reminder.",
            "Sam will improve his communication skills.",
        ],
        AREAS[1]: ["By July 2027, Sam will read a Year 4 book aloud with 90% accuracy."],
    },
    "F": {
        AREAS[0]: [
            "A speech and language therapist will see Sam one-to-one for 30 minutes once a week.",
            "Access to speech and language therapy as required.",
        ],
        AREAS[1]: [
            "A teaching assistant will run a phonics programme with Sam in a group of up to 3 pupils "
            "for 20 minutes every day.",
            "Regular reading support.",
        ],
    },
}
A_TEXT = [
    "Sam is nine and lives with his mum and his sister. He loves trains and drawing.",
    'Sam says: "I like drawing trains. When I grow up I want to be a train driver."',
]
STATEMENTS = {
    "C": "Sam has no health needs related to his special educational needs.",
    "D": "Not applicable: Sam has no social care needs.",
    "G": "Not applicable: Sam has no health needs related to his special educational needs.",
    "H1": "Not applicable.",
    "I": "Oakfield Primary School, a mainstream primary school.",
    "J": "No personal budget has been requested.",
}
LISTS = {
    "H2": [
        "Sam's mum will be offered a parenting course at the family centre, two hours a week for ten weeks."
    ],
    "K": [
        "Parents' advice, Jo Jones, mother, 1 June 2026.",
        "Educational advice, Ms Patel, class teacher, 3 June 2026.",
    ],
}


def items(letter: str) -> list[str]:
    """The items of a section in reading order (all areas of need)."""
    if letter in BY_AREA:
        return [text for area in AREAS for text in BY_AREA[letter][area]]
    return LISTS.get(letter, [])


def markdown(*, by_area: bool = False) -> str:
    """The plan as Markdown, one heading per section; ``by_area`` puts B, E and F under a heading
    per area of need, as the layouts that group them by area do (the headings link them)."""
    lines = ["# Education, Health and Care plan", ""]
    lines += [f"{label}: {value}" for label, value in DETAILS] + [""]
    for letter in ORDER:
        lines += [f"## Section {letter}: {TITLES[letter]}", ""]
        if letter == "A":
            for text in A_TEXT:
                lines += [text, ""]
        elif letter in STATEMENTS:
            lines += [STATEMENTS[letter], ""]
        elif by_area and letter in BY_AREA:
            for area in AREAS:
                lines += [f"### {area}", ""] + [f"- {text}" for text in BY_AREA[letter][area]] + [""]
        else:
            lines += [f"- {text}" for text in items(letter)] + [""]
    return "\n".join(lines)


# The layouts that group B, E and F by area of need, so read the golden thread from it.
GROUPED_BY_AREA = frozenset({"bold-labels", "dfe"})


def _details_table(document: Any) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in DETAILS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value


def _bold(paragraph: Any, text: str) -> None:
    paragraph.add_run(text).bold = True


def _plain_section(document: Any, letter: str) -> bool:
    """Write section A or a one-sentence section as paragraphs; False for a section of items."""
    if letter == "A":
        for text in A_TEXT:
            document.add_paragraph(text)
    elif letter in STATEMENTS:
        document.add_paragraph(STATEMENTS[letter])
    else:
        return False
    return True


def headings_layout() -> Any:
    """Heading styles for sections, Word's own numbered and bulleted lists for items."""
    document = Document()
    document.add_heading("Education, Health and Care plan", 0)
    _details_table(document)
    for letter in ORDER:
        document.add_heading(f"Section {letter}: {TITLES[letter]}", 1)
        if not _plain_section(document, letter):
            style = "List Number" if letter in ("E", "F") else "List Bullet"
            for text in items(letter):
                document.add_paragraph(text, style=style)
    return document


def bold_labels_layout() -> Any:
    """Bold all-caps labels ("PART F – MY SPECIAL EDUCATION PROVISION"), "C:" labels with the text
    after them, and a table per area of need with one item per row under a merged title row."""
    document = Document()
    document.add_paragraph().add_run("MY EDUCATION, HEALTH AND CARE PLAN").bold = True
    for label, value in DETAILS:
        paragraph = document.add_paragraph()
        _bold(paragraph, f"{label}: ")
        paragraph.add_run(value)
    for letter in ORDER:
        if letter in STATEMENTS:
            paragraph = document.add_paragraph()
            _bold(paragraph, f"{letter}:")
            paragraph.add_run(" " + STATEMENTS[letter])
            continue
        _bold(document.add_paragraph(), f"PART {letter} – MY {TITLES[letter].upper()}")
        if letter == "A":
            for text in A_TEXT:
                document.add_paragraph(text)
        elif letter in BY_AREA:
            for area in AREAS:
                table = document.add_table(rows=1, cols=2)
                table.style = "Table Grid"
                title = table.rows[0].cells[0].merge(table.rows[0].cells[1])
                _bold(title.paragraphs[0], area.upper())
                for number, text in enumerate(BY_AREA[letter][area], start=1):
                    cells = table.add_row().cells
                    cells[0].text = f"{number}."
                    cells[1].text = text
                document.add_paragraph("")
        else:
            for text in items(letter):
                document.add_paragraph(text, style="List Bullet")
    return document


def numbered_layout() -> Any:
    """Plain paragraphs throughout: 'Section H1' / 'H(1)' headings, items typed as '1.' and '(a)'."""
    document = Document()
    document.add_paragraph("Education, Health and Care plan for Sam Jones")
    for label, value in DETAILS:
        document.add_paragraph(f"{label}: {value}")
    for letter in ORDER:
        heading = (
            f"{letter[0]}({letter[1]}) {TITLES[letter]}" if letter.startswith("H") else f"Section {letter}"
        )
        document.add_paragraph(heading)
        if not _plain_section(document, letter):
            for number, text in enumerate(items(letter), start=1):
                marker = f"({chr(96 + number)})" if letter == "K" else f"{number}."
                paragraph = document.add_paragraph(f"{marker} ")
                paragraph.add_run(text)
    return document


def dfe_layout() -> Any:
    """The DfE draft template's grouping: a table per area of need, B → F → E in columns, the area
    across the top (merged), and a need cell merged down beside two rows of provision."""
    document = Document()
    document.add_heading("Education, Health and Care plan", 0)
    _details_table(document)
    for letter in ("A",):
        document.add_heading(f"Section {letter}: {TITLES[letter]}", 1)
        for text in A_TEXT:
            document.add_paragraph(text)
    document.add_heading("Needs, provision and outcomes by area of need", 1)
    for area in AREAS:
        needs, provision, outcomes = (BY_AREA[letter][area] for letter in ("B", "F", "E"))
        rows = max(len(provision), len(outcomes))
        table = document.add_table(rows=2 + rows, cols=3)
        table.style = "Table Grid"
        top = table.rows[0].cells[0].merge(table.rows[0].cells[2])
        _bold(top.paragraphs[0], area)
        for cell, letter in zip(table.rows[1].cells, ("B", "F", "E"), strict=True):
            _bold(cell.paragraphs[0], f"Section {letter} – {TITLES[letter]}")
        need_cell = table.cell(2, 0).merge(table.cell(1 + rows, 0)) if rows > 1 else table.cell(2, 0)
        need_cell.paragraphs[0].text = needs[0]
        for text in needs[1:]:
            need_cell.add_paragraph(text)
        for index in range(rows):
            if index < len(provision):
                table.cell(2 + index, 1).text = provision[index]
            if index < len(outcomes):
                table.cell(2 + index, 2).text = outcomes[index]
        document.add_paragraph("")
    for letter in ("C", "D", "G", "H1", "H2", "I", "J", "K"):
        document.add_heading(f"Section {letter}: {TITLES[letter]}", 1)
        if letter in STATEMENTS:
            document.add_paragraph(STATEMENTS[letter])
        else:
            for text in items(letter):
                document.add_paragraph(text, style="List Bullet")
    return document


LAYOUTS = {
    "headings": headings_layout,
    "bold-labels": bold_labels_layout,
    "numbered": numbered_layout,
    "dfe": dfe_layout,
}


def write_layout(name: str, folder: Path) -> Path:
    """Write one layout as a .docx file in ``folder``."""
    path = folder / f"{name}.docx"
    LAYOUTS[name]().save(str(path))
    return path


# --- the house layout, as ehcplan's Word renderer is to write it --------------------------------

HOUSE_COLUMNS = {
    "need": [("No.", "id"), ("Need", "text"), ("Area of need", "area"), ("Strengths", "strengths")],
    "outcome": [("No.", "id"), ("Outcome", "text"), ("By when", "timescale"), ("Needs", "needs")],
    "provision": [
        ("No.", "id"),
        ("What support", "text"),
        ("Who provides it", "who"),
        ("Group size", "group_size"),
        ("How often", "how_often"),
        ("How long", "how_long"),
        ("Needs", "needs"),
        ("Outcomes", "outcomes"),
    ],
}
HOUSE_DETAILS = [
    ("Name", "child.name"),
    ("Preferred name", "child.preferred_name"),
    ("Date of birth", "child.date_of_birth"),
    ("Year group", "child.year_group"),
    ("Home language", "child.home_language"),
    ("Local authority", "local_authority"),
    ("Status", "status"),
    ("Date of this plan", "issue_date"),
    ("Date of next review", "next_review"),
]


def _value(item: Any, name: str) -> str:
    value = getattr(item, name, None)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    if hasattr(value, "role"):
        return value.role
    return str(getattr(value, "value", value))


def house_layout(plan: Any) -> Any:
    """A plan in the house layout: a heading per section, a table with a header row per section of items."""
    document = Document()
    document.add_heading("Education, Health and Care plan", 0)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, path in HOUSE_DETAILS:
        value: Any = plan.details
        for part in path.split("."):
            value = getattr(value, part)
        if value is not None:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, str(getattr(value, "value", value))
    for letter in plan.sections.present():
        document.add_heading(f"Section {letter}: {TITLES[letter]}", 1)
        section = getattr(plan.sections, letter)
        if letter == "A":
            _house_a(document, section)
        elif letter in ("I", "J"):
            if section.statement:
                document.add_paragraph(section.statement)
        elif letter == "K":
            for advice in section:
                document.add_paragraph(advice.title or advice.kind.value)
        elif section.statement and not section.items:
            document.add_paragraph(section.statement)
        else:
            kind = {"E": "outcome", "B": "need", "C": "need", "D": "need"}.get(letter, "provision")
            columns = HOUSE_COLUMNS[kind]
            grid = document.add_table(rows=1, cols=len(columns))
            grid.style = "Table Grid"
            for cell, (heading, _name) in zip(grid.rows[0].cells, columns, strict=True):
                cell.paragraphs[0].add_run(heading).bold = True
            for item in section.items:
                for cell, (_heading, name) in zip(grid.add_row().cells, columns, strict=True):
                    cell.text = _value(item, name)
    return document


def _house_a(document: Any, section: Any) -> None:
    parts = [
        ("History", (section.history or "").split("\n\n") if section.history else []),
        ("My views", [section.child_views] if section.child_views else []),
        ("Parents' views", [section.parent_views] if section.parent_views else []),
        ("Interests", section.interests),
        ("Strengths", section.strengths),
        ("Aspirations", [aspiration.text for aspiration in section.aspirations]),
        ("How to communicate with me", section.communication.split("\n\n") if section.communication else []),
    ]
    for heading, values in parts:
        if not values:
            continue
        document.add_heading(heading, 2)
        for value in values:
            if hasattr(value, "whose_words"):
                document.add_paragraph(value.text)
                if value.whose_words:
                    document.add_paragraph(f"Whose words: {value.whose_words}")
            else:
                document.add_paragraph(value)
