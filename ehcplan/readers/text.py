"""Read plain-text and Markdown plans into blocks: headings, list items, numbered lines, paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from ehcplan.errors import PlanFileError
from ehcplan.model import Plan, SourceLocation
from ehcplan.readers.layout import Cell, LayoutReader
from ehcplan.readers.limits import TableTooWide, refuse_outsized, refuse_wide_row
from ehcplan.readers.loose import Block, build_plan, is_detail, section_of_heading
from ehcplan.readers.structured import read_text

_MARKER = re.compile(
    r"^\s*(?:[-*+•●▪◦‣]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|\(?[A-K][0-9]{1,2}\)?[.:)]?)\s+"
)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
# "What support:<tab>Small-group maths ...": an exported field, one to a line.
_TAB_FIELD = re.compile(r"^[^\t:]{1,70}:(?:\t|\s*$)")
# "Parents: Ann Lee | Annual review due by: ...": a labelled line of details is a line of its own.
_LABELLED_LINE = re.compile(r"^[A-Z][A-Za-z' /()]{1,40}:\s+\S.*\|")
# Markdown emphasis is how the words look, not what they say: "**E1 (need B1)** By July ..."
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def plain_words(line: str) -> str:
    """A line without Markdown bold ("**E1**" is "E1"); list markers and italics are left alone."""
    return _EMPHASIS.sub(r"\2", line)


def text_blocks(text: str, *, lines_are_paragraphs: bool = False) -> list[Block]:
    """Split text into blocks, each with the line it starts on.

    Markdown tables are read as Word tables are (``LayoutReader``): a header naming sections
    ("Need (Section B) | Outcome (Section E) | Provision (Section F)") puts each cell in its
    column's section, and a header of fields ("What support | Who | How often") makes one item a row.
    """
    reader = LayoutReader()
    current: Block | None = None
    table = 0
    row = 0

    def close() -> None:
        nonlocal current
        if current is not None and current.text.strip():
            reader.add(current)
        current = None

    in_table = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = plain_words(raw.rstrip())
        stripped = line.strip()
        if in_table and not stripped.startswith("|") and ("\t" not in stripped or _TAB_FIELD.match(line)):
            reader.end_table()
            in_table = False
        if not stripped:
            close()
            continue
        if stripped.startswith("#") or section_of_heading(stripped):
            close()
            reader.add(
                Block(
                    stripped.lstrip("#").strip(),
                    SourceLocation(line=number),
                    heading=stripped.startswith("#"),
                )
            )
            continue
        tabbed = "\t" in stripped and not _TAB_FIELD.match(line) and len(stripped.split("\t")) >= 2
        if stripped.startswith("|") or tabbed:
            close()
            if not in_table:
                table, row, in_table = table + 1, 0, True
                reader.end_table()
            if not _TABLE_RULE.match(stripped):
                row += 1
                cells = "|".join(stripped.split("\t")) if tabbed else stripped
                reader.row(_cells(cells, number, table, row))
            continue
        # In a plain-text export each line is a paragraph; Markdown wraps a paragraph over lines.
        new_paragraph = lines_are_paragraphs and current is not None and re.search(r"[.!?]$", current.text)
        if (
            _MARKER.match(line)
            or current is None
            or is_detail(stripped)
            or _TAB_FIELD.match(line)
            or _LABELLED_LINE.match(stripped)
            or new_paragraph
            or bool(current is not None and (is_detail(current.text) or _LABELLED_LINE.match(current.text)))
        ):
            close()
            current = Block(stripped, SourceLocation(line=number))
        else:
            current.text = f"{current.text} {stripped}"
        if stripped.endswith(":"):
            close()  # a label or a prompt ends its block: "Please describe ...:" then the answer
    close()
    return reader.blocks


def _cells(line: str, number: int, table: int, row: int) -> list[Cell]:
    """A Markdown table row as cells; an empty cell or a dash is a cell with nothing in it."""
    raw_cells = line.strip().strip("|").split("|")
    refuse_wide_row(len(raw_cells), f"line {number}, a table row,")
    cells = []
    for column, raw in enumerate(raw_cells, start=1):
        value = raw.strip()
        where = SourceLocation(line=number, table=table, row=row, cell=column)
        texts = [value] if value and value not in ("-", "–", "—") else []
        cells.append(Cell(column, 1, texts, [False] * len(texts), [where] * len(texts), where))
    return cells


def read_text_plan(path: Path) -> Plan:
    """Read a .txt or .md plan."""
    try:
        blocks = text_blocks(read_text(path), lines_are_paragraphs=path.suffix.lower() == ".txt")
    except TableTooWide as error:
        raise PlanFileError(str(path), str(error)) from None
    refuse_outsized(str(path), (block.text for block in blocks))
    return build_plan(blocks)
