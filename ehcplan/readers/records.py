"""Records exported as labelled lines: a case-management system's plan, one field to a line.

    Provision 2
    What support:	Small-group maths catch-up on times tables, fractions and division.
    Who will provide it (Role / position):	HLTA
    How often:	3 times a week
    Linked to outcome(s):	2

Each record ("Provision 2", "Outcome 1") becomes one item with its fields, read by the same
column names as a table of one item per row. A record with nothing in its main field (an empty
template record) is no item.
"""

from __future__ import annotations

import re

from ehcplan.readers.layout import _heading_key, field_headings
from ehcplan.readers.loose import Block

_HEADER = re.compile(r"^\s*(?:outcome|provision|need|item|support)\s+[0-9]{1,2}\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^\s*(?P<label>[^:\t]{1,70}?)\s*:\s*(?P<value>.*)$")


def field_of(letter: str, label: str) -> str | None:
    """The field a label names in this section ("Who will provide it (Role / position)" -> who)."""
    names = field_headings().get(letter, {})
    key = _heading_key(re.sub(r"\([^)]*\)", "", label))
    words = key.split()
    # "who will provide it" -> "who"; the longest known start of the label decides.
    for end in range(len(words), 0, -1):
        found = names.get(" ".join(words[:end]))
        if found is not None:
            return found
    return None


def join_records(letter: str, blocks: list[Block]) -> list[Block]:
    """The section's blocks with each labelled record joined into one block with its fields."""
    if not any(_HEADER.match(block.text) for block in blocks):
        return blocks
    joined: list[Block] = []
    record: list[Block] | None = None

    def flush() -> None:
        if record is None:
            return
        fields: dict[str, str] = {}
        text = ""
        for line in record:
            found = _FIELD.match(line.text)
            name = field_of(letter, found.group("label")) if found else None
            value = found.group("value").strip() if found else ""
            if name == "text":
                text = value
            elif name is not None and value:
                fields[name] = value
        if text:
            joined.append(Block(text, record[0].source, fields=fields))

    for block in blocks:
        if _HEADER.match(block.text):
            flush()
            record = []
        elif record is not None and not block.fields and _FIELD.match(block.text):
            record.append(block)
        else:
            flush()
            record = None
            joined.append(block)
    flush()
    return joined
