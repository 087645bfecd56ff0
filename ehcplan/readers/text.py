"""Read plain-text and Markdown plans into blocks: headings, list items, numbered lines, paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from ehcplan.model import Plan, SourceLocation
from ehcplan.readers.loose import Block, build_plan, is_detail, section_of_heading
from ehcplan.readers.structured import read_text

_MARKER = re.compile(
    r"^\s*(?:[-*+•●▪◦‣]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|\(?[A-K][0-9]{1,2}\)?[.:)]?)\s+"
)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def text_blocks(text: str) -> list[Block]:
    """Split text into blocks, each with the line it starts on."""
    blocks: list[Block] = []
    current: Block | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.text.strip():
            blocks.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            close()
            continue
        if stripped.startswith("#") or section_of_heading(stripped):
            close()
            blocks.append(
                Block(
                    stripped.lstrip("#").strip(),
                    SourceLocation(line=number),
                    heading=stripped.startswith("#"),
                )
            )
            continue
        if stripped.startswith("|"):
            close()
            if not _TABLE_RULE.match(stripped):
                cells = [cell.strip() for cell in stripped.strip("|").split("|")]
                blocks.extend(
                    Block(cell, SourceLocation(line=number, cell=index))
                    for index, cell in enumerate(cells, 1)
                    if cell
                )
            continue
        if _MARKER.match(line) or current is None or is_detail(stripped):
            close()
            current = Block(stripped, SourceLocation(line=number))
        else:
            current.text = f"{current.text} {stripped}"
    close()
    return blocks


def read_text_plan(path: Path) -> Plan:
    """Read a .txt or .md plan."""
    return build_plan(text_blocks(read_text(path)))
