"""`ehcplan new PLAN.docx`: a blank Word plan in the house layout, which the Word reader reads back.

The layout (headings, prompts, table columns) is data in ``templates/word-starter.yaml``. The
Word renderer can share it later; this module only writes the blank starter.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ehcplan.errors import EhcplanError
from ehcplan.files import write_atomic
from ehcplan.model import ALL_SECTIONS, SECTION_TITLES
from ehcplan.words import house_layout

PROMPT_COLOUR = (0x59, 0x59, 0x59)


def section_heading(letter: str) -> str:
    """The heading of a section in the house layout: 'Section F: Special educational provision'."""
    return f"Section {letter}: {SECTION_TITLES[letter]}"


def starter_docx() -> bytes:
    """The blank Word plan, as the bytes of a .docx file."""
    from docx import Document
    from docx.shared import RGBColor

    layout = house_layout()
    document = Document()
    document.core_properties.title = layout["title"]
    document.core_properties.author = "ehcplan"
    document.add_heading(layout["title"], 0)

    def prompt(text: str) -> None:
        run = document.add_paragraph().add_run(text)
        run.italic = True
        run.font.color.rgb = RGBColor(*PROMPT_COLOUR)

    prompt(layout["intro"])
    _table(document, None, layout["details"])
    for letter in ALL_SECTIONS:
        section = layout["sections"][letter]
        document.add_heading(section_heading(letter), 1)
        prompt(section["prompt"])
        for part in section.get("parts", []):
            document.add_heading(part["heading"], 2)
            prompt(part["prompt"])
        if "table" in section:
            _table(document, section["table"], [[""] * len(section["table"])])
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _table(document: Any, header: list[str] | None, rows: list[list[str]]) -> None:
    width = len(header) if header else len(rows[0])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_as_header(table.rows[0])
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            if text:
                cell.paragraphs[0].add_run(text)


def _repeat_as_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def write_docx_starter(target: Path) -> None:
    """Write the blank Word plan to ``target``; refuses if the file exists."""
    if target.exists():
        raise EhcplanError(f"{target}: already exists; ehcplan new never overwrites a plan")
    write_atomic(target, starter_docx())
